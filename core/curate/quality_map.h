#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/image/image.h"

namespace filmrecover {
class FrameSource;
namespace match {
struct Mapping;
}
}  // namespace filmrecover

namespace filmrecover::curate {

//! Measured quality of one element over some frames. Detail measures are taken at the
//! source's frame size (a reference is rescaled to it first) so they compare directly.
struct ElementQuality {
  int width = 0, height = 0;     //!< native frame size
  int framesMeasured = 0;
  double sharpness = 0;          //!< strongest edge slope / picture contrast (1/px); higher = sharper
  double edgeWidth = 0;          //!< 1 / sharpness: approximate 10-90 % edge width in source pixels
  double highFrequency = 0;      //!< RMS of luma minus its 1.5 px blur, share of contrast
  double grain = 0;              //!< RMS of the fine residual on flat areas (luma units)
  double grainHighShare = 0;     //!< share of that residual above half Nyquist (spectrum shape)
  double dust = 0;               //!< impulse specks per megapixel
  double scratches = 0;          //!< vertical scratch lines per frame
  double chromaVariety = 0;      //!< spread of opponent colour (Hasler-Suesstrunk sigma term)
  double colourfulness = 0;      //!< Hasler-Suesstrunk colourfulness
  double colourCast = 0;         //!< mean chroma of the mid-grey areas (a fade's cast)
};

//! One shot of the source (between cuts): both elements measured there and the verdicts.
struct ShotQuality {
  int first = 0, last = 0;       //!< source frames
  double coverage = 0;           //!< share of its frames the reference shows
  ElementQuality source, reference;
  std::string betterColour;      //!< "source", "reference", "similar" or "unknown" (no reference)
  std::string betterDetail;
};

//! The source inventory and quality map of two elements.
struct QualityMap {
  ElementQuality source, reference;
  std::vector<ShotQuality> shots;
  std::vector<std::pair<int, int>> sourceCovered;      //!< source ranges the reference shows
  std::vector<std::pair<int, int>> sourceUncovered;    //!< source ranges only the source has
  std::string betterColour, betterDetail;              //!< over the whole overlap
};

//! Measures one frame (used per sampled frame, averaged by the callers).
ElementQuality measureFrame(const Image& frame, int targetWidth, int targetHeight);

//! Measures up to `samplesPerShot` frames per shot in both elements (reference frames via
//! the mapping) and decides, per shot and overall, which element holds the better colour
//! and the better detail (a difference under 10 % reads "similar").
QualityMap buildQualityMap(const FrameSource& source, const FrameSource& reference, const match::Mapping& mapping,
                           int samplesPerShot = 2, const CancelToken& cancel = {},
                           const ProgressCallback& progress = {});

nlohmann::json qualityMapToJson(const QualityMap& map);
//! A few lines for people: the verdicts and the numbers behind them.
std::string qualityMapSummary(const QualityMap& map);
//! A warning sentence when `mode` (chroma | spatial | combined) would learn from the worse
//! element ("" when the direction is right or unknown).
std::string directionWarning(const QualityMap& map, const std::string& mode);

}  // namespace filmrecover::curate
