// The report's verdict: chroma recovery judged on chroma measures with luma identity as a
// condition (the real-clip case of issue 17: the LUT won RGB PSNR by moving the luma).
#include <gtest/gtest.h>

#include <cmath>

#include "core/report/report_html.h"
#include "core/report/verdict.h"

using namespace filmrecover;
using namespace filmrecover::report;

namespace {

CandidateMetrics candidate(const std::string& name, double psnrRgb, double psnrChroma, double deltaE, double lumaShift,
                           double psnrLuma = 40) {
  CandidateMetrics c;
  c.name = name;
  auto& m = c.metrics.mean;
  m.psnrRgb = psnrRgb, m.psnrChroma = psnrChroma, m.deltaE2000Mean = deltaE, m.psnrLuma = psnrLuma;
  m.hasSource = true;
  m.lumaIdentityMax = lumaShift;
  return c;
}

// The figures of the real clip in issue 17.
ReportData realClip(const std::string& mode) {
  ReportData d;
  d.mode = mode;
  d.candidates = {candidate("model", 30.77, 36.71, 2.40, 0.0003, 33.0),
                  candidate("match-grade baseline", 30.95, 36.36, 2.61, 0.048, 34.5),
                  candidate("source", 25.0, 30.0, 9.0, 0.0, 33.0)};
  return d;
}

}  // namespace

TEST(Verdict, ChromaRestsOnChromaMeasuresNotRgbPsnr) {
  const Verdict v = judgeModel(realClip("chroma"));
  ASSERT_TRUE(v.judged);
  EXPECT_TRUE(v.wins) << v.sentence;  // behind on RGB PSNR, ahead on ΔE and chroma PSNR
  EXPECT_NE(v.sentence.find("2.40"), std::string::npos) << v.sentence;
  EXPECT_NE(v.sentence.find("36.71"), std::string::npos) << v.sentence;
  EXPECT_NE(v.sentence.find("keeps the source's luma"), std::string::npos) << v.sentence;
  ASSERT_EQ(v.notes.size(), 1u);
  EXPECT_NE(v.notes[0].find("match-grade baseline moves the luma"), std::string::npos) << v.notes[0];
  // The report shows that sentence, and the model's tile is green.
  const std::string html = renderReportHtml(realClip("chroma"));
  EXPECT_NE(html.find("model beats every other candidate on hold-out chroma"), std::string::npos);
  EXPECT_EQ(html.find("on hold-out PSNR"), std::string::npos);
}

TEST(Verdict, ChromaModelThatMovesTheLumaDoesNotWin) {
  ReportData d = realClip("chroma");
  d.candidates[0].metrics.mean.lumaIdentityMax = 0.01;
  const Verdict v = judgeModel(d);
  EXPECT_FALSE(v.wins);
  EXPECT_NE(v.sentence.find("moves the source's luma"), std::string::npos) << v.sentence;
  EXPECT_FALSE(keepsLuma(d.candidates[0]));
  EXPECT_TRUE(keepsLuma(d.candidates[2]));
}

TEST(Verdict, ChromaNeedsBothChromaMeasures) {
  ReportData d = realClip("chroma");
  d.candidates[0].metrics.mean.psnrChroma = 36.0;  // ΔE still ahead, chroma PSNR behind
  const Verdict v = judgeModel(d);
  EXPECT_FALSE(v.wins);
  EXPECT_NE(v.sentence.find("not on all"), std::string::npos) << v.sentence;
}

TEST(Verdict, SpatialRestsOnLumaPsnrAndOtherModesOnTheirs) {
  const Verdict spatial = judgeModel(realClip("spatial"));
  EXPECT_FALSE(spatial.wins);  // the baseline's luma PSNR is higher
  EXPECT_NE(spatial.sentence.find("luma PSNR 33.00 dB against at best 34.50 dB"), std::string::npos) << spatial.sentence;
  EXPECT_TRUE(spatial.notes.empty());
  ReportData combined = realClip("combined");
  EXPECT_FALSE(judgeModel(combined).wins);  // ΔE ahead, RGB PSNR behind
  combined.candidates[0].metrics.mean.psnrRgb = 31.5;
  EXPECT_TRUE(judgeModel(combined).wins);
  ReportData one = realClip("chroma");
  one.candidates.resize(1);
  EXPECT_FALSE(judgeModel(one).judged);
}
