#pragma once
#include <vector>

namespace filmrecover::analysis {

//! The q-th percentile (0..100) of `values` with linear interpolation between order
//! statistics (numpy's default "linear" method). Reorders `values`. 0 for an empty list.
double percentile(std::vector<double>& values, double q);

//! PSNR in dB for a mean squared error and a peak value; identical images (mse 0) read
//! kMaxPsnr so means over frames stay finite.
double psnrFromMse(double mse, double peak = 1.0);

//! The PSNR reported for identical images.
constexpr double kMaxPsnr = 100.0;

}  // namespace filmrecover::analysis
