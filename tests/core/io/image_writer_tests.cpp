#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <OpenImageIO/imageio.h>

#include "core/exec/errors.h"
#include "core/io/image_writer.h"
#include "core/io/provenance.h"
#include "io_test_helpers.h"
#include "tests/support/test_support.h"

namespace filmrecover {

namespace fs = std::filesystem;

namespace {

struct FormatCase {
  std::string extension;
  WriteOptions options;
  float hardLimit;   // largest error any value may have
  double minPsnr;    // over the whole image
};

std::vector<FormatCase> formatCases() {
  std::vector<FormatCase> cases;
  WriteOptions o;
  cases.push_back({"exr", o, 1e-3f, 70});  // half: 11-bit mantissa, < 0.05% relative
  o.exrDataType = "float";
  cases.push_back({"exr", o, 0.0f, 999});  // float: exact
  o = WriteOptions{};
  o.exrCompression = "piz";
  cases.push_back({"exr", o, 1e-3f, 70});
  o = WriteOptions{};
  cases.push_back({"dpx", o, 0.52f / 1023, 65});  // 10-bit (the reader scales through 16 bits)
  cases.push_back({"tif", o, 0.5f / 65535 + 1e-6f, 100});  // 16-bit
  cases.push_back({"png", o, 0.5f / 65535 + 1e-6f, 100});  // 16-bit
  o.bitDepth = 8;
  cases.push_back({"png", o, 0.5f / 255 + 1e-6f, 50});
  cases.push_back({"tif", o, 0.5f / 255 + 1e-6f, 50});
  o = WriteOptions{};
  cases.push_back({"jpg", o, 0.25f, 30});  // lossy
  return cases;
}

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

size_t tempFilesIn(const fs::path& dir) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) ++n;
  return n;
}

}  // namespace

TEST(ImageWriter, EveryFormatRoundTripsWithinItsBitDepth) {
  test::TempDir dir("writer");
  const Image pattern = test::makeTestPattern(67, 41, 5);
  int i = 0;
  for (const FormatCase& c : formatCases()) {
    const std::string path = dir.file("frame" + std::to_string(i++) + "." + c.extension);
    writeImageAtomic(path, pattern, c.options);
    const Image back = readImageFile(path);
    ASSERT_EQ(back.width, 67);
    ASSERT_EQ(back.height, 41);
    ASSERT_EQ(back.channels, 3);
    const auto r = test::compareImages(pattern, back, c.hardLimit, 0.0, c.hardLimit);
    EXPECT_TRUE(r.passed) << path << " max error " << r.maxError;
    EXPECT_GE(r.psnr, c.minPsnr) << path;
  }
  EXPECT_EQ(tempFilesIn(dir.path()), 0u);
}

TEST(ImageWriter, FileTypesAndDepthsAreWhatWasAsked) {
  test::TempDir dir("writer-types");
  const Image pattern = test::makeTestPattern(16, 8, 1);
  const auto specOf = [](const std::string& path) {
    auto in = OIIO::ImageInput::open(path);
    EXPECT_TRUE(in) << path;
    return in ? in->spec() : OIIO::ImageSpec();
  };
  writeImageAtomic(dir.file("a.exr"), pattern);
  EXPECT_EQ(specOf(dir.file("a.exr")).format, OIIO::TypeDesc::HALF);
  EXPECT_EQ(specOf(dir.file("a.exr")).get_string_attribute("compression"), "zip");
  WriteOptions f;
  f.exrDataType = "float";
  writeImageAtomic(dir.file("b.exr"), pattern, f);
  EXPECT_EQ(specOf(dir.file("b.exr")).format, OIIO::TypeDesc::FLOAT);
  writeImageAtomic(dir.file("c.dpx"), pattern);
  EXPECT_EQ(specOf(dir.file("c.dpx")).get_int_attribute("oiio:BitsPerSample"), 10);
  writeImageAtomic(dir.file("d.tif"), pattern);
  EXPECT_EQ(specOf(dir.file("d.tif")).format, OIIO::TypeDesc::UINT16);
  writeImageAtomic(dir.file("e.png"), pattern);
  EXPECT_EQ(specOf(dir.file("e.png")).format, OIIO::TypeDesc::UINT16);
  // --format overrides the extension.
  WriteOptions asDpx;
  asDpx.format = "dpx";
  writeImageAtomic(dir.file("f.frame"), pattern, asDpx);
  auto in = OIIO::ImageInput::open(dir.file("f.frame"));
  ASSERT_TRUE(in);
  EXPECT_STREQ(in->format_name(), "dpx");
}

