#include "core/synth/synthetic_film.h"

#include <algorithm>
#include <numeric>

#include <opencv2/imgproc.hpp>

#include "core/exec/errors.h"
#include "core/opencv/image_mat.h"

namespace filmrecover::synth {
namespace {
// The world painted for a shot is larger than the frame so the camera can move inside it.
constexpr double kWorldMargin = 1.35;
}  // namespace

SyntheticFilm::SyntheticFilm(const SyntheticFilmOptions& options) : options_(options) {
  if (options.width < 16 || options.height < 16)
    throw InputError("A synthetic film needs at least 16x16 pixels.");
  if (options.frames < 1) throw InputError("A synthetic film needs at least one frame.");
  const int shots = std::clamp(options.shots, 1, options.frames);
  cv::RNG rng(options.seed * 1103515245u + 12345u);
  // Shot lengths: random weights, every shot at least one frame, summing to `frames`.
  std::vector<double> weights(shots);
  for (auto& w : weights) w = rng.uniform(0.6, 1.4);
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<int> lengths(shots, 1);
  int left = options.frames - shots;
  for (int i = 0; i < shots && left > 0; ++i) {
    const int extra = std::min(left, static_cast<int>((options.frames - shots) * weights[i] / total));
    lengths[i] += extra;
    left -= extra;
  }
  for (int i = 0; left > 0; i = (i + 1) % shots, --left) ++lengths[i];
  // Kinds: a shuffled cycle so that neighbouring shots always differ.
  std::vector<int> order(kSceneKindCount);
  std::iota(order.begin(), order.end(), 0);
  for (int i = kSceneKindCount - 1; i > 0; --i) std::swap(order[i], order[rng.uniform(0, i + 1)]);
  int first = 0;
  for (int i = 0; i < shots; ++i) {
    ShotInfo s;
    s.first = first;
    s.length = lengths[i];
    s.kind = static_cast<SceneKind>(order[i % kSceneKindCount]);
    s.seed = options.seed * 7919u + static_cast<uint32_t>(i) * 104729u + 1u;
    const double m = options.motion;
    s.zoomStart = 1.0 + m * rng.uniform(0.0, 0.12);
    s.zoomEnd = 1.0 + m * rng.uniform(0.0, 0.12);
    s.panStartX = m * rng.uniform(-0.8, 0.8);
    s.panStartY = m * rng.uniform(-0.5, 0.5);
    s.panEndX = m * rng.uniform(-0.8, 0.8);
    s.panEndY = m * rng.uniform(-0.5, 0.5);
    shots_.push_back(s);
    first += s.length;
  }
}

int SyntheticFilm::shotOf(int index) const {
  for (size_t i = 0; i < shots_.size(); ++i)
    if (index < shots_[i].first + shots_[i].length) return static_cast<int>(i);
  return static_cast<int>(shots_.size()) - 1;
}

const cv::Mat& SyntheticFilm::world(int shot) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = worlds_.find(shot);
  if (it == worlds_.end()) {
    const ShotInfo& s = shots_[shot];
    const int ww = static_cast<int>(options_.width * kWorldMargin + 0.5);
    const int wh = static_cast<int>(options_.height * kWorldMargin + 0.5);
    it = worlds_.emplace(shot, paintScene(s.kind, ww, wh, s.seed)).first;
  }
  return it->second;
}

Image SyntheticFilm::frame(int index) const {
  if (index < 0 || index >= options_.frames)
    throw InputError("Synthetic frame " + std::to_string(index) + " is outside the film.");
  const int shotIndex = shotOf(index);
  const ShotInfo& s = shots_[shotIndex];
  const cv::Mat& w = world(shotIndex);
  const double u = s.length > 1 ? double(index - s.first) / (s.length - 1) : 0.0;
  const double zoom = s.zoomStart + (s.zoomEnd - s.zoomStart) * u;
  const double viewW = options_.width / zoom, viewH = options_.height / zoom;
  const double freeX = (w.cols - viewW) / 2, freeY = (w.rows - viewH) / 2;
  const double cx = w.cols / 2.0 + freeX * (s.panStartX + (s.panEndX - s.panStartX) * u);
  const double cy = w.rows / 2.0 + freeY * (s.panStartY + (s.panEndY - s.panStartY) * u);
  // Inverse map: output pixel centre (x+0.5) -> world coordinate.
  cv::Matx23d m(1.0 / zoom, 0, cx - viewW / 2 + 0.5 / zoom - 0.5,
                0, 1.0 / zoom, cy - viewH / 2 + 0.5 / zoom - 0.5);
  cv::Mat out;
  cv::warpAffine(w, out, m, cv::Size(options_.width, options_.height),
                 cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REFLECT);
  Image image = fromMat(out);
  image.attributes["filmrecover:synthShot"] = std::to_string(shotIndex);
  return image;
}

}  // namespace filmrecover::synth
