// The stabiliser: the recovered chroma (or the model's correction to it) is filtered along
// the source's motion; the output's luma is untouched (and, filtering the correction, the
// source's own chroma and grain), and no frame borrows across a cut or a gap. Ground truth:
// a generated pan.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>

#include "core/analysis/sequence_metrics.h"
#include "core/analysis/temporal_consistency.h"
#include "core/color/ycbcr.h"
#include "core/exec/errors.h"
#include "core/infer/correction_stabiliser.h"
#include "core/infer/renderer.h"
#include "core/io/image_writer.h"
#include "core/io/provenance.h"
#include "tests/core/infer/infer_test_models.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

namespace {

// Frame t of the clean original: a pan over a colour test plate by (2, 1) px per frame.
Image original(int t) {
  static const Image plate = test::makeTestPattern(220, 170, 4);
  Image img(128, 96, 3);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x)
      for (int c = 0; c < 3; ++c) img.at(x, y, c) = plate.at(x + 20 + 2 * t, y + 20 + t, c);
  return img;
}

// Scales the chroma of every pixel about its luma and adds (cb, cr) plus per-pixel chroma
// noise of `grain` (seeded by `seed`): luma stays exactly.
Image chroma(const Image& in, float gain, float cb, float cr, float grain = 0, unsigned seed = 0) {
  Image out = in;
  std::mt19937 rng(seed);
  std::normal_distribution<float> n(0, 1);
  for (size_t i = 0; i < in.pixelCount(); ++i) {
    float* p = &out.pixels[i * 3];
    float y, b, r;
    rgbToYCbCr(p[0], p[1], p[2], y, b, r);
    yCbCrToRgb(y, gain * b + cb + grain * n(rng), gain * r + cr + grain * n(rng), p[0], p[1], p[2]);
  }
  return out;
}

// The faded source (chroma at 30%, with its own chroma grain) and a recovery that gets the
// colour back but with a frame-to-frame colour error (as every frame is inferred alone).
Image source(int t) { return chroma(original(t), 0.3f, 0.0f, 0.0f, 0.004f, 100 + t); }
Image recovered(int t) {
  std::mt19937 rng(7 + t);
  std::normal_distribution<float> n(0, 0.02f);
  return chroma(original(t), 1.0f, n(rng), n(rng));
}

double maxLumaDifference(const Image& a, const Image& b) {
  double m = 0;
  for (size_t i = 0; i < a.pixelCount(); ++i) {
    const float* p = &a.pixels[i * 3];
    const float* q = &b.pixels[i * 3];
    m = std::max(m, static_cast<double>(std::abs(luma709(p[0], p[1], p[2]) - luma709(q[0], q[1], q[2]))));
  }
  return m;
}

double maxDifference(const Image& a, const Image& b) {
  double m = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) m = std::max(m, static_cast<double>(std::abs(a.pixels[i] - b.pixels[i])));
  return m;
}

StabiliseSettings on(const std::string& target = "chroma") {
  StabiliseSettings s;
  s.enabled = true;
  s.target = target;
  return s;
}

// Mean Cb and Cr of a frame.
std::pair<double, double> meanChroma(const Image& img) {
  double cb = 0, cr = 0;
  for (size_t i = 0; i < img.pixelCount(); ++i) {
    float y, b, r;
    rgbToYCbCr(img.pixels[i * 3], img.pixels[i * 3 + 1], img.pixels[i * 3 + 2], y, b, r);
    cb += b, cr += r;
  }
  return {cb / img.pixelCount(), cr / img.pixelCount()};
}

// Standard deviation over the frame of the chroma difference of two frames.
double chromaNoise(const Image& a, const Image& b) {
  double sum = 0, sum2 = 0;
  for (size_t i = 0; i < a.pixelCount(); ++i) {
    float ya, cba, cra, yb, cbb, crb;
    rgbToYCbCr(a.pixels[i * 3], a.pixels[i * 3 + 1], a.pixels[i * 3 + 2], ya, cba, cra);
    rgbToYCbCr(b.pixels[i * 3], b.pixels[i * 3 + 1], b.pixels[i * 3 + 2], yb, cbb, crb);
    sum += cba - cbb, sum2 += (cba - cbb) * (cba - cbb);
  }
  const double n = static_cast<double>(a.pixelCount());
  return std::sqrt(std::max(0.0, sum2 / n - (sum / n) * (sum / n)));
}

