// recover --scope without training: the source's shots, which shots one model clearly fails,
// scenes from the colour transfer of each shot, the ranges each scope asks for, the render
// plan, which pairs are unseen, and the error measure.
#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/color/ycbcr.h"
#include "core/exec/errors.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/pipeline/report_scope.h"
#include "core/pipeline/scope_measure.h"
#include "core/pipeline/scope_plan.h"
#include "core/synth/degrade.h"
#include "core/synth/synthetic_film.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::pipeline;
using filmrecover::test::TempDir;
using nlohmann::json;

namespace {

std::vector<int> range(int first, int last) {
  std::vector<int> v;
  for (int f = first; f <= last; ++f) v.push_back(f);
  return v;
}

std::vector<ShotJudgement> judgements(const std::vector<std::vector<double>>& errors) {
  std::vector<ShotJudgement> v;
  for (size_t s = 0; s < errors.size(); ++s) {
    ShotJudgement j;
    j.shot = static_cast<int>(s);
    for (size_t k = 0; k < errors[s].size(); ++k) j.frames.push_back(static_cast<int>(100 * s + k));
    j.errors = errors[s];
    v.push_back(j);
  }
  return v;
}

}  // namespace

TEST(ScopeChoice, ParsesTheFourScopesAndNamesTheFlagOtherwise) {
  for (const char* s : {"sequence", "scene", "shot", "auto"}) EXPECT_EQ(toString(parseScopeChoice(s)), s);
  try {
    parseScopeChoice("reel");
    FAIL() << "accepted 'reel'";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--scope"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("reel"), std::string::npos);
  }
}

TEST(ShotSpans, SplitTheSourceAtItsCuts) {
  const auto shots = shotSpans(range(1, 36), {13, 25, 99, 1});  // cuts outside or at the start are no cuts
  ASSERT_EQ(shots.size(), 3u);
  EXPECT_EQ(shots[0].first, 1);
  EXPECT_EQ(shots[0].last, 12);
  EXPECT_EQ(shots[1].first, 13);
  EXPECT_EQ(shots[1].last, 24);
  EXPECT_EQ(shots[2].first, 25);
  EXPECT_EQ(shots[2].last, 36);
  EXPECT_EQ(shotIndexOf(shots, 24), 1);
  EXPECT_EQ(shotIndexOf(shots, 40), -1);
  EXPECT_EQ(shotSpans(range(1, 10), {}).size(), 1u);
  EXPECT_TRUE(shotSpans({}, {5}).empty());
}

TEST(JudgeShots, AShotFailsOnlyWhenClearlyWorseThanTheOthersByRatioAndMargin) {
  const ScopeRule rule;  // 1.5x the median of the others and 1.0 above it
  auto j = judgements({{2.0, 2.2}, {2.1}, {1.9, 2.0}, {5.0, 5.4}});
  judgeShots(j, rule, "dE2000");
  EXPECT_FALSE(j[0].failing);
  EXPECT_FALSE(j[1].failing);
  EXPECT_FALSE(j[2].failing);
  EXPECT_TRUE(j[3].failing);
  EXPECT_NEAR(j[3].error, 5.2, 1e-9);
  EXPECT_NEAR(j[3].othersMedian, 2.1, 1e-9);
  EXPECT_NE(j[3].verdict.find("fails"), std::string::npos) << j[3].verdict;
  EXPECT_NE(j[3].verdict.find("5.20"), std::string::npos) << j[3].verdict;

  // Twice as bad but only 0.6 above: not clearly worse (the margin guards small errors).
  j = judgements({{0.6}, {0.5}, {1.2}});
  judgeShots(j, rule, "dE2000");
  EXPECT_FALSE(j[2].failing) << j[2].verdict;
  // 1.4 above but only 1.35x: not clearly worse either.
  j = judgements({{4.0}, {4.0}, {5.4}});
  judgeShots(j, rule, "dE2000");
  EXPECT_FALSE(j[2].failing) << j[2].verdict;
  // Two shots: the other one is the comparison.
  j = judgements({{1.5}, {4.0}});
  judgeShots(j, rule, "dE2000");
  EXPECT_TRUE(j[1].failing);
  EXPECT_FALSE(j[0].failing);
}

