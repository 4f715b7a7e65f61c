#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/dataset/augmentation.h"
#include "core/dataset/crop_batch.h"
#include "core/dataset/training_pair.h"

namespace filmrecover {

//! One random crop's parameters: which pair, where, how resampled. The crop's pixel (x, y)
//! samples the pair at (ox + scale*(xs+0.5) - 0.5, oy + scale*(y+0.5) - 0.5) with
//! xs = flip ? crop-1-x : x, bilinear unless `exact` (then integer positions), times `gain`.
struct CropDraw {
  size_t pair = 0;
  double ox = 0, oy = 0, scale = 1;
  bool flip = false, exact = true;
  float gain = 1;
};

//! Draws random augmented crops from training pairs held in memory. Every random choice comes
//! from one seeded generator whose state can be saved and restored, so a resumed training run
//! sees exactly the crops an unbroken run would have seen.
class CropSampler {
 public:
  //! `pairs` must outlive the sampler. Throws InputError when `crop` is not positive or a
  //! pair's valid area is smaller than `crop` (naming the frame).
  CropSampler(const std::vector<TrainingPair>& pairs, int crop, AugmentationSettings augmentation,
              std::uint64_t seed);
  //! `batch` random crops (pair, position, scale, flip and exposure drawn per crop).
  CropBatch next(int batch);
  //! This process's share of a batch split between `shareCount` processes: all `batch` crops
  //! are drawn (the generator moves as next(batch) moves it) and crops shareIndex,
  //! shareIndex + shareCount, ... are rendered. The shares of every index make up next(batch).
  CropBatch next(int batch, int shareIndex, int shareCount);
  //! The next crop's parameters, as next() draws them (DeviceCrops renders them on a device).
  CropDraw draw();
  //! The pairs and crop side sampled from.
  const std::vector<TrainingPair>& pairs() const { return pairs_; }
  int crop() const { return crop_; }
  //! The generator state as text (for checkpoints).
  std::string saveState() const;
  //! Restores a state written by saveState().
  void loadState(const std::string& state);

 private:
  double uniform();
  void sampleInto(const CropDraw& d, CropBatch& out, int slot) const;

  const std::vector<TrainingPair>& pairs_;
  int crop_;
  AugmentationSettings aug_;
  std::mt19937_64 rng_;
};

//! One crop without augmentation: `rect` of pair `pair` (inside its valid area), as a batch of 1.
CropBatch extractCrop(const TrainingPair& pair, int x0, int y0, int width, int height);

//! Appends the crops of `pair` that tile its valid area (up to `maxTiles` of `size` square,
//! spread evenly; the whole area when smaller than `size`), as single-crop batches; used for
//! hold-out evaluation so every evaluation sees the same pixels. Sides are multiples of
//! `multiple` (the U-Net's size multiple).
void appendEvaluationCrops(const TrainingPair& pair, int size, int maxTiles,
                           std::vector<CropBatch>& out, int multiple = 4);

}  // namespace filmrecover