// Source frames 1..`frames` written as float EXR in `dir` (src.####.exr) and a render job
// of them through a random chroma model (float32, one thread: the render is deterministic).
RenderJob sourceAndModel(const test::TempDir& dir, int frames) {
  WriteOptions o;
  o.exrDataType = "float";
  for (int f = 1; f <= frames; ++f) {
    char name[64];
    std::snprintf(name, sizeof name, "src.%04d.exr", f);
    writeImageAtomic(dir.file(name), source(f), o);
  }
  RenderJob j;
  j.model = test::saveRandomModel(dir.file("c.frm"), RecoveryMode::Chroma);
  j.input = dir.file("src.####.exr");
  j.write.exrDataType = "float";
  j.infer.threads = 1;
  j.infer.precision = Precision::Float32;
  return j;
}

}  // namespace

TEST(Stabiliser, FlickerOfTheRecoveredChromaFallsAlongTheMotionAndLumaStays) {
  constexpr int kFrames = 10;
  std::vector<Image> src, rec;
  for (int t = 0; t < kFrames; ++t) src.push_back(source(t)), rec.push_back(recovered(t));
  const std::vector<Image> out = stabiliseShot(src, rec, on());
  ASSERT_EQ(out.size(), rec.size());
  for (int t = 0; t < kFrames; ++t) ASSERT_LT(maxLumaDifference(out[t], rec[t]), 2e-5) << "frame " << t;
  // Warping error under the source's motion, against the clean original: the raw recovery
  // flickers, the stabilised one is far steadier (noise of 5 weighted frames averaged).
  const auto at = [](const std::vector<Image>& v) { return [&v](int f) { return v[static_cast<size_t>(f)]; }; };
  std::vector<int> frames;
  for (int t = 0; t < kFrames; ++t) frames.push_back(t);
  analysis::CompareOptions o;
  o.grain = false;
  o.deltaE = false;
  const auto orig = [](int f) { return original(f); };
  const auto raw = analysis::compareSequences(at(rec), orig, at(src), frames, o);
  const auto stable = analysis::compareSequences(at(out), orig, at(src), frames, o);
  EXPECT_LT(stable.temporalSummary.meanWarpErrorA, 0.5 * raw.temporalSummary.meanWarpErrorA);
  EXPECT_LT(stable.cdcA.cdc, raw.cdcA.cdc);
  // And closer to the original on average (the per-frame error is noise around the truth).
  EXPECT_GT(stable.mean.psnrChroma, raw.mean.psnrChroma + 2.0);
}

TEST(Stabiliser, FilteringTheCorrectionLeavesTheSourcesChromaAndGrainUntouched) {
  // A model that changed nothing: the stabilised frames are the source, grain and all.
  std::vector<Image> src;
  for (int t = 0; t < 6; ++t) src.push_back(source(t));
  const std::vector<Image> out = stabiliseShot(src, src, on("correction"));
  for (size_t t = 0; t < src.size(); ++t) EXPECT_LT(maxDifference(out[t], src[t]), 2e-5) << "frame " << t;
  // A constant correction stays that constant (nothing to smooth), grain still untouched.
  std::vector<Image> shifted;
  for (int t = 0; t < 6; ++t) shifted.push_back(chroma(src[t], 1.0f, 0.03f, -0.02f));
  const std::vector<Image> out2 = stabiliseShot(src, shifted, on("correction"));
  for (size_t t = 0; t < src.size(); ++t) EXPECT_LT(maxDifference(out2[t], shifted[t]), 5e-5) << "frame " << t;
}

