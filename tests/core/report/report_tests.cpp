#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>

#include <opencv2/imgcodecs.hpp>

#include "core/report/image_embed.h"
#include "core/report/report_html.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::report;

namespace {

// Reference frame f of a short synthetic shot (a slow pan over a test pattern).
Image referenceFrame(int f) {
  static const Image plate = test::makeTestPattern(260, 200, 9);
  Image img(192, 128, 3);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x)
      for (int c = 0; c < 3; ++c) img.at(x, y, c) = plate.at(x + 2 * f, y + f, c);
  return img;
}

// A faded version (the source), a good restoration with a little flicker, a global baseline.
Image fade(const Image& in, float amount) {
  Image out = in;
  for (size_t i = 0; i < in.pixelCount(); ++i) {
    float* p = &out.pixels[i * 3];
    const float y = 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2];
    p[0] = y + (p[0] - y) * (1 - amount) + 0.08f * amount;
    p[1] = y + (p[1] - y) * (1 - amount) - 0.02f * amount;
    p[2] = y + (p[2] - y) * (1 - amount) + 0.05f * amount;
  }
  return out;
}

Image restored(int f) {
  Image out = fade(referenceFrame(f), 0.08f);
  for (auto& v : out.pixels) v *= (f % 3 == 0) ? 1.02f : 1.0f;
  return out;
}

ReportData syntheticReport() {
  ReportData d;
  d.film = "The Test Film (1968)";
  d.shot = "reel 2, scene 14";
  d.mode = "chroma";
  d.operatorName = "QC test";
  d.institution = "Example Film Archive";
  d.generated = "2024-05-01 10:00 UTC";
  d.holdoutFrames = "1-12";
  d.sources = {{"source", "/archive/print16/print.####.dpx", "1001-1240", 240, 0, 2048, 1556, 24.0, "DPX 10-bit log"},
               {"reference", "/archive/dvd/title1.vob", "1-6005", 6005, 0, 720, 576, 25.0, "mpeg2video, PAL"}};
  d.mapping.present = true;
  d.mapping.pairs = 226;
  d.mapping.coverage = 226.0 / 240.0;
  d.mapping.unmatched = {"1001-1008 (leader)", "1130-1135 (splice)"};
  for (int f = 1009; f <= 1240; ++f) {
    if (f >= 1130 && f <= 1135) continue;
    d.mapping.sourceFrames.push_back(f);
    d.mapping.referenceFrames.push_back(static_cast<int>(std::lround((f - 1009) * 25.0 / 24.0)) + 410);
    d.mapping.confidence.push_back(f % 53 == 0 ? 0.3 : 0.95);
  }
  std::mt19937 rng(1);
  std::normal_distribution<double> n(0, 0.04);
  for (int f = 1009; f <= 1240; f += 3) {
    AlignmentFrame a{f, 0.18 + std::abs(n(rng)), false, ""};
    if (f == 1072 || f == 1171) a = {f, 1.4, true, "gate weave beyond the transform model"};
    d.alignment.push_back(a);
  }
  d.alignmentThreshold = 0.75;
  Image sheet(640, 200, 3, 0.12f);
  for (int k = 0; k < 6; ++k) {
    const Image tile = referenceFrame(k * 3);
    for (int y = 0; y < 80; ++y)
      for (int x = 0; x < 96; ++x)
        for (int c = 0; c < 3; ++c) sheet.at(10 + k * 104 + x, 20 + y, c) = tile.at(x * 2, y * 1 + 20, c);
  }
  d.contactSheet = sheet;
  d.contactSheetCaption = "6 training pairs (top), hold-out pairs marked";
  LossSeries train{"train", {}, {}}, hold{"hold-out", {}, {}};
  for (int s = 0; s <= 4000; s += 50) {
    train.step.push_back(s), train.loss.push_back(0.08 * std::exp(-s / 700.0) + 2e-4 + 1e-4 * std::abs(n(rng)) * 10);
    if (s % 250 == 0) hold.step.push_back(s), hold.loss.push_back(0.09 * std::exp(-s / 800.0) + 4e-4);
  }
  d.losses = {train, hold};
  d.settings = {{"model size", "M"}, {"steps", "4000"}, {"batch", "3"}, {"crop", "256"}, {"learning rate", "1e-3, cosine"}};
  // Real metrics on a tiny synthetic shot.
  const auto ref = [](int f) { return referenceFrame(f); };
  const auto src = [](int f) { return fade(referenceFrame(f), 0.6f); };
  const auto baseline = [](int f) { return fade(referenceFrame(f), 0.25f); };
  std::vector<int> frames;
  for (int f = 1; f <= 12; ++f) frames.push_back(f);
  analysis::CompareOptions opts;
  opts.grainOptions.blockSize = 32;
  d.candidates.push_back({"model", analysis::compareSequences(restored, ref, src, frames, opts)});
  d.candidates.push_back({"match-grade baseline", analysis::compareSequences(baseline, ref, src, frames, opts)});
  d.candidates.push_back({"source", analysis::compareSequences(src, ref, src, frames, opts)});
  // Temporal consistency over the same frames with a cut before frame 7.
  analysis::CompareOptions temporalOpts = opts;
  temporalOpts.deltaE = false;
  temporalOpts.cuts = {7};
  d.temporal.push_back({"model", analysis::compareSequences(restored, ref, src, frames, temporalOpts)});
  d.temporal.push_back({"match-grade baseline", analysis::compareSequences(baseline, ref, src, frames, temporalOpts)});
  d.temporalFrames = "1-12";
  StillComparison still;
  still.frame = 1006;
  still.before = src(6);
  still.after = restored(6);
  still.reference = referenceFrame(6);
  d.stills.push_back(still);
  d.provenance = {{"model", "film-chroma-M.frmodel"},
                  {"checkpoint", "step 4000, 2024-04-30 22:14"},
                  {"training frames", "1012,1040-1042,1100"},
                  {"hold-out frames", "1005,1050"},
                  {"colour chain", "Rec.709 gamma 2.4, YCbCr split"}};
  d.warnings = {"Frames 1130-1135 have no reference pair (splice).", "Alignment flagged 2 frames."};
  return d;
}

}  // namespace

