// The gapped monotonic alignment on constructed similarity grids, its timing at film
// length, and the mapping.json helpers.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>

#include "core/exec/errors.h"
#include "core/match/gapped_alignment.h"
#include "core/match/mapping.h"
#include "tests/support/test_support.h"

namespace filmrecover::test {
namespace {

using match::AlignedCell;
using match::AxisEvents;
using match::BandRow;

// Truth: reference row i shows source column truth[i] (-1 = none).
std::vector<AlignedCell> alignTruth(const std::vector<int>& truth, int cols, const AxisEvents& rows,
                                    const AxisEvents& colsEv, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> noise(0.0f, 0.03f);
  const int n = int(truth.size());
  std::vector<BandRow> band(n, BandRow{0, cols});
  return match::alignBanded(n, cols, band,
                            [&](int i, int j) {
                              float sim = 0.1f;
                              if (truth[i] >= 0) {
                                const int d = std::abs(truth[i] - j);
                                sim = d == 0 ? 0.9f : d == 1 ? 0.8f : d == 2 ? 0.7f : 0.1f;
                              }
                              return sim + noise(rng) - 0.5f;
                            },
                            rows, colsEv);
}

// Shot starts only; repeats and skips unlikely everywhere (the second pass's setting).
AxisEvents startsOnly(int n, std::vector<int> starts) {
  AxisEvents e;
  e.evidence = true;
  e.shotStart.assign(n, false);
  for (int s : starts) e.shotStart[s] = true;
  return e;
}

// A frame lost right at a cut both elements show (a splice; a transfer's drop that fell on
// the cut): no motion crosses a cut, so no timeline shows it. A few frames later the
// reference repeats a frame that its timeline does show; a path one frame off from the
// cut to there would absorb the loss into that cheap repeat instead of taking both.
TEST(GappedAlignment, TakesAFrameLostAtACut) {
  for (const bool head : {true, false}) {
    // Reference: source 0..39 without source frame 20 (the new shot's first, head) or 19
    // (the old shot's last, tail), repeating source 24; both elements cut at source 20.
    const int lost = head ? 20 : 19;
    std::vector<int> truth;
    for (int j = 0; j < 40; ++j) {
      if (j == lost) continue;
      truth.push_back(j);
      if (j == 24) truth.push_back(j);
    }
    const int refCut = head ? 20 : 19, repeatRow = int(std::find(truth.begin(), truth.end(), 24) - truth.begin()) + 1;
    AxisEvents rows = startsOnly(int(truth.size()), {0, refCut});
    rows.duplicate.assign(truth.size(), false);
    rows.duplicate[repeatRow] = true;
    const auto path = alignTruth(truth, 40, rows, startsOnly(40, {0, 20}), 3);
    int right = 0, wrong = 0;
    for (const auto& c : path) (truth[c.row] == c.col ? right : wrong)++;
    EXPECT_EQ(wrong, 0) << (head ? "head" : "tail");
    EXPECT_GE(right, 38);
  }
}

TEST(GappedAlignment, FollowsOffsetsCutsAndUnmatchedStretches) {
  // Reference: source 10..39, then 60 frames of its own (no counterpart), then source 70..99.
  std::vector<int> truth;
  for (int j = 10; j < 40; ++j) truth.push_back(j);
  for (int k = 0; k < 20; ++k) truth.push_back(-1);
  for (int j = 70; j < 100; ++j) truth.push_back(j);
  const auto path = alignTruth(truth, 100, startsOnly(int(truth.size()), {0, 30, 50}),
                               startsOnly(100, {0, 40, 70}), 1);
  int right = 0, wrong = 0;
  for (const auto& c : path) {
    (truth[c.row] == c.col ? right : wrong)++;
    if (truth[c.row] != c.col) std::cout << "wrong cell " << c.row << "," << c.col << " truth " << truth[c.row] << "\n";
  }
  EXPECT_EQ(wrong, 0);
  EXPECT_GE(right, 58);
}

TEST(GappedAlignment, TakesRepeatsAndSkipsWhereTheTimelineShowsThem) {
  // Reference repeats source 20 and skips source 40.
  std::vector<int> truth;
  for (int j = 0; j < 60; ++j) {
    if (j == 40) continue;
    truth.push_back(j);
    if (j == 20) truth.push_back(j);
  }
  AxisEvents rows = startsOnly(int(truth.size()), {0});
  rows.evidence = true;
  rows.duplicate.assign(truth.size(), false);
  rows.jump.assign(truth.size(), false);
  rows.blend.assign(truth.size(), false);
  rows.softStart.assign(truth.size(), false);
  rows.duplicate[21] = true;  // row 21 repeats row 20
  rows.jump[41] = true;       // row 41 (source 41) follows source 39
  AxisEvents cols = startsOnly(60, {0});
  cols.evidence = true;
  cols.duplicate.assign(60, false);
  cols.jump.assign(60, false);
  cols.blend.assign(60, false);
  cols.softStart.assign(60, false);
  const auto path = alignTruth(truth, 60, rows, cols, 2);
  int wrong = 0;
  for (const auto& c : path) {
    wrong += truth[c.row] != c.col;
    if (truth[c.row] != c.col) std::cout << "wrong cell " << c.row << "," << c.col << " truth " << truth[c.row] << "\n";
  }
  EXPECT_EQ(wrong, 0);
  EXPECT_GE(int(path.size()), 58);
}

TEST(GappedAlignment, DenseFirstPassAndBandedSecondPassAreFastAtFilmLength) {
  // The first pass is at most 1500 x 1500 (longer elements are subsampled); the second is
  // a band of ~20 columns per row over every frame. Two 10,000-frame elements:
  const int n = 1500;
  std::vector<BandRow> dense(n, BandRow{0, n});
  const auto t0 = std::chrono::steady_clock::now();
  const auto coarse = match::alignBanded(n, n, dense, [](int i, int j) { return i == j ? 0.4f : -0.4f; },
                                         startsOnly(n, {0}), startsOnly(n, {0}));
  const auto t1 = std::chrono::steady_clock::now();
  const int N = 10000;
  std::vector<BandRow> band(N);
  for (int i = 0; i < N; ++i) band[i] = BandRow{std::max(0, i - 10), std::min(N, i + 11)};
  const auto fine = match::alignBanded(N, N, band, [](int i, int j) { return i == j ? 0.4f : -0.2f; },
                                       startsOnly(N, {0}), startsOnly(N, {0}));
  const auto t2 = std::chrono::steady_clock::now();
  const double coarseS = std::chrono::duration<double>(t1 - t0).count();
  const double fineS = std::chrono::duration<double>(t2 - t1).count();
  std::cout << "first pass 1500x1500 dense: " << coarseS << " s; second pass 10000 rows x 21 band: " << fineS
            << " s\n";
  EXPECT_EQ(int(coarse.size()), n);
  EXPECT_EQ(int(fine.size()), N);
  EXPECT_LT(coarseS + fineS, 20.0);
}

TEST(Mapping, JsonRoundTripKeepsPairsFlagsRangesAndFraming) {
  match::Mapping m;
  m.source = "src.####.exr";
  m.reference = "ref.mkv";
  m.pairs = {{1001, 1, 0.9f, ""}, {1002, 2, 0.2f, match::kFlagLowConfidence}, {1003, 4, 0.8f, match::kFlagInterlaced}};
  m.unmatchedSource = match::rangesOf({1004, 1005, 1009});
  m.unmatchedReference = {{3, 3}};
  m.sourceCuts = {1003};
  m.framing = {0.5, 0, 2, 0, 0.5, 1, 0, 0, 1};
  m.hasFraming = true;
  m.rateRatio = 1.0417;
  TempDir dir("mapping");
  match::writeMapping(m, dir.file("mapping.json"));
  const match::Mapping back = match::readMapping(dir.file("mapping.json"));
  ASSERT_EQ(back.pairs.size(), 3u);
  EXPECT_EQ(back.pairs[1].flag, match::kFlagLowConfidence);
  EXPECT_EQ(back.usablePairs().size(), 1u);
  EXPECT_EQ(back.pairForSource(1003)->reference, 4);
  EXPECT_EQ(back.unmatchedSource, (std::vector<match::FrameRange>{{1004, 1005}, {1009, 1009}}));
  EXPECT_TRUE(back.hasFraming);
  EXPECT_DOUBLE_EQ(back.framing[2], 2.0);
  EXPECT_DOUBLE_EQ(back.rateRatio, 1.0417);
}

TEST(Mapping, MalformedFileIsAnInputErrorNamingIt) {
  TempDir dir("mapping-bad");
  { std::ofstream(dir.file("bad.json")) << "{\"pairs\": 3}"; }
  try {
    match::readMapping(dir.file("bad.json"));
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos);
  }
}

}  // namespace
}  // namespace filmrecover::test
