// Curation: diverse, shot-covering selection with hold-out, rejects with reasons, manual
// additions/removals, dataset.json round trip, and the whole job on frames on disk.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "core/curate/alignment_flags.h"
#include "core/curate/contact_sheet.h"
#include "core/curate/curate_job.h"
#include "core/curate/dataset_file.h"
#include "core/curate/pair_features.h"
#include "core/curate/pair_selection.h"
#include "core/exec/errors.h"
#include "core/io/image_writer.h"
#include "core/match/mapping.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::curate;

namespace {

// Four shots of 25 frames; inside a shot the features drift slowly; shot 2 has a bright
// burst at frames 60-62 (a flash) that diversity must find.
std::vector<PairCandidate> fourShots() {
  std::vector<PairCandidate> c;
  for (int f = 1; f <= 100; ++f) {
    PairCandidate p;
    p.frame = f;
    p.shot = (f - 1) / 25;
    p.features.assign(kPairFeatureCount, 0.0f);
    p.features[0] = 0.2f + 0.15f * p.shot + 0.001f * f;
    p.features[5] = (p.shot % 2 ? 0.05f : -0.05f);
    p.features[18] = 0.01f * p.shot;
    if (f >= 60 && f <= 62) p.features[0] = 0.95f;
    c.push_back(p);
  }
  return c;
}

}  // namespace

TEST(PairSelection, CoversEveryShotFindsTheOutlierAndKeepsHoldoutApart) {
  SelectionOptions o;
  o.train = 8;
  o.holdout = 3;
  const Selection s = selectPairs(fourShots(), o);
  ASSERT_EQ(s.train.size(), 8u);
  ASSERT_EQ(s.holdout.size(), 3u);
  std::set<int> shots;
  for (int f : s.train) shots.insert((f - 1) / 25);
  EXPECT_EQ(shots.size(), 4u) << "every shot has a training pair";
  std::vector<int> all = s.train;
  all.insert(all.end(), s.holdout.begin(), s.holdout.end());
  EXPECT_TRUE(std::any_of(all.begin(), all.end(), [](int f) { return f >= 60 && f <= 62; }))
      << "the odd bright frames are represented";
  for (int h : s.holdout) EXPECT_EQ(std::count(s.train.begin(), s.train.end(), h), 0);
  // Hold-out spread in time: not all in one shot.
  std::set<int> holdShots;
  for (int f : s.holdout) holdShots.insert((f - 1) / 25);
  EXPECT_GE(holdShots.size(), 2u);
  // No two picks are neighbours in one shot (diversity, not near-duplicates).
  std::sort(all.begin(), all.end());
  for (size_t i = 1; i < all.size(); ++i)
    if ((all[i] - 1) / 25 == (all[i - 1] - 1) / 25) {
      EXPECT_GT(all[i] - all[i - 1], 1) << all[i];
    }
}

TEST(PairSelection, RejectsFlaggedAndRemovedAndHonoursAdditions) {
  auto c = fourShots();
  c[9].flag = "match: low-confidence";  // frame 10
  c[40].flag = "alignment: residual 2.1 px";  // frame 41
  SelectionOptions o;
  o.train = 6;
  o.holdout = 2;
  o.add = {3, 77};
  o.remove = {50, 51};
  const Selection s = selectPairs(c, o);
  ASSERT_EQ(s.rejected.size(), 4u);
  EXPECT_EQ(s.rejected[0].frame, 10);
  EXPECT_EQ(s.rejected[0].reason, "match: low-confidence");
  EXPECT_EQ(s.rejected[2].reason, "removed by operator");
  for (int f : {10, 41, 50, 51}) {
    EXPECT_EQ(std::count(s.train.begin(), s.train.end(), f), 0);
    EXPECT_EQ(std::count(s.holdout.begin(), s.holdout.end(), f), 0);
  }
  EXPECT_EQ(std::count(s.train.begin(), s.train.end(), 3), 1);
  EXPECT_EQ(std::count(s.train.begin(), s.train.end(), 77), 1);
  EXPECT_EQ(s.train.size(), 6u);
  EXPECT_EQ(s.holdout.size(), 2u);
}

TEST(PairSelection, AskingForMoreThanThereIsKeepsAHoldout) {
  auto c = fourShots();
  c.resize(6);
  SelectionOptions o;
  o.train = 10;
  o.holdout = 4;
  const Selection s = selectPairs(c, o);
  EXPECT_EQ(s.train.size() + s.holdout.size(), 6u);
  EXPECT_GE(s.holdout.size(), 1u);
  EXPECT_GE(s.train.size(), 4u);
}