TEST(ImageWriter, MetadataAndProvenanceSurviveEveryFormat) {
  test::TempDir dir("writer-meta");
  Image image = test::makeTestPattern(24, 16, 2);
  image.attributes["oiio:ColorSpace"] = "Rec709";
  image.attributes["ImageDescription"] = "scan of reel 3";
  WriteOptions options;
  addProvenance(options.attributes, {{"model", "/models/reel3 chroma.pt"}, {"source", "plate.%04d.dpx"},
                                     {"sourceFrame", "1017"}}, /*composite=*/false);
  const std::string longText(400, 'x');  // longer than any DPX header text field
  options.attributes["filmrecover:note"] = longText;
  for (const std::string ext : {"exr", "dpx", "tif", "png", "jpg"}) {
    const std::string path = dir.file("meta." + ext);
    writeImageAtomic(path, image, options);
    const Image back = readImageFile(path);
    const auto& a = back.attributes;
    const auto get = [&a](const std::string& key) {
      const auto it = a.find(key);
      return it == a.end() ? std::string("<absent>") : it->second;
    };
    EXPECT_EQ(get("filmrecover:model"), "/models/reel3 chroma.pt") << ext;
    EXPECT_EQ(get("filmrecover:source"), "plate.%04d.dpx") << ext;
    EXPECT_EQ(get("filmrecover:sourceFrame"), "1017") << ext;
    EXPECT_EQ(get("filmrecover:note"), longText) << ext;
    EXPECT_EQ(get("IPTCDigitalSourceType"), kTrainedAlgorithmicMedia) << ext;
    EXPECT_EQ(get("oiio:ColorSpace"), "Rec709") << ext;
    EXPECT_EQ(get("ImageDescription"), "scan of reel 3") << ext;
    EXPECT_EQ(provenanceOf(a).count("version"), 1u) << ext;
  }
}

TEST(ImageWriter, OiioToolsReadWhatWeWrite) {
  test::TempDir dir("writer-tools");
  const Image pattern = test::makeTestPattern(40, 30, 3);
  WriteOptions options;
  addProvenance(options.attributes, {{"model", "m.pt"}}, true);
  std::string files;
  for (const std::string ext : {"exr", "dpx", "tif", "png", "jpg"}) {
    writeImageAtomic(dir.file("tool." + ext), pattern, options);
    files += " " + test::quoted(dir.file("tool." + ext));
  }
  // One run of each tool (each start costs about a second).
  std::string out;
  ASSERT_EQ(test::shell("iinfo -v --stats" + files, &out), 0) << out;
  for (const std::string ext : {"exr", "dpx", "tif", "png", "jpg"})
    EXPECT_NE(out.find("tool." + ext + " :   40 x   30, 3 channel"), std::string::npos) << ext << "\n" << out;
  EXPECT_EQ(test::count(out, "Stats Avg"), 5u) << out;
  EXPECT_NE(out.find("compositeWithTrainedAlgorithmicMedia"), std::string::npos);
  // oiiotool converts what we wrote and its result matches ours.
  const std::string converted = dir.file("converted.exr");
  ASSERT_EQ(test::shell("oiiotool " + test::quoted(dir.file("tool.dpx")) + " -d float -o " + test::quoted(converted), &out), 0)
      << out;
  const auto r = test::compareImages(readImageFile(converted), pattern, 1.0f / 1023, 0.0, 1.0f / 1023);
  EXPECT_TRUE(r.passed) << r.maxError;
}

