// The framing consensus against the known framing of generated material: pairs that are
// all one frame off (what a slightly wrong framing makes the fine pass choose in panning
// shots) give a biased median warp; the consensus over the candidate rows of all shots
// does not.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "core/match/descriptor_set.h"
#include "core/match/framing_consensus.h"
#include "core/match/thumbnail_similarity.h"
#include "tests/core/match/film_material.h"

namespace filmrecover::test {
namespace {

cv::Matx33d thumbToPixels(const Rect& a) {
  const double sx = double(a.width()) / match::kFineSide, sy = double(a.height()) / match::kFineSide;
  return cv::Matx33d(sx, 0, a.x0 + 0.5 * sx - 0.5, 0, sy, a.y0 + 0.5 * sy - 0.5, 0, 0, 1);
}

cv::Mat medianWarp(const std::vector<cv::Mat>& warps) {
  cv::Mat out(2, 3, CV_32F);
  for (int k = 0; k < 6; ++k) {
    std::vector<float> v;
    for (const auto& w : warps) v.push_back(w.at<float>(k / 3, k % 3));
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    out.at<float>(k / 3, k % 3) = v[v.size() / 2];
  }
  return out;
}

TEST(FramingConsensus, RecoversTheFramingFromPairsOneFrameOff) {
  MaterialOptions o;  // the pulldown test's material: its pans mostly share a direction
  o.frames = 160;
  o.shots = 5;
  o.seed = 5;
  o.pulldown = true;
  o.refWidth = 320;
  o.refHeight = 180;
  o.letterbox = 0;
  o.jpegQuality = 85;
  o.startOffset = 8;
  o.endTrim = 4;
  const Material m = makeMaterial(o);
  const auto S = match::extractDescriptors(m.source, 2, {}, {}, "source");
  const auto R = match::extractDescriptors(m.reference, 2, {}, {}, "reference");
  const cv::Matx33d t =
      thumbToPixels(R.activeArea).inv() * m.referenceToSource.inv() * thumbToPixels(S.activeArea);
  const cv::Mat truth = (cv::Mat_<float>(2, 3) << t(0, 0), t(0, 1), t(0, 2), t(1, 0), t(1, 1), t(1, 2));

  // Every clean reference frame paired with the source frame after the right one.
  std::vector<match::FramingProbe> probes;
  std::vector<cv::Mat> offWarps;
  for (size_t i = 0; i < m.refTruth.size(); i += 4) {
    const auto& rt = m.refTruth[i];
    if (rt.film < 0 || rt.blended()) continue;
    const int j = int(std::find(m.sourceFilm.begin(), m.sourceFilm.end(), rt.film) - m.sourceFilm.begin());
    const int shot = m.film->shotOf(rt.film);
    if (j + 1 >= int(m.sourceFilm.size()) || m.film->shotOf(m.sourceFilm[j + 1]) != shot) continue;
    match::FramingProbe p;
    p.row = int(i);
    p.col = j + 1;
    p.colLo = m.film->shots()[shot].first;  // the source holds every film frame here
    p.colHi = p.colLo + m.film->shots()[shot].length;
    probes.push_back(p);
    double rho = -1;
    cv::Mat w = match::registerThumbnails(S.frames[p.col], R.frames[p.row], &rho);
    if (rho > 0.5) offWarps.push_back(w);
  }
  ASSERT_GE(offWarps.size(), 10u);
  const cv::Mat biased = medianWarp(offWarps);
  const match::FramingConsensus c = match::consensusFraming(S, R, probes, biased, 2, 0.15, 2);
  const double before = match::warpDistance(biased, truth), after = match::warpDistance(c.warp, truth);
  std::cout << "framing error (thumbnail px): median of pairs one frame off " << before << ", consensus " << after
            << " (" << c.agreeing << " of " << c.voters << " probes agree)\n";
  EXPECT_GT(before, 0.3);  // the material does bias a median (else this tests nothing)
  EXPECT_TRUE(c.valid);
  EXPECT_LT(after, 0.1);
}

// A consensus short of a majority is still worth taking when far more probes agree with
// it than with the start (a poor start put the path, and so the probes, a frame off).
TEST(FramingConsensus, TakesAClearImprovementShortOfAMajority) {
  match::FramingConsensus c;
  c.voters = 41;
  c.agreeing = 20;
  c.initialAgreeing = 4;
  EXPECT_FALSE(c.valid);
  EXPECT_TRUE(c.improves());
  c.initialAgreeing = 12;  // the start already about as good: keep the start
  EXPECT_FALSE(c.improves());
  c.agreeing = 2, c.initialAgreeing = 0;  // too few to say anything
  EXPECT_FALSE(c.improves());
}

}  // namespace
}  // namespace filmrecover::test
