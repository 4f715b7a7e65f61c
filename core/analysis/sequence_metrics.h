#pragma once
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/colour_consistency.h"
#include "core/analysis/frame_metrics.h"
#include "core/analysis/grain_spectrum.h"
#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/image/image.h"
#include "core/io/frame_defect.h"

namespace filmrecover {
class FrameSource;
}

namespace filmrecover::analysis {

//! Change from one frame to the next (only for frames numbered f-1, f, both compared).
struct TemporalMetrics {
  int frame = 0;              //!< the later frame
  double lumaStepA = 0;       //!< |mean Y'(A, f) - mean Y'(A, f-1)|
  double chromaStepA = 0;     //!< |mean (Cb,Cr)(A, f) - mean (Cb,Cr)(A, f-1)| (Euclidean)
  double lumaStepB = 0;       //!< the same for B
  double chromaStepB = 0;
  double lumaStepExcess = 0;   //!< |step of A - step of B| for mean Y' (signed steps): flicker A adds
  double chromaStepExcess = 0; //!< |step of A - step of B| for mean (Cb, Cr), Euclidean
  double warpErrorA = 0;      //!< warpingError of A under the guide's motion
  double warpErrorB = 0;      //!< warpingError of B under the same motion
  double warpErrorSource = 0; //!< warpingError of the source under the same motion (0 without one)
  double chromaWarpErrorA = 0, chromaWarpErrorB = 0, chromaWarpErrorSource = 0;  //!< the same in Cb, Cr alone
  int shot = 0;               //!< index of the shot both frames belong to (pairs across a cut are not measured)
  double occludedFraction = 0;  //!< share of pixels the occlusion mask left out
};

//! Means over the TemporalMetrics of a sequence.
struct TemporalSummary {
  int pairs = 0;
  double meanLumaStepA = 0, maxLumaStepA = 0, meanLumaStepB = 0;
  double meanChromaStepA = 0, maxChromaStepA = 0, meanChromaStepB = 0;
  double meanLumaStepExcess = 0, meanChromaStepExcess = 0;
  double meanWarpErrorA = 0, meanWarpErrorB = 0, meanWarpErrorSource = 0;
  double meanChromaWarpErrorA = 0, meanChromaWarpErrorB = 0, meanChromaWarpErrorSource = 0;
};

//! Temporal consistency of one shot (frames between two cuts) of the compared range.
struct ShotConsistency {
  int first = 0, last = 0;    //!< first and last compared frame of the shot
  int pairs = 0;              //!< consecutive pairs measured in it
  double warpErrorA = 0, warpErrorB = 0, warpErrorSource = 0;  //!< means over its pairs
  double chromaWarpErrorA = 0, chromaWarpErrorB = 0, chromaWarpErrorSource = 0;
  CdcResult cdcA, cdcB, cdcSource;  //!< CDC within the shot
};

//! What compareSequences measures and how.
struct CompareOptions {
  bool deltaE = true;    //!< CIEDE2000 per pixel (the slowest metric)
  bool temporal = true;  //!< flicker and warping error of consecutive frames
  bool grain = true;     //!< noise power spectra of flat blocks of A and B (and the source)
  //! First frame of every shot after the first: no temporal measure (flicker, warping
  //! error, CDC) spans a cut, and the per-shot figures split there. Empty = one shot.
  std::vector<int> cuts;
  GrainOptions grainOptions;
  int threads = 0;       //!< 0 = hardware concurrency
};

//! Metrics of sequence A against sequence B (and the source A was made from).
struct SequenceMetrics {
  std::vector<FrameMetrics> frames;  //!< per compared frame, in the order asked
  FrameMetrics mean;                 //!< mean of every field over the frames (frame = count)
  std::vector<TemporalMetrics> temporal;
  TemporalSummary temporalSummary;
  //! Colour distribution consistency of A, B and the source over the compared frames (with
  //! options.temporal; cdcSource measured only with a source).
  CdcResult cdcA, cdcB, cdcSource;
  std::vector<ShotConsistency> shots;  //!< per shot, in frame order (with options.temporal)
  std::vector<int> cuts;               //!< the cuts the figures were split at
  std::string motionGuide;           //!< "source" or "B": whose motion the warping error uses
  bool hasGrain = false;
  GrainComparison grain;             //!< A's grain against B's, on B's flattest blocks
  bool hasSourceGrain = false;
  GrainComparison grainVsSource;     //!< A's grain against the source's, on the same blocks
  std::vector<FrameDefect> skipped;  //!< frames left out because one of the sequences' frames is damaged
};

//! Reads one frame of a sequence; throws InputError when it cannot.
using FrameReader = std::function<Image(int frame)>;

//! Compares A with B over `frames` (in that order); `readSource` may be empty. Frames
//! are read once each; progress reports one unit per frame. A frame that cannot be read
//! (FrameDefectError) is left out and listed in `skipped`. Throws InputError for a
//! mismatched frame or when no frame can be read, CancelledError when `cancel` is set.
SequenceMetrics compareSequences(const FrameReader& readA, const FrameReader& readB,
                                 const FrameReader& readSource, const std::vector<int>& frames,
                                 const CompareOptions& options = {}, const ProgressCallback& progress = {},
                                 const CancelToken& cancel = {});

//! The same over opened sources; `frames` empty = every frame A and B (and the source)
//! have in common. Throws InputError when they have none in common.
SequenceMetrics compareSequences(const FrameSource& a, const FrameSource& b, const FrameSource* source,
                                 std::vector<int> frames, const CompareOptions& options = {},
                                 const ProgressCallback& progress = {}, const CancelToken& cancel = {});

//! JSON form (field names as in the structs, snake_case).
nlohmann::json toJson(const FrameMetrics& m);
nlohmann::json toJson(const CdcResult& r);
nlohmann::json toJson(const SequenceMetrics& m);
//! A fixed-width text table: one row per frame, a mean row, then flicker and grain lines.
std::string formatTable(const SequenceMetrics& m);

}  // namespace filmrecover::analysis
