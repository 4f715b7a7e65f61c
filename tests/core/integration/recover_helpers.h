#pragma once
// Helpers of the end-to-end recover tests: scenario material, metrics on frame lists,
// and running filmrecover-cli as a child we can kill.
#include <string>
#include <vector>

#include "core/image/image.h"
#include "core/synth/scenario.h"

namespace filmrecover::test {

//! Mean over `frames` of the mean CIEDE2000 between frame f of pattern `a` and of `b`.
double meanDeltaE(const std::string& a, const std::string& b, const std::vector<int>& frames);
//! Mean luma PSNR and SSIM over `frames`.
void meanLumaQuality(const std::string& a, const std::string& b, const std::vector<int>& frames, double& psnr,
                     double& ssim);
//! Largest |ΔY'| (chroma mode) or |ΔCb|,|ΔCr| (spatial mode) between two patterns over `frames`.
double maxLumaDifference(const std::string& a, const std::string& b, const std::vector<int>& frames);
double maxChromaDifference(const std::string& a, const std::string& b, const std::vector<int>& frames);
//! Path of frame `n` of a #### pattern.
std::string framePath(const std::string& pattern, int n);

//! A filmrecover-cli process started in the background.
struct ChildCli {
  int pid = -1;
  //! Waits for it; returns the exit status, or -signal when it was killed.
  int wait();
  //! SIGKILL.
  void kill();
  //! True while it runs.
  bool running();
};
//! Starts filmrecover-cli with `args`, stdout/stderr to `logPath`.
ChildCli startCli(const std::vector<std::string>& args, const std::string& logPath);

}  // namespace filmrecover::test