TEST(ImageWriter, WritesAreAtomicAndFailuresNameThePath) {
  test::TempDir dir("writer-atomic");
  const Image pattern = test::makeTestPattern(8, 8, 1);
  // A missing folder.
  const std::string missing = dir.file("no/such/folder/out.0001.exr");
  std::string message = errorOf([&] { writeImageAtomic(missing, pattern); });
  EXPECT_NE(message.find(missing), std::string::npos) << message;
  EXPECT_THROW(writeImageAtomic(missing, pattern), RunError);
  // A read-only folder (root ignores permissions, but not /proc).
  std::string readOnly;
  if (::geteuid() == 0) {
    readOnly = "/proc/filmrecover-out.exr";
  } else {
    fs::create_directory(dir.path() / "ro");
    fs::permissions(dir.path() / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    readOnly = dir.file("ro/out.exr");
  }
  message = errorOf([&] { writeImageAtomic(readOnly, pattern); });
  EXPECT_NE(message.find(readOnly), std::string::npos) << message;
  EXPECT_THROW(writeImageAtomic(readOnly, pattern), RunError);
  if (::geteuid() != 0) {
    EXPECT_EQ(tempFilesIn(dir.path() / "ro"), 0u);
    fs::permissions(dir.path() / "ro", fs::perms::owner_all);
  }
  // Overwriting replaces the file whole and leaves no temp file.
  const std::string target = dir.file("frame.0001.png");
  writeImageAtomic(target, pattern);
  writeImageAtomic(target, Image(8, 8, 3, 0.75f));
  EXPECT_NEAR(readImageFile(target).at(3, 3, 1), 0.75f, 1e-4f);
  EXPECT_EQ(tempFilesIn(dir.path()), 0u);
}

TEST(ImageWriter, BadOptionsAndFormatsAreInputErrors) {
  test::TempDir dir("writer-bad");
  const Image pattern = test::makeTestPattern(8, 8, 1);
  EXPECT_THROW(writeImageAtomic(dir.file("a.xyz"), pattern), InputError);
  WriteOptions o;
  o.format = "gif";
  EXPECT_THROW(writeImageAtomic(dir.file("a.exr"), pattern, o), InputError);
  o = WriteOptions{};
  o.bitDepth = 10;
  EXPECT_THROW(writeImageAtomic(dir.file("a.png"), pattern, o), InputError);
  o = WriteOptions{};
  o.exrDataType = "double";
  EXPECT_THROW(writeImageAtomic(dir.file("a.exr"), pattern, o), InputError);
  o = WriteOptions{};
  o.exrCompression = "lzma";
  EXPECT_THROW(writeImageAtomic(dir.file("a.exr"), pattern, o), InputError);
  EXPECT_THROW(writeImageAtomic(dir.file("a.exr"), Image()), InputError);
  EXPECT_EQ(imageFormatFor("x/y.TIFF"), "tif");
  EXPECT_EQ(imageFormatFor("jpeg"), "jpg");
}

TEST(ImageReader, GreyIsReplicatedAlphaDroppedAndBadFilesNamed) {
  test::TempDir dir("reader");
  // A one-channel and a four-channel file written with OIIO directly.
  {
    OIIO::ImageSpec spec(4, 2, 1, OIIO::TypeDesc::FLOAT);
    std::vector<float> grey = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f};
    auto out = OIIO::ImageOutput::create(dir.file("grey.exr"));
    ASSERT_TRUE(out->open(dir.file("grey.exr"), spec));
    out->write_image(OIIO::TypeDesc::FLOAT, grey.data());
    out->close();
    OIIO::ImageSpec rgba(2, 1, 4, OIIO::TypeDesc::FLOAT);
    std::vector<float> px = {0.1f, 0.2f, 0.3f, 0.9f, 0.4f, 0.5f, 0.6f, 0.8f};
    auto out2 = OIIO::ImageOutput::create(dir.file("rgba.exr"));
    ASSERT_TRUE(out2->open(dir.file("rgba.exr"), rgba));
    out2->write_image(OIIO::TypeDesc::FLOAT, px.data());
    out2->close();
  }
  const Image grey = readImageFile(dir.file("grey.exr"));
  ASSERT_EQ(grey.channels, 3);
  EXPECT_FLOAT_EQ(grey.at(2, 1, 0), 0.7f);
  EXPECT_FLOAT_EQ(grey.at(2, 1, 2), 0.7f);
  const Image rgba = readImageFile(dir.file("rgba.exr"));
  ASSERT_EQ(rgba.channels, 3);
  EXPECT_FLOAT_EQ(rgba.at(1, 0, 2), 0.6f);

  const std::string missing = dir.file("missing.exr");
  EXPECT_NE(errorOf([&] { readImageFile(missing); }).find(missing), std::string::npos);
  EXPECT_THROW(readImageFile(missing), InputError);
  // Truncated: the second half of a file cut away.
  writeImageAtomic(dir.file("cut.exr"), test::makeTestPattern(64, 64, 1));
  fs::resize_file(dir.file("cut.exr"), fs::file_size(dir.file("cut.exr")) / 2);
  const std::string cut = dir.file("cut.exr");
  EXPECT_NE(errorOf([&] { readImageFile(cut); }).find(cut), std::string::npos);
  EXPECT_THROW(readImageFile(cut), InputError);
  std::ofstream(dir.file("garbage.png")) << "not a png at all";
  EXPECT_THROW(readImageFile(dir.file("garbage.png")), InputError);
}

}  // namespace filmrecover

namespace filmrecover {

TEST(ImageWriter, StaleTemporariesOfAKilledWriterAreSweptOthersStay) {
  test::TempDir dir("stale-temps");
  auto touch = [&](const std::string& name) {
    std::ofstream(dir.file(name)) << "x";
    return dir.file(name);
  };
  // A writer that no longer runs: a child that has exited and been reaped.
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  int status = 0;
  ::waitpid(child, &status, 0);
  const std::string gone = touch(".r.0003.exr.tmp-" + std::to_string(child) + "-6.exr");
  const std::string mine = touch(".r.0004.exr.tmp-" + std::to_string(::getpid()) + "-7.exr");
  const std::string frame = touch("r.0003.exr");
  const std::string lookalike = touch("r.tmp-12-3.exr");  // not hidden: a user's file
  EXPECT_EQ(removeStaleWriteTemporaries(dir.path().string()), 1);
  EXPECT_FALSE(fs::exists(gone));
  EXPECT_TRUE(fs::exists(mine));  // a writer of this process may be writing it now
  EXPECT_TRUE(fs::exists(frame));
  EXPECT_TRUE(fs::exists(lookalike));
  EXPECT_EQ(removeStaleWriteTemporaries(dir.file("missing")), 0);
}

}  // namespace filmrecover