TEST(Stabiliser, FilteringTheChromaSmoothsItsNoiseAlongTheMotionAndLeavesLuma) {
  // A model that passed the source's noisy chroma through: filtered along the motion, the
  // chroma noise falls (to about sqrt(sum w^2) / sum w of it: 0.36 for the default radius 4,
  // sigma 3, where every neighbour is used), its mean and the luma stay.
  std::vector<Image> src, clean;
  for (int t = 0; t < 9; ++t) src.push_back(source(t)), clean.push_back(chroma(original(t), 0.3f, 0.0f, 0.0f));
  const std::vector<Image> out = stabiliseShot(src, src, on());
  const size_t mid = 4;  // every neighbour each side present
  EXPECT_LT(chromaNoise(out[mid], clean[mid]), 0.65 * chromaNoise(src[mid], clean[mid]));
  EXPECT_LT(maxLumaDifference(out[mid], src[mid]), 2e-5);
  EXPECT_NEAR(meanChroma(out[mid]).first, meanChroma(src[mid]).first, 5e-4);
  EXPECT_NEAR(meanChroma(out[mid]).second, meanChroma(src[mid]).second, 5e-4);
}

TEST(Stabiliser, EstimatingEachPairsMotionOnceGivesWhatEstimatingItForEachFrameGives) {
  // The stabiliser estimates the motion between two frames once and uses it both ways. The
  // same filter written out frame by frame, every neighbour's motion estimated afresh:
  constexpr int kFrames = 8;
  const StabiliseSettings s = on();
  std::vector<Image> src, rec;
  for (int t = 0; t < kFrames; ++t) src.push_back(source(t)), rec.push_back(recovered(t));
  const std::vector<Image> streamed = stabiliseShot(src, rec, s);
  ASSERT_EQ(streamed.size(), static_cast<size_t>(kFrames));
  for (int t = 0; t < kFrames; ++t) {
    const size_t n = rec[t].pixelCount();
    std::vector<double> cb(n), cr(n), w(n, 1.0);
    std::vector<float> yt(n), own(n * 2);
    for (size_t i = 0; i < n; ++i) {
      float y, b, c;
      rgbToYCbCr(rec[t].pixels[i * 3], rec[t].pixels[i * 3 + 1], rec[t].pixels[i * 3 + 2], y, b, c);
      cb[i] = b, cr[i] = c;
      own[i * 2] = b, own[i * 2 + 1] = c;
      yt[i] = luma709(src[t].pixels[i * 3], src[t].pixels[i * 3 + 1], src[t].pixels[i * 3 + 2]);
    }
    for (int d = -s.radius; d <= s.radius; ++d) {
      const int j = t + d;
      if (d == 0 || j < 0 || j >= kFrames) continue;
      const auto motion = analysis::estimateMotionBothWays(src[j], src[t], s.flowMaxSide).bIntoA;
      const Image warpedRec = analysis::warpImage(rec[j], motion), warpedSrc = analysis::warpImage(src[j], motion);
      const double wd = std::exp(-0.5 * d * d / (s.sigma * s.sigma));
      for (size_t i = 0; i < n; ++i) {
        const float* q = &warpedSrc.pixels[i * 3];
        if (!motion.valid[i] || std::abs(luma709(q[0], q[1], q[2]) - yt[i]) > s.lumaTolerance) continue;
        // Warping is linear, so warping R'G'B' and then converting is warping Cb, Cr.
        float y, b, c;
        rgbToYCbCr(warpedRec.pixels[i * 3], warpedRec.pixels[i * 3 + 1], warpedRec.pixels[i * 3 + 2], y, b, c);
        const double u2 = (std::pow(b - own[i * 2], 2) + std::pow(c - own[i * 2 + 1], 2)) / std::pow(s.chromaTolerance, 2);
        if (u2 >= 1) continue;
        const double wi = wd * (1 - u2) * (1 - u2);
        cb[i] += wi * b, cr[i] += wi * c, w[i] += wi;
      }
    }
    double worst = 0;
    for (size_t i = 0; i < n; ++i) {
      float y, b, c;
      const float* o = &streamed[t].pixels[i * 3];
      rgbToYCbCr(o[0], o[1], o[2], y, b, c);
      worst = std::max({worst, std::abs(b - cb[i] / w[i]), std::abs(c - cr[i] / w[i])});
    }
    EXPECT_LT(worst, 1e-4) << "frame " << t;
  }
}

