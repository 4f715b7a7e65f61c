// End-to-end: `recover` with no tuning flags on generated material with known ground truth.
// Judged on the source frames the reference does NOT cover (the model must generalise
// beyond its pairs): chroma recovery at least halves the mean CIEDE2000 of the faded source
// and beats the match-grade baseline; spatial recovery raises luma PSNR and SSIM above the
// soft source and the baseline. Identities hold, every source frame is rendered.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/core/integration/recover_helpers.inc"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::test;

namespace {

synth::Scenario makeScenario(const std::string& dir, const std::string& mode) {
  auto o = mode == "chroma" ? synth::ScenarioOptions::chroma(256, 144, 36, 11)
                            : synth::ScenarioOptions::spatial(256, 144, 36, 12);
  return synth::writeScenario(dir, o);
}

nlohmann::json recover(const synth::Scenario& s, const std::string& mode, const std::string& out,
                       const std::string& work) {
  const auto r = runCli({"recover", "--mode", mode, s.sourcePattern, s.referencePattern, "-o", out, "--work-dir",
                         work, "--json"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return r.exitCode == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
}

}  // namespace

TEST(RecoverEndToEnd, ChromaHalvesDeltaEOnUncoveredFramesAndBeatsTheGrade) {
  TempDir dir("recover-chroma");
  const auto s = makeScenario(dir.file("material"), "chroma");
  ASSERT_GE(s.uncoveredSource.size(), 6u);
  const std::string out = dir.file("restored/restored.####.exr"), work = dir.file("work");
  const auto doc = recover(s, "chroma", out, work);
  ASSERT_FALSE(doc.is_null());
  EXPECT_EQ(doc["framesRendered"], s.sourceFrames);
  for (int f = 1; f <= s.sourceFrames; ++f) ASSERT_TRUE(std::filesystem::exists(framePath(out, f))) << f;
  const auto& u = s.uncoveredSource;
  const double faded = meanDeltaE(s.sourcePattern, s.cleanPattern, u);
  const double restored = meanDeltaE(out, s.cleanPattern, u);
  const double graded = meanDeltaE(work + "/baseline/baseline.####.exr", s.cleanPattern, u);
  std::cout << "mean dE2000 on uncovered frames: faded " << faded << ", grade " << graded << ", recovered " << restored
            << "\n";
  EXPECT_LE(restored, 0.5 * faded);
  EXPECT_LT(restored, graded);
  // Luma identity: the output's Y' is the source's (within half-float storage).
  EXPECT_LT(maxLumaDifference(out, s.sourcePattern, {u.front(), u.back(), s.coveredSource.front()}), 4e-3);
  EXPECT_TRUE(std::filesystem::exists(work + "/report.html"));
  EXPECT_TRUE(std::filesystem::exists(work + "/project.sqlite"));
  EXPECT_TRUE(std::filesystem::exists(work + "/experiment_log.md"));
}

TEST(RecoverEndToEnd, SpatialRaisesLumaPsnrAndSsimOnUncoveredFrames) {
  TempDir dir("recover-spatial");
  const auto s = makeScenario(dir.file("material"), "spatial");
  const std::string out = dir.file("restored/restored.####.exr"), work = dir.file("work");
  const auto doc = recover(s, "spatial", out, work);
  ASSERT_FALSE(doc.is_null());
  EXPECT_EQ(doc["framesRendered"], s.sourceFrames);
  const auto& u = s.uncoveredSource;
  double psnrSource, ssimSource, psnrOut, ssimOut, psnrGrade, ssimGrade;
  meanLumaQuality(s.sourcePattern, s.cleanPattern, u, psnrSource, ssimSource);
  meanLumaQuality(out, s.cleanPattern, u, psnrOut, ssimOut);
  meanLumaQuality(work + "/baseline/baseline.####.exr", s.cleanPattern, u, psnrGrade, ssimGrade);
  std::cout << "luma PSNR/SSIM on uncovered frames: source " << psnrSource << "/" << ssimSource << ", grade "
            << psnrGrade << "/" << ssimGrade << ", recovered " << psnrOut << "/" << ssimOut << "\n";
  EXPECT_GT(psnrOut, psnrSource + 1.0);
  EXPECT_GT(ssimOut, ssimSource + 0.02);
  EXPECT_GT(psnrOut, psnrGrade);
  EXPECT_GT(ssimOut, ssimGrade);
  // Chroma identity: the output's Cb/Cr are the source's.
  EXPECT_LT(maxChromaDifference(out, s.sourcePattern, {u.front(), u.back()}), 4e-3);
}