TEST(PairFeatures, SeeBrightnessColourAndTexture) {
  Image flatGrey(64, 48, 3, 0.5f), flatRed(64, 48, 3, 0.0f), dark(64, 48, 3, 0.1f);
  for (size_t i = 0; i < flatRed.pixelCount(); ++i) flatRed.pixels[i * 3] = 0.8f;
  const Image textured = test::makeTestPattern(64, 48, 3);
  const auto g = pairFeatures(flatGrey, flatGrey, {}), r = pairFeatures(flatGrey, flatRed, {}),
             d = pairFeatures(dark, dark, {}), t = pairFeatures(textured, flatGrey, {});
  EXPECT_NEAR(g[0], 0.5, 1e-4);
  EXPECT_LT(d[0], g[0]);
  EXPECT_GT(r[5], 0.1);             // Cr of the red reference
  EXPECT_NEAR(g[5], 0.0, 1e-4);
  EXPECT_GT(r[17], 0.5);            // saturated share
  EXPECT_GT(t[18], 10 * g[18] + 1e-3);  // texture measured on the source
}

TEST(DatasetFile, RoundTripsAndNamesTheFileWhenBroken) {
  test::TempDir dir("curate");
  DatasetFile d;
  d.selection.train = {1, 5, 9};
  d.selection.holdout = {7};
  d.selection.rejected = {{3, "match: interlaced"}};
  d.crop = {4, 6, 300, 200};
  writeDatasetFile(d, dir.file("dataset.json"));
  const DatasetFile back = readDatasetFile(dir.file("dataset.json"));
  EXPECT_EQ(back.selection.train, d.selection.train);
  EXPECT_EQ(back.selection.holdout, d.selection.holdout);
  EXPECT_EQ(back.selection.rejected[0].reason, "match: interlaced");
  EXPECT_EQ(back.crop, d.crop);
  std::ofstream(dir.file("bad.json")) << "{\"holdout\": [1]}";
  try {
    readDatasetFile(dir.file("bad.json"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos);
  }
}

TEST(AlignmentFlags, ReadsFlagsAndCropTolerantly) {
  test::TempDir dir("curate");
  std::ofstream(dir.file("t.json"))
      << R"({"frames":[{"frame":4,"flag":""},{"frame":5,"flagged":true,"reason":"residual"},)"
      << R"({"source":6,"flag":"low-inliers"}],"crop":{"x0":2,"y0":3,"x1":90,"y1":60}})";
  const auto f = readAlignmentFlags(dir.file("t.json"));
  EXPECT_TRUE(f.found);
  EXPECT_EQ(f.flags.size(), 2u);
  EXPECT_EQ(f.flags.at(5), "alignment: residual");
  EXPECT_EQ(f.flags.at(6), "alignment: low-inliers");
  EXPECT_EQ(f.crop, (Rect{2, 3, 90, 60}));
  EXPECT_FALSE(readAlignmentFlags(dir.file("none.json")).found);
}

TEST(CurateJob, WritesDatasetAndContactSheetFromFramesOnDisk) {
  test::TempDir dir("curate");
  for (const char* sub : {"src", "aligned", "out"}) std::filesystem::create_directories(dir.path() / sub);
  match::Mapping m;
  m.source = dir.file("src/s.####.png");
  m.reference = dir.file("ref/r.####.png");
  for (int f = 1; f <= 24; ++f) {
    const Image img = test::makeTestPattern(96, 64, static_cast<unsigned>(f / 6 + 1));
    writeImageAtomic(dir.file("src/s." + std::string(f < 10 ? "000" : "00") + std::to_string(f) + ".png"), img);
    if (f != 20)  // one pair without an aligned frame
      writeImageAtomic(dir.file("aligned/a." + std::string(f < 10 ? "000" : "00") + std::to_string(f) + ".png"), img);
    m.pairs.push_back({f, f + 2, 0.9f, f == 7 ? match::kFlagLowConfidence : ""});
  }
  m.sourceCuts = {7, 13, 19};
  match::writeMapping(m, dir.file("mapping.json"));
  std::ofstream(dir.file("aligned/transforms.json"))
      << R"({"frames":[{"frame":9,"flagged":true,"reason":"residual 3 px"}],"crop":{"x0":4,"y0":4,"x1":92,"y1":60}})";
  CurateRequest r;
  r.source = dir.file("src/s.####.png");
  r.aligned = dir.file("aligned/a.####.png");
  r.mapping = dir.file("mapping.json");
  r.output = dir.file("out/dataset.json");
  r.contactSheet = dir.file("out/sheet.png");
  r.selection.train = 5;
  r.selection.holdout = 2;
  r.selection.add = {1};
  const auto result = runCurate(r);
  EXPECT_EQ(result.candidates, 24);
  const auto d = readDatasetFile(r.output);
  EXPECT_EQ(d.selection.train.size(), 5u);
  EXPECT_EQ(d.selection.holdout.size(), 2u);
  EXPECT_EQ(d.crop, (Rect{4, 4, 92, 60}));
  std::map<int, std::string> rejected;
  for (auto& x : d.selection.rejected) rejected[x.frame] = x.reason;
  EXPECT_EQ(rejected.at(7), "match: low-confidence");
  EXPECT_EQ(rejected.at(9), "alignment: residual 3 px");
  EXPECT_EQ(rejected.at(20), "no aligned frame");
  EXPECT_EQ(d.selection.train.front(), 1);
  ASSERT_TRUE(std::filesystem::exists(r.contactSheet));
  const Image sheet = readImageFile(r.contactSheet);
  EXPECT_GT(sheet.width, 3 * 200);
}
