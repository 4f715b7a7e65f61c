// End-to-end: recover --scope on a film of two scenes whose colour differs (the reference,
// and so the truth, has another look in the second; the source, faded alike throughout, does
// not show it: one model must map the same faded colours two ways). `--scope auto` measures
// the film's model per shot on the pairs it never saw, splits off the scene it fails, and
// beats the single model there (ΔE2000 against the clean film, on that scene's frames);
// `--scope sequence` keeps one model; `--scope scene` gives each scene one, reusing the one
// auto trained. The runs share one work dir: the later ones reuse match, align, curate and
// the film's model.
#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/io/image_writer.h"
#include "core/io/provenance.h"
#include "core/project/project_catalog.h"
#include "tests/core/integration/recover_helpers.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::test;
using nlohmann::json;

namespace {

std::vector<int> framesOf(const synth::Scenario& s, int firstShot, int lastShot) {
  std::vector<int> v;
  for (int k = firstShot; k <= lastShot; ++k)
    for (int i = 0; i < s.shots[k].length; ++i) v.push_back(s.shots[k].first + i + 1);
  return v;
}

std::string modelOfFrame(const std::string& pattern, int frame) {
  const auto p = provenanceOf(readImageFile(framePath(pattern, frame)).attributes);
  const auto it = p.find("model");
  return it == p.end() ? std::string() : it->second;
}

// `recover` with `common` and --scope `scope` into `out`: its JSON, or null (a failure
// recorded) when it did not exit 0.
json recoverScoped(const std::vector<std::string>& common, const std::string& scope, const std::string& out) {
  auto args = common;
  args.insert(args.end(), {"--scope", scope, "-o", out});
  const auto r = runCli(args);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return r.exitCode == 0 ? json::parse(r.out) : json();
}

// The scope decision as the test's log shows it: per shot its error and bias, per scene why.
void printScope(const json& scope) {
  std::cout << "scope: " << scope["decision"] << "\n";
  for (const auto& shot : scope["shots"])
    std::cout << "  shot " << shot["shot"] << " (frames " << shot["first"] << "-" << shot["last"] << ", unseen "
              << shot["judgedFrames"].dump() << ", colour error " << shot.value("colourBias", json()).dump()
              << ", luma error " << shot.value("lumaBias", json()).dump() << " %): " << shot["verdict"] << "\n";
  for (const auto& c : scope["scenes"]) std::cout << "  scene " << c["scene"] << ": " << c["why"] << "\n";
  for (const auto& r : scope["ranges"]) std::cout << "  " << r["name"] << ": " << r["verdict"] << "\n";
  std::cout << std::flush;  // before the next child process inherits the buffer
}

}  // namespace