TEST(JudgeShots, AShotWithoutUnseenPairsIsNotJudgedAndAloneNothingFails) {
  auto j = judgements({{2.0}, {}, {9.0}});
  judgeShots(j, ScopeRule{}, "dE2000");
  EXPECT_FALSE(j[1].judged());
  EXPECT_FALSE(j[1].failing);
  EXPECT_LT(j[1].error, 0);
  EXPECT_NE(j[1].verdict.find("not judged"), std::string::npos);
  EXPECT_TRUE(j[2].failing);  // against shot 1 alone
  j = judgements({{9.0}, {}});
  judgeShots(j, ScopeRule{}, "dE2000");
  EXPECT_FALSE(j[0].failing);
  EXPECT_NE(j[0].verdict.find("no other shot"), std::string::npos);
}

TEST(GroupScenes, ConsecutiveShotsWhoseColourAgreesAreOneScene) {
  const ScopeRule rule;
  // Rule: cross error within max(2.5x, +3) of the other shot's own fit, both ways.
  const ShotPairAgreement agree{2.0, 2.2, 5.1, 4.9}, differ{2.0, 2.2, 9.0, 8.0}, oneWay{2.0, 2.2, 2.5, 8.0};
  EXPECT_TRUE(sameScene(agree, rule));
  EXPECT_FALSE(sameScene(differ, rule));
  EXPECT_FALSE(sameScene(oneWay, rule));  // both ways must agree
  // Shots 0-1 agree, 1-2 differ, 2-3 agree: two scenes.
  auto scenes = groupScenes(4, {true, true, true, true}, {agree, differ, agree, {}}, rule);
  ASSERT_EQ(scenes.size(), 2u);
  EXPECT_EQ(scenes[0].firstShot, 0);
  EXPECT_EQ(scenes[0].lastShot, 1);
  EXPECT_EQ(scenes[1].firstShot, 2);
  EXPECT_EQ(scenes[1].lastShot, 3);
  EXPECT_NE(scenes[1].why.find("shot 3"), std::string::npos) << scenes[1].why;
  // Shots the reference never shows (0 and 3) join the scene next to them: 0 the one after it,
  // 3 the one before it; shot 1's agreement is with shot 2, the next measured one.
  scenes = groupScenes(4, {false, true, true, false}, {{}, differ, {}, {}}, rule);
  ASSERT_EQ(scenes.size(), 2u);
  EXPECT_EQ(scenes[0].firstShot, 0);
  EXPECT_EQ(scenes[0].lastShot, 1);
  EXPECT_EQ(scenes[1].firstShot, 2);
  EXPECT_EQ(scenes[1].lastShot, 3);
}

namespace {

// Six shots of 10 frames: scenes 0-3 and 4-5; training pairs every other frame, a hold-out
// pair in each shot.
ScopeInputs sixShots(const std::vector<std::vector<double>>& errors) {
  ScopeInputs in;
  in.frames = range(1, 60);
  std::vector<int> cuts;
  for (int c = 11; c <= 51; c += 10) cuts.push_back(c);
  in.shots = shotSpans(in.frames, cuts);
  in.scenes = {{0, 0, 3, ""}, {1, 4, 5, ""}};
  for (int f = 1; f <= 60; f += 2) in.trainFrames.push_back(f);
  for (int s = 0; s < 6; ++s) in.holdoutFrames.push_back(10 * s + 6);
  in.judgements = judgements(errors);
  for (auto& j : in.judgements)
    for (auto& f : j.frames) f = 10 * j.shot + 6;
  judgeShots(in.judgements, ScopeRule{}, "dE2000");
  return in;
}

}  // namespace

