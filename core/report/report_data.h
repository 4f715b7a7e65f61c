#pragma once
#include <string>
#include <vector>

#include "core/analysis/sequence_metrics.h"
#include "core/image/image.h"

namespace filmrecover::report {

//! One source element of the recovery (the faded print, the reference DVD ...).
struct SourceSummary {
  std::string role;         //!< "source", "reference", "output" ...
  std::string spec;         //!< pattern, movie or folder as given
  std::string frameRange;   //!< e.g. "1001-1240" (formatFrameSet)
  int frames = 0;           //!< frames present
  int missing = 0;          //!< gaps inside the range
  int width = 0, height = 0;
  double frameRate = 0;     //!< 0 = unknown
  std::string notes;        //!< codec, data type, colour space ...
};

//! The temporal mapping of reference frames onto source frames.
struct MappingSummary {
  bool present = false;
  int pairs = 0;                        //!< matched frame pairs
  double coverage = 0;                  //!< share of source frames that have a pair (0..1)
  std::vector<std::string> unmatched;   //!< source frame ranges without a pair ("1001-1012 (cut)")
  std::vector<int> sourceFrames;        //!< for the plot: one point per pair
  std::vector<int> referenceFrames;     //!< same length
  std::vector<double> confidence;       //!< same length (0..1) or empty
  double confidenceThreshold = 0.5;     //!< pairs below are flagged in the plot
};

//! Alignment residual of one frame.
struct AlignmentFrame {
  int frame = 0;
  double residual = 0;      //!< registration error (px RMS or the aligner's unit)
  bool flagged = false;     //!< rejected or suspicious
  std::string note;         //!< why it was flagged
};

//! One loss curve (training or hold-out) of the model.
struct LossSeries {
  std::string name;          //!< "train", "hold-out", "train (smoothed)" ...
  std::vector<double> step;
  std::vector<double> loss;
};

//! Metrics of one candidate (model, baseline, untouched source) against the reference on
//! the hold-out frames, as compareSequences returns them.
struct CandidateMetrics {
  std::string name;                    //!< "model", "match-grade baseline", "source"
  analysis::SequenceMetrics metrics;
};

//! A before/after still (shown side by side, as a wipe, and with scopes of both).
struct StillComparison {
  int frame = 0;
  std::string beforeLabel = "source", afterLabel = "restored";
  Image before, after;           //!< display-referred RGB, same size
  Image reference;               //!< optional third view (the aligned reference)
};

//! One key/value line (provenance, settings).
struct KeyValue {
  std::string key, value;
};

//! A frame of an element that could not be used (missing, truncated, corrupt, another size,
//! NaN/Inf): it has no restored frame, and the supervisor must know which and why.
struct SkippedFrame {
  std::string role;              //!< "source", "reference", or "aligned" (an aligned frame of the work dir)
  int frame = 0;
  std::string kind;              //!< missing | unreadable | truncated | size | channels | non-finite | concealed
  std::string stage;             //!< the stage that found it
  std::string message;           //!< names the file
};

//! recover's scope decision (issue 17, item 3): how the film's model fared on each shot's
//! unseen pairs, and the narrower models trained where it failed.
struct ScopeShot {
  int shot = 0, first = 0, last = 0, scene = 0;  //!< 1-based shot and scene, source frames
  std::string judgedFrames;       //!< frame set of the unseen pairs measured ("" = not judged)
  double error = -1, othersMedian = -1;  //!< -1: not judged / no other shot
  bool failing = false;
  std::string verdict;            //!< one sentence with the figures
  std::string model;              //!< the model that rendered it ("" = the film's model)
};
struct ScopeModel {
  std::string name, kind, frames, model, reason, verdict;
  int trainPairs = 0;
  double broadError = -1, scopedError = -1;  //!< on the range's unseen pairs (-1: none)
  bool trained = false, kept = false;
};
struct ScopeSummary {
  std::string scope;              //!< sequence | scene | shot | auto ("" = no scope stage)
  std::string unit;               //!< the error's unit ("dE2000", "% luma")
  std::string decision, rule;     //!< one line each
  std::vector<ScopeShot> shots;
  std::vector<ScopeModel> models;
};

//! Everything the QC report shows. The pipeline fills it from the work dir; every part
//! is optional: an empty part leaves its section out (or says that it is absent).
struct ReportData {
  std::string title = "Recovery QC report";
  std::string film;               //!< film title
  std::string mode;               //!< "chroma", "spatial", "combined"
  std::string shot;               //!< shot / scene id
  std::string operatorName, institution;
  std::string generated;          //!< timestamp text ("" = now, filled by the renderer)
  std::string softwareVersion;    //!< "" = this build's version
  std::vector<SourceSummary> sources;
  MappingSummary mapping;
  std::vector<AlignmentFrame> alignment;
  double alignmentThreshold = 0;  //!< residual above which frames are flagged (0 = none drawn)
  std::string alignmentUnit = "px";
  Image contactSheet;             //!< curated pairs (empty = section left out)
  std::string contactSheetCaption;
  std::vector<LossSeries> losses;
  std::string holdoutFrames;      //!< frame set the metrics were computed on
  std::vector<CandidateMetrics> candidates;
  //! Temporal consistency and grain of each candidate over runs of consecutive frames
  //! (against the aligned reference, under the source's motion, split at the source's cuts):
  //! warping error and CDC of the candidate, the reference and the source, per shot too.
  std::vector<CandidateMetrics> temporal;
  std::string temporalFrames;     //!< frame set those were measured on
  std::vector<StillComparison> stills;
  std::vector<KeyValue> provenance;
  std::vector<KeyValue> settings; //!< training / render settings
  std::vector<std::string> warnings;
  std::vector<SkippedFrame> skippedFrames;  //!< every frame left out, by role and frame
  ScopeSummary scope;
};

}  // namespace filmrecover::report
