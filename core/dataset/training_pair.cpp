#include "core/dataset/training_pair.h"

#include <algorithm>
#include <string>

#include "core/color/ycbcr.h"
#include "core/dataset/channel_layout.h"
#include "core/dataset/median_filter.h"
#include "core/exec/errors.h"

namespace filmrecover {

Rect effectiveValidArea(const Rect& rect, int width, int height) {
  if (rect.empty()) return Rect{0, 0, width, height};
  Rect r{std::max(rect.x0, 0), std::max(rect.y0, 0), std::min(rect.x1, width),
         std::min(rect.y1, height)};
  return r;
}

Image cropImage(const Image& image, const Rect& rect) {
  Image out(rect.width(), rect.height(), image.channels);
  const size_t rowValues = static_cast<size_t>(rect.width()) * image.channels;
  for (int y = 0; y < rect.height(); ++y)
    std::copy_n(&image.pixels[image.index(rect.x0, rect.y0 + y)], rowValues,
                &out.pixels[out.index(0, y)]);
  return out;
}

Image clampUnit(const Image& image) {
  Image out = image;
  for (float& v : out.pixels) v = std::clamp(v, 0.0f, 1.0f);
  return out;
}

namespace {

Image prepareReference(const Image& rgb, const PairSettings& s) {
  Image r = s.clampHighlights ? clampUnit(rgb) : rgb;
  return medianFilter(r, s.medianPrefilter);
}

}  // namespace

TrainingPair buildTrainingPair(int frame, const Image& sourceRgb, const Image& targetRgb,
                               const Image* detailRgb, const PairSettings& settings) {
  const std::string where = "frame " + std::to_string(frame);
  auto sameSize = [](const Image& a, const Image& b) {
    return a.width == b.width && a.height == b.height;
  };
  if (!sameSize(sourceRgb, targetRgb))
    throw InputError(where + ": the aligned target is " + std::to_string(targetRgb.width) + "x" +
                     std::to_string(targetRgb.height) + " but the source is " +
                     std::to_string(sourceRgb.width) + "x" + std::to_string(sourceRgb.height) +
                     "; align the reference onto the source first.");
  if (detailRgb && !sameSize(sourceRgb, *detailRgb))
    throw InputError(where + ": the detail target size differs from the source size.");
  const Rect area = effectiveValidArea(settings.validArea, sourceRgb.width, sourceRgb.height);
  if (area.empty())
    throw InputError(where + ": the valid area lies outside the " +
                     std::to_string(sourceRgb.width) + "x" + std::to_string(sourceRgb.height) +
                     " frame.");

  const Image source = settings.clampHighlights ? clampUnit(sourceRgb) : sourceRgb;
  const Image target = prepareReference(targetRgb, settings);
  Image detail;
  if (detailRgb) detail = prepareReference(*detailRgb, settings);

  const Image sourceYcc = rgbToYCbCr(cropImage(source, area));
  const Image targetYcc = rgbToYCbCr(cropImage(target, area));
  Image detailYcc;
  if (detailRgb) detailYcc = rgbToYCbCr(cropImage(detail, area));

  TrainingPair pair;
  pair.frame = frame;
  pair.input = networkInput(sourceYcc, settings.mode);
  pair.target = networkTarget(targetYcc, detailRgb ? &detailYcc : nullptr, settings.mode);
  return pair;
}

}  // namespace filmrecover