TEST(Stabiliser, AChangeOfColourTheLumaDoesNotShowIsKeptNotSmeared) {
  // One shot, the pan going on, the colour switching at frame 5 (a light changing colour):
  // the luma is the same throughout, so only the chroma tolerance tells the frames apart.
  constexpr int kFrames = 10, kSwitch = 5;
  std::vector<Image> src, rec;
  for (int t = 0; t < kFrames; ++t) {
    src.push_back(source(t));
    rec.push_back(chroma(original(t), 1.0f, t < kSwitch ? 0.1f : -0.1f, t < kSwitch ? -0.1f : 0.1f));
  }
  const auto shift = [&](const std::vector<Image>& out, int t) {
    const auto [cb, cr] = meanChroma(out[t]);
    const auto [cbWant, crWant] = meanChroma(rec[t]);
    return std::max(std::abs(cb - cbWant), std::abs(cr - crWant));
  };
  const std::vector<Image> kept = stabiliseShot(src, rec, on());
  StabiliseSettings blind = on();
  blind.chromaTolerance = 10;  // every warped pixel used, as before the tolerance
  const std::vector<Image> smeared = stabiliseShot(src, rec, blind);
  for (int t : {kSwitch - 2, kSwitch - 1, kSwitch, kSwitch + 1}) {
    EXPECT_LT(shift(kept, t), 0.004) << "frame " << t;
    EXPECT_GT(shift(smeared, t), 0.02) << "frame " << t << ": the test would not see a smear";
  }
}

class StabiliserTargets : public ::testing::TestWithParam<std::string> {};