TEST(PlanScopedRanges, AutoGivesAFailingSceneOneModelAndAFailingShotInAServedSceneItsOwn) {
  const ScopeRule rule;
  // Scene 2 (shots 5-6) fails throughout: one model for it.
  auto in = sixShots({{2.0}, {2.1}, {1.9}, {2.2}, {5.0}, {5.5}});
  auto ranges = planScopedRanges(ScopeChoice::Auto, in, rule);
  ASSERT_EQ(ranges.size(), 1u);
  EXPECT_EQ(ranges[0].name, "scene-2");
  EXPECT_EQ(ranges[0].kind, "scene");
  EXPECT_EQ(ranges[0].frames, range(41, 60));
  EXPECT_EQ(ranges[0].trainFrames.size(), 10u);
  EXPECT_EQ(ranges[0].holdoutFrames, (std::vector<int>{46, 56}));
  EXPECT_EQ(ranges[0].judgedFrames, (std::vector<int>{46, 56}));
  EXPECT_TRUE(ranges[0].trainable);
  // Only shot 2 of scene 1 fails: a model for that shot alone.
  in = sixShots({{2.0}, {6.0}, {1.9}, {2.2}, {2.0}, {2.1}});
  ranges = planScopedRanges(ScopeChoice::Auto, in, rule);
  ASSERT_EQ(ranges.size(), 1u);
  EXPECT_EQ(ranges[0].name, "shot-2");
  EXPECT_EQ(ranges[0].frames, range(11, 20));
  // Nothing fails: no range; sequence never splits.
  in = sixShots({{2.0}, {2.3}, {1.9}, {2.2}, {2.0}, {2.1}});
  EXPECT_TRUE(planScopedRanges(ScopeChoice::Auto, in, rule).empty());
  in = sixShots({{2.0}, {2.1}, {1.9}, {2.2}, {5.0}, {5.5}});
  EXPECT_TRUE(planScopedRanges(ScopeChoice::Sequence, in, rule).empty());
}

TEST(PlanScopedRanges, AnUnjudgedShotGoesWithItsFailingSceneAndTooFewPairsKeepTheBroadModel) {
  ScopeRule rule;
  auto in = sixShots({{2.0}, {2.1}, {1.9}, {2.2}, {5.0}, {}});
  in.holdoutFrames.pop_back();
  auto ranges = planScopedRanges(ScopeChoice::Auto, in, rule);
  ASSERT_EQ(ranges.size(), 1u);
  EXPECT_EQ(ranges[0].name, "scene-2");
  EXPECT_EQ(ranges[0].frames, range(41, 60));
  rule.minTrainPairs = 11;
  ranges = planScopedRanges(ScopeChoice::Auto, in, rule);
  ASSERT_EQ(ranges.size(), 1u);
  EXPECT_FALSE(ranges[0].trainable);
  EXPECT_NE(ranges[0].reason.find("too few training pairs (10"), std::string::npos) << ranges[0].reason;
}

TEST(PlanScopedRanges, SceneAndShotScopesCoverTheFilm) {
  const ScopeRule rule;
  auto in = sixShots({{2.0}, {2.1}, {1.9}, {2.2}, {2.0}, {2.1}});
  auto ranges = planScopedRanges(ScopeChoice::Scene, in, rule);
  ASSERT_EQ(ranges.size(), 2u);
  EXPECT_EQ(ranges[0].frames, range(1, 40));
  EXPECT_EQ(ranges[1].frames, range(41, 60));
  ranges = planScopedRanges(ScopeChoice::Shot, in, rule);
  ASSERT_EQ(ranges.size(), 6u);
  EXPECT_EQ(ranges[5].name, "shot-6");
  EXPECT_EQ(ranges[5].frames, range(51, 60));
  // One scene: --scope scene is the broad model.
  in.scenes = {{0, 0, 5, ""}};
  EXPECT_TRUE(planScopedRanges(ScopeChoice::Scene, in, rule).empty());
}

