#include "core/pipeline/training_defaults.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace filmrecover::pipeline {

TrainingDefaults chooseTrainingDefaults(const MaterialFacts& f) {
  TrainingDefaults d;
  const int validW = f.crop.empty() ? f.width : f.crop.width();
  const int validH = f.crop.empty() ? f.height : f.crop.height();
  const int shortSide = std::max(16, std::min(validW, validH));
  // GPU: most of the short side (context), up to the workflow's 256/512. CPU: smaller crops
  // buy more steps in the same time, which matters more for a per-film model than context.
  const int maxCrop = f.cuda ? (shortSide >= 1024 ? 512 : 256) : 128;
  const double share = f.cuda ? 0.85 : 0.6;
  d.crop = std::clamp((static_cast<int>(shortSide * share) / 16) * 16, 32, maxCrop);
  // Preset M on a CPU too: on generated fades it beat S on uncovered frames for every seed
  // tried (dE 3.43/3.29/3.34 against 3.63/3.43/3.49 at 1500 steps; the LUT baseline 3.64),
  // and the engine's faster training step pays for it.
  d.preset = "M";
  d.batch = f.cuda ? 8 : 4;
  const int width = d.preset == "S" ? 16 : d.preset == "M" ? 32 : 64;
  // Cost model: seconds per step ~ batch * crop^2 * width^2 * k / cores. k measured with
  // this project's trainer (bf16, channels-last): preset M, batch 4, crop 256 ran 3.1
  // steps/s on 2 idle x86 cores (k ~ 2.4e-9 per core), several times slower on busy ones;
  // k = 4e-9 leaves small crops their overhead, so the printed estimate holds for cores doing
  // little else (the demo: about 200 s estimated, 100 s measured). GPU: ~100x faster.
  const double perStep = d.batch * double(d.crop) * d.crop * width * width * 4e-9 /
                         std::max(1, f.cores) * (f.cuda ? 0.01 : 1.0);
  // Time budget: grows with the material (pixels of the film) but stays in minutes on a CPU.
  const double megapixels = double(f.width) * f.height * std::max(1, f.sourceFrames) / 1e6;
  const double budget = f.cuda ? std::clamp(60.0 + 20.0 * megapixels, 120.0, 3600.0)
                               : std::clamp(20.0 + 3.0 * megapixels, 40.0, 300.0);
  // At least 1500 steps: on generated fades, 400 steps left the network's colour behind a
  // 3D LUT fitted to the same pairs (uncovered-frame dE 3.85 vs 3.64); 1500 with preset M
  // beat it for every seed tried (3.29-3.43).
  d.steps = std::clamp<long long>(static_cast<long long>(budget / std::max(1e-6, perStep)), 1500,
                                  f.cuda ? 40000 : 5000);
  d.steps = (d.steps / 50) * 50;
  d.lr = f.cuda ? 1e-3 : 3e-3;  // short CPU runs: a higher peak, cosine decay keeps it stable
  // A colour reference resolves colour more coarsely than its pixels: DVD, telecine and
  // JPEG/MPEG colour is subsampled (4:2:0 halves it). Compared at 1.5x the reference's
  // pixel footprint (source width / reference width, at least one source pixel) the network
  // is not pulled to blur the source's own chroma detail towards it. Measured on generated SD
  // references (docs/quality.md): 1.5x against 1x lowered the uncovered-frame dE2000 on
  // seed 11 by 0.19 (mean of 3 training runs each way; one seed's runs spread 0.29), on
  // seeds 23 and 37 by 0.34 and 0.27 (2 runs against 1), chroma PSNR +1.2 dB; 0.6x was worse.
  // The reference cannot choose this (a model nearer the truth is farther from a compressed
  // reference): the ground truth of generated material did.
  if (f.chroma)
    d.lossBlur = std::min(1.5 * std::max(1.0, f.referenceWidth > 0 ? double(f.width) / f.referenceWidth : 1.0), 6.0);
  d.validateEvery = std::max<long long>(25, d.steps / 20);
  d.checkpointEvery = std::max<long long>(50, d.steps / 10);
  d.expectedSeconds = d.steps * perStep;
  std::ostringstream why;
  why << "preset " << d.preset << ", crop " << d.crop << ", batch " << d.batch << ", " << d.steps << " steps on "
      << (f.cuda ? "the GPU" : std::to_string(f.cores) + " CPU cores") << " (about "
      << static_cast<int>(std::ceil(d.expectedSeconds)) << " s) for " << f.width << "x" << f.height << ", "
      << f.trainPairs << " training pairs";
  if (d.lossBlur > 0) why << ", loss compared at the reference's colour resolution (blur sigma " << d.lossBlur << " px)";
  d.reason = why.str();
  return d;
}

void chooseCurationCounts(int pairedFrames, int& train, int& holdout) {
  // Shot 4-9, scene 12-24, sequence 24-64 pairs: about one pair in two frames for short
  // material (pairs cost memory, not time), bounded by the workflow's sequence count.
  train = std::clamp(pairedFrames / 2, std::min(4, pairedFrames), 48);
  holdout = std::clamp(train / 4, 1, 12);
  if (train + holdout > pairedFrames) {
    holdout = pairedFrames >= 4 ? std::max(1, pairedFrames / 5) : 0;
    train = std::max(0, pairedFrames - holdout);
  }
}

}  // namespace filmrecover::pipeline