TEST(ImageEmbed, Base64MatchesRfc4648Vectors) {
  const auto b64 = [](const std::string& s) { return base64Encode(reinterpret_cast<const unsigned char*>(s.data()), s.size()); };
  EXPECT_EQ(b64(""), "");
  EXPECT_EQ(b64("f"), "Zg==");
  EXPECT_EQ(b64("fo"), "Zm8=");
  EXPECT_EQ(b64("foo"), "Zm9v");
  EXPECT_EQ(b64("foobar"), "Zm9vYmFy");
}

TEST(ImageEmbed, PngDataUriDecodesBackToTheImage) {
  Image img(8, 4, 3);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 8; ++x) img.at(x, y, 0) = x / 7.0f, img.at(x, y, 1) = y / 3.0f, img.at(x, y, 2) = 0.5f;
  img.at(7, 3, 2) = 1.7f;   // out of range: clipped, not wrapped
  img.at(6, 3, 2) = -0.2f;
  const std::string uri = imageDataUri(img, EmbedFormat::Png);
  ASSERT_EQ(uri.rfind("data:image/png;base64,", 0), 0u);
  EXPECT_EQ(uri.substr(22, 8), "iVBORw0K") << "PNG signature";
  // Decoded again, every pixel is the image's in 8 bits, in R, G, B order.
  std::vector<uchar> bytes;
  const std::string table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  unsigned bits = 0;
  int count = 0;
  for (char c : uri.substr(22)) {
    if (c == '=') break;
    bits = (bits << 6) | static_cast<unsigned>(table.find(c));
    if ((count += 6) >= 8) bytes.push_back(static_cast<uchar>((bits >> (count -= 8)) & 0xff));
  }
  const cv::Mat bgr = cv::imdecode(bytes, cv::IMREAD_COLOR);
  ASSERT_EQ(bgr.cols, 8);
  ASSERT_EQ(bgr.rows, 4);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 8; ++x)
      for (int c = 0; c < 3; ++c) {
        const float want = std::clamp(img.at(x, y, c), 0.0f, 1.0f) * 255.0f;
        EXPECT_NEAR(bgr.at<cv::Vec3b>(y, x)[2 - c], want, 0.51) << x << "," << y << " channel " << c;
      }
}