TEST(RenderRanges, EachKeptRangeRendersItsFramesAndTheBroadModelTheRest) {
  const json result = {{"render", {{{"name", "scene-2"}, {"model", "/w/models/scene-2/model.frm"}, {"frames", "25-36"}},
                                   {{"name", "shot-1"}, {"model", "/w/models/shot-1/model.frm"}, {"frames", "1-6"}}}}};
  std::vector<int> frames = range(1, 36);
  frames.erase(frames.begin() + 29);  // frame 30 was defective: not rendered by anyone
  const auto ranges = renderRanges(result, "/w/models/model.frm", frames);
  ASSERT_EQ(ranges.size(), 3u);
  EXPECT_EQ(ranges[0].name, "sequence");
  EXPECT_EQ(ranges[0].model, "/w/models/model.frm");
  EXPECT_EQ(ranges[0].frames, range(7, 24));
  EXPECT_EQ(ranges[1].name, "scene-2");
  EXPECT_EQ(ranges[1].frames, (std::vector<int>{25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36}));
  EXPECT_EQ(ranges[2].frames, range(1, 6));
  // No scope stage (or --scope sequence): one render of everything.
  for (const json& r : {json(), json::object(), json{{"render", json::array()}}}) {
    const auto one = renderRanges(r, "/w/models/model.frm", frames);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].frames, frames);
  }
}

TEST(UnseenPairs, HoldOutFirstThenUnusedPairsSpreadNeverTrainedOrRejected) {
  const auto shots = shotSpans(range(1, 30), {11, 21});
  const std::vector<int> paired = range(3, 28);
  const auto u = unseenPairsPerShot(shots, paired, /*train*/ {3, 5, 7, 9, 13, 15}, /*holdout*/ {8, 14},
                                    /*rejected*/ {4, 6}, 3);
  ASSERT_EQ(u.size(), 3u);
  EXPECT_EQ(u[0], (std::vector<int>{8, 10}));      // hold-out 8, then 10 (the only unused one)
  ASSERT_EQ(u[1].size(), 3u);
  EXPECT_TRUE(std::find(u[1].begin(), u[1].end(), 14) != u[1].end());
  for (int f : u[1]) EXPECT_TRUE(f != 13 && f != 15 && f >= 11 && f <= 20) << f;
  EXPECT_EQ(u[2].size(), 3u);
  EXPECT_TRUE(unseenPairsPerShot(shots, paired, {}, {}, {}, 0)[0].empty());
}

TEST(FrameError, IsZeroForIdenticalFramesAndGrowsWithAColourCast) {
  const synth::SyntheticFilm film({96, 64, 2, 1, 5, 1.0});
  const Image a = film.frame(0);
  ErrorMeasure chroma{"chroma", 1.0};
  EXPECT_NEAR(frameError(a, a, {4, 4, 92, 60}, chroma), 0.0, 1e-9);
  synth::FadeOptions weak;
  weak.strength = 0.3;
  const double small = frameError(synth::degradeFade(a, weak), a, {4, 4, 92, 60}, chroma);
  const double large = frameError(synth::degradeFade(a, {}), a, {4, 4, 92, 60}, chroma);
  EXPECT_GT(small, 0.3);
  EXPECT_GT(large, 2 * small);
  // Spatial: the luma error in percent; a fade keeps the luma.
  ErrorMeasure spatial{"spatial", 0};
  EXPECT_LT(frameError(synth::degradeFade(a, {}), a, {}, spatial), 0.5);
  EXPECT_GT(frameError(synth::degradeBlur(a, 2.0), a, {}, spatial), 0.5);
  EXPECT_THROW(frameError(a, Image(10, 10, 3), {}, chroma), InputError);
}