TEST(RecoverScope, AutoSplitsTheSceneTheFilmsModelFailsAndBeatsItThere) {
  TempDir dir("recover-scope");
  auto o = synth::ScenarioOptions::chroma(256, 144, 36, 27);
  // Shots 1-2 (architecture, interior: frames 1-22) one scene, shot 3 (portrait, 23-36) the
  // other; the reference covers 7-32, so each scene has pairs.
  o.secondScene = synth::SecondScene::unlike(2);
  const auto s = synth::writeScenario(dir.file("material"), o);
  ASSERT_EQ(s.shots.size(), 3u);
  const std::string work = dir.file("work"), autoOut = dir.file("auto/auto.####.exr"),
                    seqOut = dir.file("sequence/sequence.####.exr");
  const std::vector<std::string> common = {"recover", "--mode", "chroma", s.sourcePattern, s.referencePattern,
                                           "--work-dir", work, "--steps", "1000", "--no-baseline", "--json"};
  auto run = [&](const std::string& scope, const std::string& out) { return recoverScoped(common, scope, out); };

  const json a = run("auto", autoOut);
  ASSERT_FALSE(a.is_null());
  const json& scope = a["scope"];
  printScope(scope);
  // The second scene's shot fails the film's model, and nothing else does.
  ASSERT_EQ(scope["shots"].size(), 3u);
  EXPECT_FALSE(scope["shots"][0]["failing"].get<bool>());
  EXPECT_FALSE(scope["shots"][1]["failing"].get<bool>());
  EXPECT_TRUE(scope["shots"][2]["failing"].get<bool>());
  // Its scene is told apart by colour; it gets a model of its own, which renders its frames.
  EXPECT_NE(scope["shots"][2]["scene"], scope["shots"][1]["scene"]);
  ASSERT_EQ(scope["render"].size(), 1u);
  const std::string scopedModel = scope["render"][0]["model"];
  EXPECT_NE(scopedModel.find("/models/"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(scopedModel));
  const auto weak = framesOf(s, 2, 2), strong = framesOf(s, 0, 1);
  // Each frame names the model that made it.
  EXPECT_EQ(modelOfFrame(autoOut, weak.front()), scopedModel);
  EXPECT_EQ(modelOfFrame(autoOut, weak.back()), scopedModel);
  EXPECT_EQ(modelOfFrame(autoOut, strong.front()), a["model"].get<std::string>());
  // The catalog records which training run rendered which frames.
  {
    project::ProjectCatalog catalog(work);
    int64_t scopedRun = 0;
    for (const auto& r : catalog.trainingRuns())
      if (std::filesystem::path(r.modelPath) == std::filesystem::path(scopedModel)) scopedRun = r.id;
    ASSERT_NE(scopedRun, 0);
    bool recorded = false;
    for (const auto& r : catalog.renders())
      recorded |= r.runId == scopedRun && r.frames == scope["render"][0]["frames"].get<std::string>();
    EXPECT_TRUE(recorded);
  }

  const json q = run("sequence", seqOut);
  ASSERT_FALSE(q.is_null());
  EXPECT_TRUE(q["scope"]["render"].empty()) << q["scope"].dump();
  for (const auto& st : q["stages"])
    if (st["name"] == "train") EXPECT_TRUE(st["reused"].get<bool>());
  EXPECT_EQ(modelOfFrame(seqOut, weak.front()), q["model"].get<std::string>());

  // --scope scene: each scene its own model. Scene 2's is the one auto trained (same range,
  // pairs and settings: reused, not trained again); scene 1's is trained now. That run is
  // killed once scene 1's training has written a checkpoint; run again, it resumes there.
  const std::string sceneOut = dir.file("scene/scene.####.exr");
  {
    auto args = common;
    args.insert(args.end(), {"--scope", "scene", "-o", sceneOut});
    const std::string checkpoint = work + "/models/scene-1/model.ckpt.frm";
    ChildCli killed = startCli(args, dir.file("killed.log"));
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(600);
    bool atCheckpoint = false;
    while (!atCheckpoint && killed.running() && std::chrono::steady_clock::now() < end) {
      atCheckpoint = std::filesystem::exists(checkpoint);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    killed.kill();
    killed.wait();
    ASSERT_TRUE(atCheckpoint) << "scene 1's training never wrote a checkpoint";
    project::ProjectCatalog catalog(work);
    ASSERT_TRUE(catalog.stage("scope:scene-1").has_value());
    EXPECT_EQ(catalog.stage("scope:scene-1")->status, "running");
    EXPECT_FALSE(std::filesystem::exists(work + "/models/scene-1/model.frm")) << "killed before the model was final";
  }
  const json c = run("scene", sceneOut);
  ASSERT_FALSE(c.is_null());
  const json& sc = c["scope"];
  std::cout << "scope (scene): " << sc["decision"] << "\n";
  for (const auto& r : sc["ranges"]) std::cout << "  " << r["name"] << ": " << r["verdict"] << "\n";
  std::cout << std::flush;
  ASSERT_EQ(sc["ranges"].size(), 2u);
  EXPECT_EQ(sc["ranges"][1]["name"], "scene-2");
  EXPECT_EQ(sc["ranges"][1]["model"], scopedModel);
  EXPECT_TRUE(sc["ranges"][1]["reused"].get<bool>());
  EXPECT_TRUE(sc["ranges"][0]["trained"].get<bool>());
  EXPECT_FALSE(sc["ranges"][0]["reused"].get<bool>());
  EXPECT_TRUE(sc["ranges"][0]["resumed"].get<bool>());
  {
    project::ProjectCatalog catalog(work);
    EXPECT_EQ(catalog.stage("scope:scene-1")->status, "done");
    bool resumedRun = false;
    for (const auto& r : catalog.trainingRuns())
      if (std::filesystem::path(r.modelPath) == std::filesystem::path(sc["ranges"][0]["model"].get<std::string>()))
        resumedRun |= r.status == "done" && r.metrics.value("resumedFrom", 0) > 0;
    EXPECT_TRUE(resumedRun) << "scene 1's training run does not say it resumed from a checkpoint";
  }
  EXPECT_EQ(modelOfFrame(sceneOut, weak.back()), scopedModel);

  const double single = meanDeltaE(seqOut, s.cleanPattern, weak), scoped = meanDeltaE(autoOut, s.cleanPattern, weak);
  const double singleStrong = meanDeltaE(seqOut, s.cleanPattern, strong),
               scopedStrong = meanDeltaE(autoOut, s.cleanPattern, strong);
  std::cout << "dE2000 against the clean film, weaker scene (frames " << weak.front() << "-" << weak.back()
            << "): single model " << single << ", --scope auto " << scoped << "; other scene: " << singleStrong << ", "
            << scopedStrong << "\n";
  EXPECT_LT(scoped, single);
  // The other scene is rendered by the same model both times.
  EXPECT_NEAR(scopedStrong, singleStrong, 1e-6);
}

// Spatial recovery at scope: the second scene's better element was printed denser (its
// truth too), the soft source alike throughout. A spatial recovery takes its luma from the
// reference, so one model must map the same source tones two ways. `--scope auto` measures
// the film's model in blocks of 4 px (at full resolution the pictures' own detail floor hid
// the scene), tells the scenes apart by the luma error, and the denser scene's own model
// beats the film's model there against the clean film; the source's colour stays exactly.
TEST(RecoverScope, SpatialAutoSplitsTheDenserSceneAndBeatsTheFilmsModelThere) {
  TempDir dir("recover-scope-spatial");
  auto o = synth::ScenarioOptions::spatial(256, 144, 36, 27);
  o.secondScene = synth::SecondScene::denser(2);
  const auto s = synth::writeScenario(dir.file("material"), o);
  ASSERT_EQ(s.shots.size(), 3u);
  const std::string work = dir.file("work"), autoOut = dir.file("auto/auto.####.exr"),
                    seqOut = dir.file("sequence/sequence.####.exr");
  const std::vector<std::string> common = {"recover", "--mode", "spatial", s.sourcePattern, s.referencePattern,
                                           "--work-dir", work, "--steps", "1000", "--no-baseline", "--json"};
  auto run = [&](const std::string& scope, const std::string& out) { return recoverScoped(common, scope, out); };
  const json a = run("auto", autoOut);
  ASSERT_FALSE(a.is_null());
  const json& scope = a["scope"];
  printScope(scope);
  EXPECT_EQ(scope["measure"], "% luma");
  EXPECT_EQ(scope["sceneMeasure"], "luma");
  ASSERT_EQ(scope["shots"].size(), 3u);
  EXPECT_FALSE(scope["shots"][0]["failing"].get<bool>());
  EXPECT_FALSE(scope["shots"][1]["failing"].get<bool>());
  EXPECT_TRUE(scope["shots"][2]["failing"].get<bool>());
  EXPECT_NE(scope["shots"][2]["scene"], scope["shots"][1]["scene"]);
  ASSERT_EQ(scope["render"].size(), 1u);
  const std::string scopedModel = scope["render"][0]["model"];
  const auto weak = framesOf(s, 2, 2), strong = framesOf(s, 0, 1);
  EXPECT_EQ(modelOfFrame(autoOut, weak.front()), scopedModel);
  EXPECT_EQ(modelOfFrame(autoOut, strong.back()), a["model"].get<std::string>());
  // Spatial recovery keeps the source's colour, whichever model rendered the frame.
  EXPECT_LT(maxChromaDifference(autoOut, s.sourcePattern, {strong.front(), weak.front(), weak.back()}), 4e-3);

  const json q = run("sequence", seqOut);
  ASSERT_FALSE(q.is_null());
  EXPECT_TRUE(q["scope"]["render"].empty()) << q["scope"].dump();
  double psnrSingle, ssimSingle, psnrScoped, ssimScoped, psnrSingleStrong, ssimSingleStrong, psnrScopedStrong,
      ssimScopedStrong;
  meanLumaQuality(seqOut, s.cleanPattern, weak, psnrSingle, ssimSingle);
  meanLumaQuality(autoOut, s.cleanPattern, weak, psnrScoped, ssimScoped);
  meanLumaQuality(seqOut, s.cleanPattern, strong, psnrSingleStrong, ssimSingleStrong);
  meanLumaQuality(autoOut, s.cleanPattern, strong, psnrScopedStrong, ssimScopedStrong);
  std::cout << "luma PSNR/SSIM against the clean film, denser scene (frames " << weak.front() << "-" << weak.back()
            << "): single model " << psnrSingle << "/" << ssimSingle << ", --scope auto " << psnrScoped << "/"
            << ssimScoped << "; other scene: " << psnrSingleStrong << "/" << ssimSingleStrong << ", "
            << psnrScopedStrong << "/" << ssimScopedStrong << "\n";
  // Measured 24.99 dB single, 36.06 dB with the scene's own model.
  EXPECT_GT(psnrScoped, psnrSingle + 3.0);
  EXPECT_GT(ssimScoped, ssimSingle);
  EXPECT_NEAR(psnrScopedStrong, psnrSingleStrong, 1e-6);  // the same model renders the other scene
}