TEST(Report, HtmlIsSelfContainedAndHasEverySection) {
  const std::string html = renderReportHtml(syntheticReport());
  for (const char* id : {"summary", "sources", "mapping", "alignment", "dataset", "training", "metrics", "sequence",
                         "temporal", "stills", "provenance", "signoff"})
    EXPECT_NE(html.find(std::string("<section id=\"") + id + "\""), std::string::npos) << id;
  EXPECT_EQ(html.find("<script"), std::string::npos);
  // No external references: every src is a data URI, no http(s) links but the SVG namespace.
  const std::regex src("src=\"([^\"]{0,12})");
  int images = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), src); it != std::sregex_iterator(); ++it, ++images)
    EXPECT_EQ((*it)[1].str().substr(0, 5), "data:");
  EXPECT_GE(images, 1 + 3 + 2 + 4) << "contact sheet, stills, wipe, scopes";
  std::string stripped = std::regex_replace(html, std::regex("http://www\\.w3\\.org/2000/svg"), "");
  EXPECT_EQ(stripped.find("http://"), std::string::npos);
  EXPECT_EQ(stripped.find("https://"), std::string::npos);
  EXPECT_GE(std::count(html.begin(), html.end(), '\n'), 100);
  EXPECT_NE(html.find("class=\"wipe\""), std::string::npos);
  EXPECT_NE(html.find("match-grade baseline"), std::string::npos);
  EXPECT_NE(html.find("Frames 1130-1135 have no reference pair (splice)."), std::string::npos);
}

TEST(Report, OpensInHeadlessChromiumAndTheScreenshotShowsIt) {
  test::TempDir dir("report");
  const std::string path = dir.file("report.html");
  writeReport(syntheticReport(), path);
  ASSERT_TRUE(std::filesystem::exists(path));
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << "temp file left: " << e.path();
  const std::string shot = dir.file("shot.png"), log = dir.file("chromium.log");
  const std::string profile = dir.file("profile");
  const std::string cmd =
      "timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync --enable-logging=stderr "
      "--user-data-dir='" + profile + "' --screenshot='" + shot + "' --window-size=1400,4000 'file://" + path +
      "' > '" + log + "' 2>&1";
  const int rc = std::system(cmd.c_str());
  std::ifstream logIn(log);
  const std::string chromiumLog((std::istreambuf_iterator<char>(logIn)), std::istreambuf_iterator<char>());
  ASSERT_EQ(rc, 0) << chromiumLog;
  // Chromium logs page problems as console messages or failed loads.
  for (const char* bad : {"CONSOLE", "Uncaught", "net::ERR_", "Not allowed to load"})
    EXPECT_EQ(chromiumLog.find(bad), std::string::npos) << bad << " in:\n" << chromiumLog;
  const cv::Mat png = cv::imread(shot, cv::IMREAD_COLOR);
  ASSERT_FALSE(png.empty()) << "no screenshot: " << chromiumLog;
  EXPECT_EQ(png.cols, 1400);
  EXPECT_EQ(png.rows, 4000);
  // Not blank: many non-background pixels, both dark ink and colour.
  size_t inked = 0, coloured = 0;
  for (int y = 0; y < png.rows; ++y)
    for (int x = 0; x < png.cols; ++x) {
      const cv::Vec3b p = png.at<cv::Vec3b>(y, x);
      const int mx = std::max({p[0], p[1], p[2]}), mn = std::min({p[0], p[1], p[2]});
      if (mx < 200) ++inked;
      if (mx - mn > 40) ++coloured;
    }
  const double total = static_cast<double>(png.total());
  EXPECT_GT(inked / total, 0.05) << "the page looks blank";
  EXPECT_GT(coloured / total, 0.01) << "no plots or images visible";
  if (const char* keep = std::getenv("FILMRECOVER_REPORT_SCREENSHOT")) {
    std::filesystem::copy_file(shot, keep, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::copy_file(path, std::string(keep) + ".html", std::filesystem::copy_options::overwrite_existing);
  }
}
