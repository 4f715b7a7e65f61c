// End-to-end: `recover` with no tuning flags on generated material with known ground truth.
// Judged on the source frames the reference does NOT cover (the model must generalise
// beyond its pairs): chroma recovery at least halves the mean CIEDE2000 of the faded source
// and beats the match-grade baseline; spatial recovery raises luma PSNR and SSIM above the
// soft source and the baseline. Identities hold, every source frame is rendered.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/analysis/sequence_metrics.h"
#include "core/io/frame_source.h"
#include "tests/core/integration/recover_helpers.inc"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::test;

namespace {

synth::Scenario makeScenario(const std::string& dir, const std::string& mode, uint32_t seed = 0) {
  auto o = mode == "chroma" ? synth::ScenarioOptions::chroma(256, 144, 36, seed ? seed : 11)
                            : synth::ScenarioOptions::spatial(256, 144, 36, seed ? seed : 12);
  return synth::writeScenario(dir, o);
}

// Temporal consistency of `pattern` over every film frame, under the source's motion, split at
// the film's cuts (ground truth): A = pattern, B = the clean original.
analysis::SequenceMetrics temporalAgainstClean(const synth::Scenario& s, const std::string& pattern) {
  analysis::CompareOptions o;
  o.deltaE = false;
  o.grain = false;
  for (size_t k = 1; k < s.shots.size(); ++k) o.cuts.push_back(s.shots[k].first + 1);
  const auto a = FrameSource::open(pattern), clean = FrameSource::open(s.cleanPattern),
             source = FrameSource::open(s.sourcePattern);
  return analysis::compareSequences(*a, *clean, source.get(), {}, o);
}

// Colour distribution consistency of `pattern` and of the aligned reference (the work dir's)
// over the frames the reference covers, split at the film's cuts: issue 17 asks the
// recovery's CDC to be no worse than the reference's.
std::pair<double, double> cdcAgainstReference(const synth::Scenario& s, const std::string& pattern,
                                              const std::string& work) {
  analysis::CompareOptions o;
  o.deltaE = false;
  o.grain = false;
  for (size_t k = 1; k < s.shots.size(); ++k) o.cuts.push_back(s.shots[k].first + 1);
  const auto a = FrameSource::open(pattern), aligned = FrameSource::open(work + "/aligned/aligned.####.exr");
  const auto m = analysis::compareSequences(*a, *aligned, nullptr, {}, o);
  return {m.cdcA.cdc, m.cdcB.cdc};
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
  // Issue 17: at most 0.7x the grade's. Graded first (the grade an input), the chroma loss
  // compared at 1.5x the reference's pixel footprint, the colour guided by the luma and
  // stabilised over +-4 frames: 2.42 against the grade's 3.64 (0.67x; frame by frame, the
  // guide alone, 2.76). Before the guide and the wider stabiliser it was 2.64 (0.73x), with
  // the loss at 1x the footprint 2.76 (0.76x): docs/quality.md.
  EXPECT_LT(restored, 0.7 * graded);
  // Luma identity: the output's Y' is the source's (within half-float storage).
  EXPECT_LT(maxLumaDifference(out, s.sourcePattern, {u.front(), u.back(), s.coveredSource.front()}), 4e-3);
  // The QC summary judges the model's render, not the baseline's (both are renders in the
  // catalog): it keeps the source's luma, so it is eligible in chroma mode.
  ASSERT_TRUE(doc.contains("qc")) << doc.dump();
  const auto& model = doc["qc"]["candidates"][0];
  EXPECT_EQ(model["name"], "model");
  EXPECT_LT(model["luma_identity_max"].get<double>(), 4e-3);
  EXPECT_TRUE(model["eligible"].get<bool>());
  EXPECT_TRUE(std::filesystem::exists(work + "/report.html"));
  EXPECT_TRUE(std::filesystem::exists(work + "/project.sqlite"));
  EXPECT_TRUE(std::filesystem::exists(work + "/experiment_log.md"));

  // Temporal consistency (the render stabilises the colour correction by default): the same
  // model rendered frame by frame alone is the comparison.
  const std::string plain = dir.file("plain/plain.####.exr");
  const auto r = runCli({"render", "--model", doc["model"].get<std::string>(), "--input", s.sourcePattern, "-o", plain});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto stable = temporalAgainstClean(s, out), alone = temporalAgainstClean(s, plain);
  const auto& st = stable.temporalSummary;
  const auto& at = alone.temporalSummary;
  std::cout << "warping error x1e-3 (source motion), RGB: clean " << 1e3 * st.meanWarpErrorB << ", source "
            << 1e3 * st.meanWarpErrorSource << ", frame by frame " << 1e3 * at.meanWarpErrorA << ", stabilised "
            << 1e3 * st.meanWarpErrorA << "; chroma: clean " << 1e3 * st.meanChromaWarpErrorB << ", source "
            << 1e3 * st.meanChromaWarpErrorSource << ", frame by frame " << 1e3 * at.meanChromaWarpErrorA
            << ", stabilised " << 1e3 * st.meanChromaWarpErrorA << "; CDC: clean " << stable.cdcB.cdc << ", source "
            << stable.cdcSource.cdc << ", frame by frame " << alone.cdcA.cdc << ", stabilised " << stable.cdcA.cdc
            << "; dE2000 uncovered frame by frame " << meanDeltaE(plain, s.cleanPattern, u) << "\n";
  // The recovered chroma flickers less once stabilised: its warping error not over 10% above
  // the clean original's (measured 0.017e-3 against the clean's 0.051e-3, frame by frame
  // 0.076e-3 with the chroma guide, 0.132e-3 without); the output (the source's luma and
  // grain with recovered colour) is never less steady than the source; its colour
  // distribution no less consistent than the original's.
  EXPECT_LT(st.meanChromaWarpErrorA, at.meanChromaWarpErrorA);
  EXPECT_LE(st.meanChromaWarpErrorA, 1.1 * st.meanChromaWarpErrorB);
  EXPECT_LE(st.meanWarpErrorA, st.meanWarpErrorSource);
  EXPECT_LE(stable.cdcA.cdc, stable.cdcB.cdc);
  const auto [cdcOut, cdcReference] = cdcAgainstReference(s, out, work);
  std::cout << "CDC over the reference's frames: recovered " << cdcOut << ", reference " << cdcReference << "\n";
  EXPECT_LE(cdcOut, cdcReference);
}

// More seeds of the chroma material (issue 17: several seeds): the recovery with its
// defaults (graded first and refined, the loss at 1.5x the reference's footprint, the colour
// guided by the luma, stabilised over +-4 frames) holds the uncovered-frame CIEDE2000 at most
// 0.7x the match-grade LUT's (these tests measured seed 23 0.48x, seed 37 0.53x; 0.52x and
// 0.59x before the guide and the wider stabiliser; docs/quality.md), and is as steady as
// seed 11's: chroma warping error not over 10% above the clean film's (seed 37's was 1.49x
// before the wider stabiliser), the output never less steady than the source, its CDC no
// worse than the reference's.
class RecoverEndToEndSeeds : public ::testing::TestWithParam<int> {};

TEST_P(RecoverEndToEndSeeds, ChromaBeatsTheGradeBy30PercentOnUncoveredFrames) {
  const int seed = GetParam();
  TempDir dir("recover-chroma-" + std::to_string(seed));
  const auto s = makeScenario(dir.file("material"), "chroma", static_cast<uint32_t>(seed));
  ASSERT_GE(s.uncoveredSource.size(), 6u);
  const std::string out = dir.file("restored/restored.####.exr"), work = dir.file("work");
  const auto doc = recover(s, "chroma", out, work);
  ASSERT_FALSE(doc.is_null());
  const auto& u = s.uncoveredSource;
  const double faded = meanDeltaE(s.sourcePattern, s.cleanPattern, u);
  const double restored = meanDeltaE(out, s.cleanPattern, u);
  const double graded = meanDeltaE(work + "/baseline/baseline.####.exr", s.cleanPattern, u);
  std::cout << "seed " << seed << ", mean dE2000 on uncovered frames: faded " << faded << ", grade " << graded
            << ", recovered " << restored << " (" << restored / graded << "x the grade)\n";
  EXPECT_LE(restored, 0.5 * faded);
  EXPECT_LE(restored, 0.7 * graded);
  EXPECT_LT(maxLumaDifference(out, s.sourcePattern, {u.front(), u.back()}), 4e-3);
  const auto stable = temporalAgainstClean(s, out);
  const auto& t = stable.temporalSummary;
  const auto [cdcOut, cdcReference] = cdcAgainstReference(s, out, work);
  std::cout << "seed " << seed << ", warping error x1e-3, chroma: clean " << 1e3 * t.meanChromaWarpErrorB
            << ", recovered " << 1e3 * t.meanChromaWarpErrorA << "; RGB: source " << 1e3 * t.meanWarpErrorSource
            << ", recovered " << 1e3 * t.meanWarpErrorA << "; CDC: clean " << stable.cdcB.cdc << ", recovered "
            << stable.cdcA.cdc << "; over the reference's frames, reference " << cdcReference << ", recovered "
            << cdcOut << "\n";
  EXPECT_LE(t.meanChromaWarpErrorA, 1.1 * t.meanChromaWarpErrorB);
  EXPECT_LE(t.meanWarpErrorA, t.meanWarpErrorSource);
  EXPECT_LE(cdcOut, cdcReference);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RecoverEndToEndSeeds, ::testing::Values(23, 37));

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
