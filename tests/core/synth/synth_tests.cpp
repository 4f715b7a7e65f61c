// The synthetic film and its degradations: determinism, shot structure, and that the
// ground truth written beside a scenario really describes the frames.
#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/opencv/image_mat.h"
#include "core/synth/degrade.h"
#include "core/synth/retime.h"
#include "core/synth/scenario.h"
#include "core/synth/synthetic_film.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::synth;

namespace {

double meanAbsDiff(const Image& a, const Image& b) {
  double s = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) s += std::abs(a.pixels[i] - b.pixels[i]);
  return s / a.pixels.size();
}

Image readPng(const std::string& path) {
  cv::Mat m = cv::imread(path, cv::IMREAD_UNCHANGED), f, rgb;
  EXPECT_FALSE(m.empty()) << path;
  m.convertTo(f, CV_32F, m.depth() == CV_16U ? 1.0 / 65535 : 1.0 / 255);
  cv::cvtColor(f, rgb, cv::COLOR_BGR2RGB);
  return fromMat(rgb);
}

double chromaEnergy(const Image& img, int x0, int y0, int x1, int y1) {
  double s = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const float Y = 0.2126f * img.at(x, y, 0) + 0.7152f * img.at(x, y, 1) + 0.0722f * img.at(x, y, 2);
      s += std::abs(img.at(x, y, 0) - Y) + std::abs(img.at(x, y, 2) - Y);
    }
  return s / ((x1 - x0) * (y1 - y0));
}

}  // namespace

TEST(SyntheticFilm, SameSeedSamePixelsOtherSeedOtherPixels) {
  SyntheticFilm a({160, 90, 12, 3, 7, 1.0}), b({160, 90, 12, 3, 7, 1.0}), c({160, 90, 12, 3, 8, 1.0});
  for (int i : {0, 5, 11}) {
    EXPECT_EQ(a.frame(i).pixels, b.frame(i).pixels) << "frame " << i;
    EXPECT_GT(meanAbsDiff(a.frame(i), c.frame(i)), 0.02) << "frame " << i;
  }
}

TEST(SyntheticFilm, ShotsCoverTheFilmAndCutsAreHard) {
  SyntheticFilm film({192, 108, 40, 5, 3, 1.0});
  const auto& shots = film.shots();
  ASSERT_EQ(shots.size(), 5u);
  int next = 0;
  for (size_t i = 0; i < shots.size(); ++i) {
    EXPECT_EQ(shots[i].first, next);
    EXPECT_GE(shots[i].length, 1);
    next += shots[i].length;
    if (i > 0) {
      EXPECT_NE(shots[i].kind, shots[i - 1].kind);
      // The change across a cut dwarfs the change between two frames inside a shot.
      const int cut = shots[i].first;
      const double across = meanAbsDiff(film.frame(cut - 1), film.frame(cut));
      if (shots[i].length >= 2) {
        const double within = meanAbsDiff(film.frame(cut), film.frame(cut + 1));
        EXPECT_GT(across, 2.5 * within) << "cut at " << cut;
      }
      EXPECT_EQ(film.shotOf(cut), static_cast<int>(i));
      EXPECT_EQ(film.shotOf(cut - 1), static_cast<int>(i - 1));
    }
  }
  EXPECT_EQ(next, 40);
}

TEST(SyntheticFilm, CameraMovesInsideAShot) {
  SyntheticFilm film({160, 90, 10, 1, 5, 1.0});
  const double change = meanAbsDiff(film.frame(0), film.frame(9));
  EXPECT_GT(change, 0.01);
  for (float v : film.frame(4).pixels) {
    ASSERT_GE(v, 0.0f);
    ASSERT_LE(v, 1.0f);
  }
}

TEST(Degrade, FadeKeepsLumaCloseAndLosesMoreChromaAtTheEdges) {
  SyntheticFilm film({192, 108, 6, 6, 11, 0.0});
  // Use the most colourful frame of the film.
  Image clean = film.frame(0);
  for (int i = 1; i < 6; ++i)
    if (chromaEnergy(film.frame(i), 0, 0, 192, 108) > chromaEnergy(clean, 0, 0, 192, 108)) clean = film.frame(i);
  const Image faded = degradeFade(clean, FadeOptions{});
  double dY = 0;
  for (int y = 0; y < clean.height; ++y)
    for (int x = 0; x < clean.width; ++x) {
      auto Y = [&](const Image& im) {
        return 0.2126 * im.at(x, y, 0) + 0.7152 * im.at(x, y, 1) + 0.0722 * im.at(x, y, 2);
      };
      dY += std::abs(Y(clean) - Y(faded));
    }
  EXPECT_LT(dY / clean.pixelCount(), 0.06);
  // Ratio of remaining chroma (after removing the cast's constant part is hard; compare
  // cast-free: fade of a flat grey has only the cast) in the centre versus the corners.
  FadeOptions noCast;
  noCast.magentaCast = 0;
  const Image f2 = degradeFade(clean, noCast);
  const double keptCentre = chromaEnergy(f2, 72, 40, 120, 68) / chromaEnergy(clean, 72, 40, 120, 68);
  const double keptCorner = chromaEnergy(f2, 0, 0, 30, 20) / chromaEnergy(clean, 0, 0, 30, 20);
  EXPECT_LT(keptCentre, 0.6);
  EXPECT_LT(keptCorner, keptCentre);
}

