// recover --scope without training: the source's shots, which shots one model clearly fails,
// scenes from the colour transfer of each shot, the ranges each scope asks for, the render
// plan, which pairs are unseen, and the error measure.
#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/color/ycbcr.h"
#include "core/exec/errors.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/pipeline/recover_pipeline.h"
#include "core/pipeline/report_scope.h"
#include "core/pipeline/scope_measure.h"
#include "core/pipeline/scope_plan.h"
#include "core/synth/degrade.h"
#include "core/synth/scenario.h"
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

TEST(ScopeChoice, RecoverRefusesAnUnknownScopeBeforeReadingAnything) {
  RecoverOptions o;
  o.source = "/nonexistent/s.####.png";
  o.reference = "/nonexistent/r.####.png";
  o.output = "out.####.exr";
  o.scope = "film";
  try {
    runRecover(o);
    FAIL() << "accepted --scope film";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--scope"), std::string::npos) << e.what();
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

TEST(GroupScenes, ConsecutiveShotsTheModelErrsOnAlikeAreOneScene) {
  const ScopeRule rule;  // biases within 3.0 (a*b*) of each other
  EXPECT_TRUE(sameScene({0.5, -0.3}, {-1.0, 1.5}, rule));
  EXPECT_FALSE(sameScene({0.5, -0.3}, {-6.0, -4.0}, rule));
  // Shots 0-1 served alike, 2-3 both off the same way: two scenes.
  auto scenes = groupScenes(4, {true, true, true, true}, {{0.2, 0.1}, {-0.5, 0.4}, {-7.0, -5.0}, {-6.0, -5.5}}, rule);
  ASSERT_EQ(scenes.size(), 2u);
  EXPECT_EQ(scenes[0].firstShot, 0);
  EXPECT_EQ(scenes[0].lastShot, 1);
  EXPECT_EQ(scenes[1].firstShot, 2);
  EXPECT_EQ(scenes[1].lastShot, 3);
  EXPECT_NE(scenes[1].why.find("shot 3"), std::string::npos) << scenes[1].why;
  // Unmeasured shots (0 and 3) join the scene next to them: 0 the one after it, 3 the one
  // before it; shot 2 is compared with shot 1, the last measured one.
  scenes = groupScenes(4, {false, true, true, false}, {{}, {0.2, 0.1}, {-7.0, -5.0}, {}}, rule);
  ASSERT_EQ(scenes.size(), 2u);
  EXPECT_EQ(scenes[0].firstShot, 0);
  EXPECT_EQ(scenes[0].lastShot, 1);
  EXPECT_EQ(scenes[1].firstShot, 2);
  EXPECT_EQ(scenes[1].lastShot, 3);
  EXPECT_EQ(groupScenes(3, {false, false, false}, {{}, {}, {}}, rule).size(), 1u);
}

TEST(GroupScenes, ASpatialRecoveryTellsScenesApartByItsLumaErrorACombinedOneByEither) {
  const ScopeRule rule;  // luma biases within 2.0 % of each other
  // The bias measured on RecoverScope.Spatial...: shots 1-2 -0.14 % and +0.61 %, the scene
  // printed denser -4.83 %; their colour errors alike.
  const std::vector<ShotBias> bias = {{0.09, -0.17, -0.14}, {-0.14, 0.18, 0.61}, {0.36, 0.30, -4.83}};
  EXPECT_EQ(sceneMeasureFor("spatial"), SceneMeasure::Luma);
  EXPECT_EQ(sceneMeasureFor("combined"), SceneMeasure::Both);
  EXPECT_EQ(sceneMeasureFor("chroma"), SceneMeasure::Colour);
  auto scenes = groupScenes(3, {true, true, true}, bias, rule, SceneMeasure::Luma);
  ASSERT_EQ(scenes.size(), 2u);
  EXPECT_EQ(scenes[1].firstShot, 2);
  EXPECT_NE(scenes[1].why.find("mean luma error -4.83 %"), std::string::npos) << scenes[1].why;
  EXPECT_EQ(scenes[1].why.find("colour"), std::string::npos) << scenes[1].why;
  // By colour alone they are one scene; combined splits where either differs.
  EXPECT_EQ(groupScenes(3, {true, true, true}, bias, rule, SceneMeasure::Colour).size(), 1u);
  EXPECT_EQ(groupScenes(3, {true, true, true}, bias, rule, SceneMeasure::Both).size(), 2u);
  EXPECT_FALSE(sameScene({0, 0, 0}, {5.0, 0, 0}, rule, SceneMeasure::Both));   // colour apart
  EXPECT_FALSE(sameScene({0, 0, 0}, {0, 0, 3.0}, rule, SceneMeasure::Both));   // luma apart
  EXPECT_TRUE(sameScene({0, 0, 0}, {0, 0, 3.0}, rule, SceneMeasure::Colour));  // chroma ignores luma
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
  for (int f = 2; f <= 60; f += 2)
    if (f % 10 != 6) in.unusedFrames.push_back(f);
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
  // Its 10 training pairs and every second of its 8 unused ones (not judged on).
  EXPECT_EQ(ranges[0].borrowedFrames, (std::vector<int>{44, 50, 54, 60}));
  EXPECT_EQ(ranges[0].trainFrames.size(), 14u);
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
  rule.minTrainPairs = 15;
  ranges = planScopedRanges(ScopeChoice::Auto, in, rule);
  ASSERT_EQ(ranges.size(), 1u);
  EXPECT_FALSE(ranges[0].trainable);
  EXPECT_NE(ranges[0].reason.find("too few training pairs (14"), std::string::npos) << ranges[0].reason;
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

TEST(FrameError, IsZeroForIdenticalFramesAndGrowsWithAColourCastWhoseWayItNames) {
  const synth::SyntheticFilm film({96, 64, 2, 1, 5, 1.0});
  const Image a = film.frame(0);
  const Rect crop{4, 4, 92, 60};
  ErrorMeasure chroma{"chroma", 8};
  EXPECT_NEAR(frameError(a, a, crop, chroma).error, 0.0, 1e-9);
  synth::FadeOptions weak;
  weak.strength = 0.3;
  const auto small = frameError(synth::degradeFade(a, weak), a, crop, chroma);
  const auto large = frameError(synth::degradeFade(a, {}), a, crop, chroma);
  EXPECT_GT(small.error, 0.3);
  EXPECT_GT(large.error, 2 * small.error);
  // A magenta cast on the recovered frame: the reference is greener (a* lower) than it.
  EXPECT_LT(large.biasA, -1.0);
  // Fine structure does not count in blocks: a blur of the colour leaves the error small.
  EXPECT_LT(frameError(synth::degradeBlur(a, 1.5), a, crop, chroma).error, 0.5 * small.error);
  // Spatial: the luma error in percent at full resolution; a fade keeps the luma.
  ErrorMeasure spatial{"spatial", 1};
  EXPECT_LT(frameError(synth::degradeFade(a, {}), a, {}, spatial).error, 0.5);
  EXPECT_GT(frameError(synth::degradeBlur(a, 2.0), a, {}, spatial).error, 0.5);
  EXPECT_THROW(frameError(a, Image(10, 10, 3), {}, chroma), InputError);
}

TEST(SecondScene, HasItsOwnLookInTheTruthAndTheReferenceButNotInTheSource) {
  TempDir dir("scope-scene");
  auto o = synth::ScenarioOptions::chroma(96, 54, 6, 7);
  o.film.shots = 2;
  o.secondScene = synth::SecondScene::unlike(1);
  const auto s = synth::writeScenario(dir.file("m"), o);
  auto plain = o;
  plain.secondScene = {};
  const auto p = synth::writeScenario(dir.file("p"), plain);
  const auto meanCbCr = [](const std::string& pattern, int frame, double& cb, double& cr) {
    const Image im = readImageFile(synth::scenarioFramePath(pattern, frame));
    cb = cr = 0;
    for (size_t i = 0; i < im.pixelCount(); ++i) {
      float y, b, r;
      rgbToYCbCr(im.pixels[3 * i], im.pixels[3 * i + 1], im.pixels[3 * i + 2], y, b, r);
      cb += b / im.pixelCount(), cr += r / im.pixelCount();
    }
  };
  const int first = s.shots[0].first + 1, second = s.shots[1].first + 1;
  double cb1, cr1, cb2, cr2, pcb, pcr;
  // The first scene is untouched; the second's truth is bluer and less red.
  meanCbCr(s.cleanPattern, first, cb1, cr1);
  meanCbCr(p.cleanPattern, first, pcb, pcr);
  EXPECT_NEAR(cb1, pcb, 1e-4);
  meanCbCr(s.cleanPattern, second, cb2, cr2);
  meanCbCr(p.cleanPattern, second, pcb, pcr);
  EXPECT_GT(cb2 - pcb, 0.03);
  EXPECT_LT(cr2 - pcr, -0.03);
  // The source does not show the look (a grade of the reference alone): its second scene is
  // what the plain film's source is there, up to the grain.
  double scb, scr, ppcb, ppcr;
  meanCbCr(s.sourcePattern, second, scb, scr);
  meanCbCr(p.sourcePattern, second, ppcb, ppcr);
  EXPECT_NEAR(scb, ppcb, 2e-3);
  EXPECT_NEAR(scr, ppcr, 2e-3);
  const nlohmann::json truth = nlohmann::json::parse(std::ifstream(dir.file("m/truth.json")));
  EXPECT_EQ(truth["secondScene"]["firstShot"], 2);
  EXPECT_EQ(truth["secondScene"]["firstFrame"], second);
}

TEST(ScopeReport, SummarisesTheStageResultAndNamesTheModelOfEachShot) {
  const json result = {
      {"scope", "auto"},
      {"measure", "dE2000"},
      {"measureBlock", 8},
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
