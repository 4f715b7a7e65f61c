// Frame descriptors: independent of colour, tone curve, resolution, letterbox and framing;
// different for different pictures. Picture-area detection finds letterbox bars.
#include <gtest/gtest.h>

#include "core/match/active_area.h"
#include "core/match/descriptor_set.h"
#include "core/match/frame_descriptor.h"
#include "core/match/shot_cuts.h"
#include "core/opencv/image_mat.h"
#include "tests/core/match/film_material.h"
#include "tests/support/test_support.h"

namespace filmrecover::test {
namespace {

TEST(FrameDescriptor, SamePictureAcrossFadeSdLetterboxAndJpegIsSimilarOtherShotsAreNot) {
  MaterialOptions o;
  o.frames = 60;
  o.shots = 3;
  o.startOffset = 0;
  o.endTrim = 0;
  const Material m = makeMaterial(o);
  const auto S = match::extractDescriptors(m.source, 2, {}, {}, "s");
  const auto R = match::extractDescriptors(m.reference, 2, {}, {}, "r");
  // Same film frame on both sides: reference index == film frame here (no re-timing).
  for (int f : {5, 30, 50}) {
    EXPECT_GT(match::coarseSimilarity(S.frames[f], R.frames[f]), 0.5f) << "frame " << f;
    const int other = (f + 25) % 60;
    if (m.film->shotOf(other) != m.film->shotOf(f)) {
      EXPECT_LT(match::coarseSimilarity(S.frames[f], R.frames[other]), 0.45f) << f << " vs " << other;
    }
  }
}

TEST(FrameDescriptor, RanksIgnoreMonotonicToneCurves) {
  const Image image = makeTestPattern(160, 90, 3);
  cv::Mat luma = lumaMat(image);
  cv::Mat curved;
  cv::pow(luma, 2.2, curved);
  curved = curved * 0.6 + 0.2;  // gamma, lifted blacks, lower contrast
  const Rect all{0, 0, 160, 90};
  const auto a = match::describeFrame(luma, all, 1), b = match::describeFrame(curved, all, 1);
  EXPECT_GT(match::coarseSimilarity(a, b), 0.97f);
}

TEST(ActiveArea, FindsLetterboxBarsOfTheReference) {
  MaterialOptions o;
  o.frames = 30;
  o.shots = 2;
  o.startOffset = 0;
  o.endTrim = 0;
  const Material m = makeMaterial(o);
  const Rect area = match::detectElementActiveArea(m.reference, 8);
  EXPECT_NEAR(area.y0, m.pictureY0, 4);
  EXPECT_NEAR(area.y1, m.pictureY1, 4);
  EXPECT_LE(area.x0, 4);
  EXPECT_GE(area.x1, o.refWidth - 4);
  const Rect src = match::detectElementActiveArea(m.source, 8);
  EXPECT_LE(src.y0, 3);
  EXPECT_GE(src.y1, o.height - 3);
}

TEST(ShotCuts, FindsTheCutsOfBothElements) {
  MaterialOptions o;
  o.frames = 90;
  o.shots = 4;
  o.startOffset = 0;
  o.endTrim = 0;
  const Material m = makeMaterial(o);
  for (const auto* access : {&m.source, &m.reference}) {
    const auto set = match::extractDescriptors(*access, 2, {}, {}, "d");
    const auto cuts = match::detectCuts(set.frames);
    std::vector<int> truth;
    for (size_t s = 1; s < m.film->shots().size(); ++s) truth.push_back(m.film->shots()[s].first);
    EXPECT_EQ(cuts, truth) << access->spec;
  }
}

// A white flash (a light leak, a splice) is one frame unlike both its neighbours: it is
// not two cuts with a one-frame shot between them but an unreadable frame inside its shot.
TEST(ShotCuts, AFlashIsAnUnreadableFrameNotTwoCuts) {
  MaterialOptions o;
  o.frames = 90;
  o.shots = 4;
  o.startOffset = 0;
  o.endTrim = 0;
  o.sourceFlashShots = {1, 2};
  const Material m = makeMaterial(o);
  const auto set = match::extractDescriptors(m.source, 2, {}, {}, "d");
  std::vector<int> unreadable;
  const auto cuts = match::detectCuts(set.frames, {}, &unreadable);
  std::vector<int> truth;
  for (size_t s = 1; s < m.film->shots().size(); ++s) truth.push_back(m.film->shots()[s].first);
  EXPECT_EQ(cuts, truth);
  EXPECT_EQ(unreadable, m.sourceFlash);
  ASSERT_EQ(m.sourceFlash.size(), 2u);
}

TEST(DescriptorCache, SecondExtractionComesFromDiskAndMatches) {
  MaterialOptions o;
  o.frames = 12;
  o.shots = 1;
  o.startOffset = 0;
  o.endTrim = 0;
  Material m = makeMaterial(o);
  m.source.cacheKey = "test-source-v1";
  TempDir dir("desc-cache");
  int reads = 0;
  auto read = m.source.read;
  m.source.read = [&reads, read](int f) {
    ++reads;
    return read(f);
  };
  const auto first = match::loadOrExtractDescriptors(m.source, dir.path().string(), 1, {}, {}, "d");
  const int readsFirst = reads;
  const auto second = match::loadOrExtractDescriptors(m.source, dir.path().string(), 1, {}, {}, "d");
  EXPECT_GT(readsFirst, 0);
  EXPECT_EQ(reads, readsFirst);  // nothing read the second time
  ASSERT_EQ(first.frames.size(), second.frames.size());
  EXPECT_EQ(first.frames[5].coarse, second.frames[5].coarse);
  EXPECT_EQ(first.frames[5].fine, second.frames[5].fine);
  EXPECT_EQ(first.activeArea, second.activeArea);
}

}  // namespace
}  // namespace filmrecover::test
