#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <opencv2/core.hpp>

#include "core/image/image.h"
#include "core/synth/scene_painter.h"

namespace filmrecover::synth {

//! What to generate: size, length, how many shots, the seed that makes it repeatable.
struct SyntheticFilmOptions {
  int width = 640;
  int height = 360;
  int frames = 48;
  int shots = 4;          //!< hard cuts split the film into this many shots (>= 1)
  uint32_t seed = 1;
  double motion = 1.0;    //!< scales the camera pan/zoom inside a shot (0 = locked off)
};

//! One shot: frames [first, first + length) of the film, its content kind and its camera move.
struct ShotInfo {
  int first = 0;
  int length = 0;
  SceneKind kind = SceneKind::Landscape;
  uint32_t seed = 0;
  double zoomStart = 1.0, zoomEnd = 1.0;   //!< magnification of the view at the shot's ends
  double panStartX = 0, panStartY = 0;     //!< view centre offsets in [-1, 1] of the free margin
  double panEndX = 0, panEndY = 0;
};

//! A deterministic procedural "film": hard cuts between shots of different content
//! (landscape with sky and foliage, faces, neutrals and shadows, saturated primaries,
//! architecture edges, text), and a camera that pans and zooms inside each shot.
//! Frames are clean (no grain or fade): the ground truth that degradations start from.
//! Thread-safe: frame() may be called from several threads.
class SyntheticFilm {
 public:
  explicit SyntheticFilm(const SyntheticFilmOptions& options);

  //! The options this film was made with.
  const SyntheticFilmOptions& options() const { return options_; }
  //! Number of frames.
  int frameCount() const { return options_.frames; }
  //! The shots in order; they cover every frame exactly once.
  const std::vector<ShotInfo>& shots() const { return shots_; }
  //! Index in shots() of the shot that holds frame `index` (0-based).
  int shotOf(int index) const;
  //! Frame `index` (0-based) as display-referred float RGB in [0,1]; always the same pixels.
  Image frame(int index) const;

 private:
  const cv::Mat& world(int shot) const;

  SyntheticFilmOptions options_;
  std::vector<ShotInfo> shots_;
  mutable std::mutex mutex_;
  mutable std::map<int, cv::Mat> worlds_;
};

}  // namespace filmrecover::synth