TEST(Degrade, GrainHasTheAskedStrengthAndDependsOnTheSeed) {
  Image grey(128, 128, 3, 0.5f);
  const Image g1 = degradeGrain(grey, 0.03, 1), g2 = degradeGrain(grey, 0.03, 2);
  double s = 0, s2 = 0;
  for (float v : g1.pixels) { s += v - 0.5; s2 += (v - 0.5) * (v - 0.5); }
  const double sd = std::sqrt(s2 / g1.pixels.size());
  EXPECT_NEAR(s / g1.pixels.size(), 0.0, 0.003);
  EXPECT_GT(sd, 0.02);
  EXPECT_LT(sd, 0.06);
  EXPECT_GT(meanAbsDiff(g1, g2), 0.01);
  EXPECT_EQ(degradeGrain(grey, 0.03, 1).pixels, g1.pixels);
}

TEST(Degrade, BlurSoftensAndCompressionStaysClose) {
  SyntheticFilm film({160, 96, 1, 1, 4, 0.0});
  const Image f = film.frame(0);
  const Image b = degradeBlur(f, 2.0);
  auto hf = [](const Image& im) {
    double e = 0;
    for (int y = 0; y < im.height; ++y)
      for (int x = 1; x < im.width; ++x) e += std::abs(im.at(x, y, 1) - im.at(x - 1, y, 1));
    return e;
  };
  EXPECT_LT(hf(b), 0.6 * hf(f));
  const Image j = degradeCompress(f, 60);
  EXPECT_LT(meanAbsDiff(f, j), 0.05);
  EXPECT_GT(meanAbsDiff(f, j), 0.0005);
}

TEST(Retime, Duplicate25AddsOneFramePer24) {
  SyntheticFilm film({64, 36, 96, 4, 1, 1.0});
  RetimeOptions o;
  o.rate = RateChange::Duplicate25;
  const auto r = retime(film, o);
  EXPECT_EQ(r.size(), 100u);
  int duplicates = 0;
  for (size_t j = 1; j < r.size(); ++j) {
    EXPECT_GE(r[j].film, r[j - 1].film);
    if (r[j].film == r[j - 1].film) ++duplicates;
  }
  EXPECT_EQ(duplicates, 4);
}

TEST(Retime, PulldownBlendsTwoOfFiveAndCutsRemoveShots) {
  SyntheticFilm film({64, 36, 48, 4, 2, 1.0});
  RetimeOptions o;
  o.rate = RateChange::Pulldown32;
  o.startOffset = 3;
  o.cutShots = {2};
  const auto r = retime(film, o);
  int blended = 0;
  for (const auto& f : r) {
    blended += f.blended();
    EXPECT_GE(f.film, 3);
    EXPECT_NE(film.shotOf(f.film), 2);
  }
  const int kept = 48 - 3 - film.shots()[2].length;
  EXPECT_NEAR(static_cast<double>(r.size()), kept * 5.0 / 4.0, 3.0);
  EXPECT_NEAR(blended, kept / 2, 2);
}

TEST(Scenario, TruthDescribesTheWrittenFrames) {
  test::TempDir dir("synth");
  ScenarioOptions o = ScenarioOptions::chroma(192, 108, 30, 5);
  o.reference.retime.rate = RateChange::Drop;
  o.reference.retime.dropEvery = 7;
  const Scenario s = writeScenario(dir.path().string(), o);
  const Scenario back = loadScenario(dir.path().string());
  EXPECT_EQ(back.sourceFrames, 30);
  EXPECT_EQ(back.referenceFrames, s.referenceFrames);
  EXPECT_EQ(back.uncoveredSource, s.uncoveredSource);
  EXPECT_FALSE(s.uncoveredSource.empty());  // the reference covers only part of the source
  EXPECT_TRUE(std::filesystem::exists(scenarioFramePath(s.sourcePattern, 30)));
  EXPECT_TRUE(std::filesystem::exists(scenarioFramePath(s.referencePattern, s.referenceFrames)));
  ASSERT_FALSE(std::filesystem::exists(scenarioFramePath(s.referencePattern, s.referenceFrames + 1)));
  // Every reference frame shows the clean frame the truth names, through the truth's transform:
  // resampling that clean frame with referenceToSource reproduces the reference closely,
  // and much better than the neighbouring shot's frame would.
  for (int j : {1, s.referenceFrames / 2, s.referenceFrames}) {
    const Image ref = readPng(scenarioFramePath(s.referencePattern, j));
    EXPECT_EQ(ref.width, s.referenceWidth);
    const int film = back.mapping[j - 1].film;
    const Image right = degradeWarp(readPng(scenarioFramePath(s.cleanPattern, film + 1)),
                                    back.referenceToSource, ref.width, ref.height);
    const int other = (film + 15) % 30;
    const Image wrong = degradeWarp(readPng(scenarioFramePath(s.cleanPattern, other + 1)),
                                    back.referenceToSource, ref.width, ref.height);
    const double eRight = meanAbsDiff(ref, right), eWrong = meanAbsDiff(ref, wrong);
    EXPECT_LT(eRight, 0.03) << "reference frame " << j;
    EXPECT_GT(eWrong, 3 * eRight) << "reference frame " << j;
  }
  // The shared crop maps inside the reference frame.
  const cv::Matx33d toRef = back.referenceToSource.inv();
  for (auto p : {cv::Vec3d(s.sharedCrop.x0, s.sharedCrop.y0, 1), cv::Vec3d(s.sharedCrop.x1 - 1, s.sharedCrop.y1 - 1, 1)}) {
    const cv::Vec3d q = toRef * p;
    EXPECT_GE(q[0], 0);
    EXPECT_LT(q[0], s.referenceWidth);
    EXPECT_GE(q[1], 0);
    EXPECT_LT(q[1], s.referenceHeight);
  }
  EXPECT_GT(s.sharedCrop.width(), 192 * 0.8);
}
