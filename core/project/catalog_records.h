#pragma once
// The rows of a project catalog as plain structs (no SQLite types leak out).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace filmrecover::project {

//! One element of the film (a scan, a print, a DVD) registered in the project.
struct SourceRecord {
  int64_t id = 0;
  std::string role;          //!< "source" (to restore) or "reference" (holds the better information)
  std::string spec;          //!< pattern, movie or folder as given
  int first = 0, last = 0, frameCount = 0;
  int width = 0, height = 0;
  nlohmann::json info;       //!< anything else measured (inventory, metadata)
};

//! A frame of an element that a stage could not use, and why (io's FrameDefect as a row).
struct FrameDefectRecord {
  std::string role;          //!< "source", "reference", or "aligned" (an aligned frame of the work dir)
  std::string stage;         //!< where it was found: "match", "render", "grade" ...
  int frame = 0;
  std::string path;          //!< the file, or the movie
  std::string kind;          //!< missing | unreadable | truncated | size | channels | non-finite | concealed
  std::string message;       //!< the sentence shown to the user
  std::string foundAt;       //!< ISO-8601 UTC
};

//! One matched pair: a source frame and the reference frame that shows the same picture.
struct MappingRecord {
  int sourceFrame = 0;
  int referenceFrame = 0;
  double confidence = 0;
  bool flagged = false;      //!< low confidence or otherwise not to be trusted
  std::string reason;        //!< why it was flagged
};

//! The registration of a reference frame onto its source frame.
struct TransformRecord {
  int sourceFrame = 0;
  std::array<double, 9> matrix{1, 0, 0, 0, 1, 0, 0, 0, 1};  //!< row-major, reference -> source pixels
  double residual = 0;       //!< residual error in pixels
  double inlierRatio = 1;
  bool flagged = false;
  std::string reason;
};

//! A curation decision for one source frame, with who made it and when.
struct CurationRecord {
  int frame = 0;
  std::string decision;      //!< "train", "holdout" or "rejected"
  std::string reason;
  std::string who;           //!< "auto" for the suggestion, else the operator
  std::string at;            //!< ISO-8601 UTC
};

//! One training run: its settings, where the model went, how it ended and its final metrics.
struct TrainingRunRecord {
  int64_t id = 0;
  std::string mode;          //!< chroma | spatial | combined
  nlohmann::json settings;
  std::string modelPath;
  std::string status;        //!< running | done | failed | cancelled
  std::string startedAt, finishedAt;
  nlohmann::json metrics;
};

//! One render of a model over a frame set, with its provenance.
struct RenderRecord {
  int64_t id = 0;
  int64_t runId = 0;         //!< the training run whose model rendered (0 = none, e.g. a baseline)
  std::string output;        //!< output pattern
  std::string frames;        //!< frame set
  nlohmann::json provenance;
  std::string status;        //!< running | done | failed | cancelled
  std::string startedAt, finishedAt;
};

//! One trial in the experiment log: what was tried and what came out of it.
struct ExperimentEntry {
  int64_t id = 0;
  std::string at;
  std::string title;
  std::string frames;        //!< training / hold-out frames
  std::string crop;
  std::string alignment;
  std::string colorChain;
  nlohmann::json settings;
  std::string outputs;
  std::string observations;
};

//! A cached pipeline stage: the hash of its inputs and settings, and what it produced.
struct StageRecord {
  std::string name;
  std::string key;           //!< hash of inputs + settings; a different key means redo
  std::string status;        //!< running | done | failed
  nlohmann::json result;
  std::string updatedAt;
};

}  // namespace filmrecover::project
