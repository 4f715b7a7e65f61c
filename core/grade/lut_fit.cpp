#include "core/grade/lut_fit.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "core/exec/errors.h"
#include "core/grade/lattice_system.h"
#include "core/grade/log_shaper.h"

namespace filmrecover::grade {
namespace {

// Source colour in lattice space [0,1]^3 and target colour, one per sampled pixel.
struct Samples {
  std::vector<float> coords;
  std::vector<float> targets;
  size_t count() const { return coords.size() / 3; }
};

Rect cropFor(const Image& image, const Rect& crop) {
  if (crop.empty()) return Rect{0, 0, image.width, image.height};
  Rect r{std::max(0, crop.x0), std::max(0, crop.y0), std::min(image.width, crop.x1),
         std::min(image.height, crop.y1)};
  if (r.empty())
    throw InputError("the crop " + std::to_string(crop.x0) + "," + std::to_string(crop.y0) + "," +
                     std::to_string(crop.x1) + "," + std::to_string(crop.y1) +
                     " lies outside the " + std::to_string(image.width) + "x" +
                     std::to_string(image.height) + " training frames.");
  return r;
}

Samples drawSamples(const std::vector<LutTrainingPair>& pairs, const LutFitOptions& options) {
  size_t total = 0;
  for (const auto& p : pairs) {
    if (!p.source || !p.target || p.source->empty() || p.target->empty())
      throw InputError("a training pair of the match-grade has an empty frame.");
    if (p.source->width != p.target->width || p.source->height != p.target->height)
      throw InputError("a training pair of the match-grade has frames of different sizes (" +
                       std::to_string(p.source->width) + "x" + std::to_string(p.source->height) +
                       " and " + std::to_string(p.target->width) + "x" +
                       std::to_string(p.target->height) + "); align the target first.");
    if (p.source->channels < 3 || p.target->channels < 3)
      throw InputError("the match-grade needs RGB training frames.");
    const Rect r = cropFor(*p.source, options.crop);
    total += static_cast<size_t>(r.width()) * r.height();
  }
  // A regular stride over the pixels of all pairs (irrational-ish step, so it does not
  // alias with rows) keeps the sample count bounded without favouring any region.
  const double step = total > options.maxSamples ? static_cast<double>(total) / options.maxSamples : 1.0;
  const LogShaper shaper(options.shaperStrength);
  Samples s;
  s.coords.reserve(std::min(total, options.maxSamples) * 3 + 3);
  s.targets.reserve(std::min(total, options.maxSamples) * 3 + 3);
  double next = 0.0;
  size_t index = 0;
  for (const auto& p : pairs) {
    const Rect r = cropFor(*p.source, options.crop);
    for (int y = r.y0; y < r.y1; ++y)
      for (int x = r.x0; x < r.x1; ++x, ++index) {
        if (static_cast<double>(index) < next) continue;
        next += step;
        const size_t is = p.source->index(x, y), it = p.target->index(x, y);
        bool finite = true;
        for (int c = 0; c < 3; ++c)
          finite = finite && std::isfinite(p.source->pixels[is + c]) && std::isfinite(p.target->pixels[it + c]);
        if (!finite) continue;
        for (int c = 0; c < 3; ++c) {
          s.coords.push_back(shaper.forward(p.source->pixels[is + c]));
          s.targets.push_back(p.target->pixels[it + c]);
        }
      }
  }
  if (s.count() == 0) throw InputError("the match-grade has no valid training pixels.");
  return s;
}

// Lattice sizes from coarse to fine, ending at `size`: 5, 9, 17, ... (halving n-1).
std::vector<int> levelsFor(int size) {
  std::vector<int> levels{size};
  int n = size;
  while ((n - 1) % 2 == 0 && (n - 1) / 2 + 1 >= 5) {
    n = (n - 1) / 2 + 1;
    levels.insert(levels.begin(), n);
  }
  if (levels.front() > 5) levels.insert(levels.begin(), 5);
  return levels;
}

}  // namespace

Lut3D fitLut(const std::vector<LutTrainingPair>& pairs, const LutFitOptions& options,
             LutFitReport* report, const CancelToken& cancel) {
  const auto start = std::chrono::steady_clock::now();
  if (pairs.empty()) throw InputError("the match-grade needs at least one training pair.");
  if (options.size < 2 || options.size > 129)
    throw InputError("--lut-size must be between 2 and 129, got " + std::to_string(options.size) + ".");
  const Samples samples = drawSamples(pairs, options);

  Lut3D lut = Lut3D::identity(5 <= options.size ? 5 : options.size, options.shaperStrength);
  int iterations = 0;
  for (int n : levelsFor(options.size)) {
    cancel.throwIfCancelled();
    // Warm start: the previous (coarser) level evaluated at this level's nodes.
    Lut3D init = Lut3D::identity(n, options.shaperStrength);
    if (lut.size != n) {
      const LogShaper shaper(options.shaperStrength);
      for (size_t i = 0; i < init.table.size(); i += 3) {
        const auto v = lut.apply(init.table[i], init.table[i + 1], init.table[i + 2]);
        std::copy(v.begin(), v.end(), init.table.begin() + static_cast<long>(i));
      }
    } else {
      init = lut;
    }
    LatticeSystem system(n);
    system.addSamples(samples.coords, samples.targets);
    system.setSmoothness(options.smoothness);
    system.setAnchor(Lut3D::identity(n, options.shaperStrength).table, 1e-9);
    iterations += system.solve(init.table, options.maxIterations, options.tolerance, cancel);
    lut = std::move(init);
  }
  lut.title = "filmrecover match-grade";

  if (report) {
    double sq = 0.0;
    const LogShaper shaper(options.shaperStrength);
    for (size_t i = 0; i < samples.count(); ++i) {
      // Evaluate in lattice space directly: undo the shaper so apply() redoes it.
      const auto v = lut.apply(shaper.inverse(samples.coords[i * 3]), shaper.inverse(samples.coords[i * 3 + 1]),
                               shaper.inverse(samples.coords[i * 3 + 2]));
      for (int c = 0; c < 3; ++c) {
        const double d = v[c] - samples.targets[i * 3 + c];
        sq += d * d;
      }
    }
    report->samples = samples.count();
    report->iterations = iterations;
    report->rmsError = std::sqrt(sq / (3.0 * samples.count()));
    report->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return lut;
}

}  // namespace filmrecover::grade