TEST_P(StabiliserTargets, NoFrameBorrowsAcrossACutOrAGap) {
  // Shot 1 (frames 1-4) corrected one way, shot 2 (5-8) the other: each frame keeps its
  // own shot's colour (exactly, for a filtered correction; its mean, for filtered chroma,
  // which also smooths the source's chroma grain). Frames 10-11 follow a gap: nothing
  // borrowed from 8. A neighbour from the other shot would move the mean by > 5e-3.
  const bool exact = GetParam() == "correction";
  StabiliseSettings s = on(GetParam());
  s.cuts = {5};
  CorrectionStabiliser stabiliser(s);
  std::vector<StabilisedFrame> out;
  std::vector<Image> expected(12);
  for (int f : {1, 2, 3, 4, 5, 6, 7, 8, 10, 11}) {
    const Image src = source(f);
    expected[f] = chroma(src, 1.0f, f < 5 ? 0.04f : -0.04f, f < 5 ? -0.03f : f < 10 ? 0.03f : 0.0f);
    for (auto& r : stabiliser.push(f, src, expected[f])) out.push_back(std::move(r));
  }
  for (auto& r : stabiliser.finish()) out.push_back(std::move(r));
  ASSERT_EQ(out.size(), 10u);
  int previous = 0;
  for (const auto& [f, image] : out) {
    EXPECT_GT(f, previous);  // in order
    previous = f;
    if (exact) EXPECT_LT(maxDifference(image, expected[f]), 5e-5) << "frame " << f;
    EXPECT_NEAR(meanChroma(image).first, meanChroma(expected[f]).first, 1e-3) << "frame " << f;
    EXPECT_NEAR(meanChroma(image).second, meanChroma(expected[f]).second, 1e-3) << "frame " << f;
    EXPECT_LT(maxLumaDifference(image, expected[f]), 2e-5) << "frame " << f;
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, StabiliserTargets, ::testing::Values("chroma", "correction"));

TEST(Stabiliser, StreamsWithABoundedWindowAndRefusesBadInput) {
  const int r = on().radius;
  CorrectionStabiliser s(on());
  for (int f = 1; f <= r; ++f) EXPECT_TRUE(s.push(f, source(f), recovered(f)).empty()) << f;
  const auto first = s.push(r + 1, source(r + 1), recovered(r + 1));
  ASSERT_EQ(first.size(), 1u);  // frame 1 has all its later neighbours now
  EXPECT_EQ(first[0].first, 1);
  EXPECT_THROW(s.push(r + 1, source(r + 1), recovered(r + 1)), InputError);  // not ascending
  EXPECT_THROW(s.push(r + 2, source(r + 2), Image(64, 48, 3)), InputError);  // another size
  EXPECT_EQ(s.finish().size(), static_cast<size_t>(r));
  StabiliseSettings bad = on();
  bad.radius = 9;
  EXPECT_THROW(CorrectionStabiliser{bad}, InputError);
  EXPECT_THROW(CorrectionStabiliser{on("luma")}, InputError);
}

TEST(Stabiliser, RenderStabilisesAsTheStabiliserDoesAndRecordsIt) {
  test::TempDir dir("stabilise");
  RenderJob j = sourceAndModel(dir, 5);
  j.output = dir.file("plain/rec.####.exr");
  EXPECT_EQ(renderSequence(j).rendered, 5);
  j.output = dir.file("stable/rec.####.exr");
  j.stabilise = on();
  const RenderResult r = renderSequence(j);
  EXPECT_EQ(r.rendered, 5);
  EXPECT_TRUE(r.failedFrames.empty());
  // Each stabilised frame is what the stabiliser makes of the plain render.
  std::vector<Image> src, plain;
  for (int f = 1; f <= 5; ++f) {
    char name[64];
    std::snprintf(name, sizeof name, "plain/rec.%04d.exr", f);
    plain.push_back(readImageFile(dir.file(name)));
    src.push_back(source(f));
  }
  const std::vector<Image> expected = stabiliseShot(src, plain, on());
  for (int f = 1; f <= 5; ++f) {
    char name[64];
    std::snprintf(name, sizeof name, "stable/rec.%04d.exr", f);
    const Image out = readImageFile(dir.file(name));
    EXPECT_LT(maxDifference(out, expected[f - 1]), 1e-5) << "frame " << f;
    EXPECT_LT(maxLumaDifference(out, src[f - 1]), 2e-5) << "frame " << f;
    EXPECT_NE(provenanceOf(out.attributes).at("stabilised").find("radius " + std::to_string(on().radius)),
              std::string::npos);
  }
}

TEST(Stabiliser, ChunkedAndResumedRendersWriteWhatOneWholeRenderWrites) {
  // A farm renders a film in chunks, and --skip-existing resumes a killed render: each frame
  // near a chunk's edge borrows from frames that render does not write. They are inferred as
  // context, so every frame comes out as it does in one whole render (no seam every chunk),
  // and only the frames asked for are written. A cut at 9: no frame borrows across it.
  test::TempDir dir("stabilise-chunks");
  constexpr int kFrames = 14;
  RenderJob j = sourceAndModel(dir, kFrames);
  j.stabilise = on();
  j.stabilise.cuts = {9};
  j.output = dir.file("whole/rec.####.exr");
  ASSERT_EQ(renderSequence(j).rendered, kFrames);
  j.output = dir.file("chunks/rec.####.exr");
  for (const auto& chunk : {std::vector<int>{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11}, {12, 13, 14}}) {
    j.frames = chunk;
    const RenderResult r = renderSequence(j);
    EXPECT_EQ(r.rendered, static_cast<int>(chunk.size()));
    EXPECT_TRUE(r.failedFrames.empty());
  }
  // Resumed: frames 6 and 7 lost from a copy of the whole render, rendered again alone.
  j.frames.clear();
  j.output = dir.file("resumed/rec.####.exr");
  std::filesystem::create_directories(dir.file("resumed"));
  for (int f = 1; f <= kFrames; ++f) {
    char name[64];
    std::snprintf(name, sizeof name, "/rec.%04d.exr", f);
    if (f != 6 && f != 7) std::filesystem::copy_file(dir.file("whole") + name, dir.file("resumed") + name);
  }
  j.skipExisting = true;
  const RenderResult resumed = renderSequence(j);
  EXPECT_EQ(resumed.rendered, 2);
  EXPECT_EQ(resumed.skipped, kFrames - 2);
  for (const std::string folder : {"chunks", "resumed"}) {
    int written = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.file(folder))) written += e.path().extension() == ".exr";
    EXPECT_EQ(written, kFrames) << folder << ": context frames must not be written";
    for (int f = 1; f <= kFrames; ++f) {
      char name[64];
      std::snprintf(name, sizeof name, "/rec.%04d.exr", f);
      EXPECT_LT(maxDifference(readImageFile(dir.file(folder) + name), readImageFile(dir.file("whole") + name)), 1e-6)
          << folder << ", frame " << f;
    }
  }
}