TEST(ColourTransfer, ShotsFadedAlikeAgreeAndAShotFadedAnotherWayDoesNot) {
  TempDir dir("scope-colour");
  // Three shots of the film (different pictures) as source/reference pairs: shots 1 and 2
  // faded the same way, shot 3 faded the other way with another look.
  const synth::SyntheticFilm film({128, 72, 9, 3, 7, 1.0});
  std::filesystem::create_directories(dir.file("ref"));
  std::filesystem::create_directories(dir.file("src"));
  synth::FadeOptions other;
  other.chromaLoss = 0.55;
  other.magentaCast = -0.08;
  for (int i = 0; i < 9; ++i) {
    const Image clean = film.frame(i);
    const bool second = film.shotOf(i) == 2;
    writeImageAtomic(dir.file("ref/r." + std::to_string(1001 + i) + ".exr"), clean);
    writeImageAtomic(dir.file("src/s." + std::to_string(1001 + i) + ".exr"),
                   synth::degradeFade(clean, second ? other : synth::FadeOptions{}));
  }
  const auto source = FrameSource::open(dir.file("src/s.####.exr"));
  const auto reference = FrameSource::open(dir.file("ref/r.####.exr"));
  std::vector<ColourSamples> shots;
  for (const auto& s : film.shots()) {
    std::vector<int> frames;
    for (int i = s.first; i < s.first + s.length; ++i) frames.push_back(1001 + i);
    shots.push_back(colourSamples(*source, *reference, frames, {4, 4, 124, 68}));
  }
  const auto alike = colourAgreement(shots[0], shots[1]), unlike = colourAgreement(shots[1], shots[2]);
  std::cout << "alike: own " << alike.ownA << " / " << alike.ownB << ", cross " << alike.aOnB << " / " << alike.bOnA
            << "; unlike: own " << unlike.ownA << " / " << unlike.ownB << ", cross " << unlike.aOnB << " / "
            << unlike.bOnA << "\n";
  EXPECT_TRUE(sameScene(alike, ScopeRule{}));
  EXPECT_FALSE(sameScene(unlike, ScopeRule{}));
}

TEST(ScopeReport, SummarisesTheStageResultAndNamesTheModelOfEachShot) {
  const json result = {
      {"scope", "auto"},
      {"measure", "dE2000"},
      {"measureBlur", 1.33},
      {"decision", "--scope auto: 2 shots in 2 scene(s), 1 failing the broad model; 1 of 1 narrower model(s) kept"},
      {"rule", ScopeRule{}},
      {"shots", {{{"shot", 1}, {"first", 1}, {"last", 12}, {"scene", 1}, {"judgedFrames", {8, 10}}, {"error", 2.0},
                  {"othersMedian", 6.0}, {"failing", false}, {"verdict", "served"}},
                 {{"shot", 2}, {"first", 13}, {"last", 24}, {"scene", 2}, {"judgedFrames", {18}}, {"error", 6.0},
                  {"othersMedian", 2.0}, {"failing", true}, {"verdict", "fails"}}}},
      {"ranges", {{{"name", "scene-2"}, {"kind", "scene"}, {"shots", {2}}, {"frames", "13-24"},
                   {"trainFrames", {13, 15, 17}}, {"model", "/w/models/scene-2/model.frm"}, {"broadError", 6.0},
                   {"scopedError", 2.5}, {"trained", true}, {"kept", true}, {"verdict", "kept"}}}}};
  const auto s = scopeSummaryOf(result);
  EXPECT_EQ(s.scope, "auto");
  ASSERT_EQ(s.shots.size(), 2u);
  EXPECT_EQ(s.shots[0].model, "");
  EXPECT_EQ(s.shots[1].model, "/w/models/scene-2/model.frm");
  EXPECT_EQ(s.shots[0].judgedFrames, "8,10");
  ASSERT_EQ(s.models.size(), 1u);
  EXPECT_EQ(s.models[0].trainPairs, 3);
  EXPECT_DOUBLE_EQ(s.models[0].scopedError, 2.5);
  EXPECT_NE(s.rule.find("1.5x"), std::string::npos) << s.rule;
  EXPECT_TRUE(scopeSummaryOf(json::object()).scope.empty());
}
