#pragma once
#include <cstdint>

#include <opencv2/core.hpp>

namespace filmrecover::synth {

//! Deterministic multi-octave value noise (fractal, 1/f-like) of `rows` x `cols`, one
//! channel, roughly zero mean and unit-ish range [-1, 1]. `baseCells` is the number of
//! cells across the coarsest octave; `persistence` scales each finer octave's amplitude.
cv::Mat fractalNoise(int rows, int cols, uint32_t seed, int baseCells = 4, int octaves = 5,
                     double persistence = 0.55);

}  // namespace filmrecover::synth
