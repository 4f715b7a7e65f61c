#include <gtest/gtest.h>

#include <algorithm>
#include <clocale>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/color/ocio_config.h"
#include "core/color/ocio_gpu.h"
#include "core/exec/errors.h"
#include "tests/support/test_support.h"

namespace filmrecover {

namespace {

std::shared_ptr<const OcioConfig> bundled() { return OcioConfig::load(test::sourcePath("resources/ocio/config.ocio")); }

bool contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

void expectRgb(const ColorProcessor& p, float r, float g, float b, float er, float eg, float eb, float tol) {
  p.applyRgb(r, g, b);
  EXPECT_NEAR(r, er, tol);
  EXPECT_NEAR(g, eg, tol);
  EXPECT_NEAR(b, eb, tol);
}

float srgbEncode(float v) { return v <= 0.0031308f ? 12.92f * v : 1.055f * std::pow(v, 1.0f / 2.4f) - 0.055f; }

}  // namespace

TEST(OcioConfig, BundledConfigIsFoundAndLists) {
  const std::string path = OcioConfig::bundledConfigPath();
  EXPECT_TRUE(std::filesystem::exists(path));
  const auto config = bundled();
  const auto spaces = config->colorSpaces();
  for (const char* name : {"Linear Rec.709", "sRGB", "Rec.1886 Rec.709", "Cineon Log", "ACEScg", "ACES2065-1", "Raw"})
    EXPECT_TRUE(contains(spaces, name)) << name;
  EXPECT_EQ(config->roleColorSpace("scene_linear"), "Linear Rec.709");
  EXPECT_EQ(config->roleColorSpace("aces_interchange"), "ACES2065-1");
  EXPECT_EQ(config->roleColorSpace("no_such_role"), "");
  EXPECT_TRUE(config->hasColorSpace("lin_rec709"));  // an alias
  const auto displays = config->displays();
  EXPECT_TRUE(contains(displays, "sRGB"));
  EXPECT_TRUE(contains(displays, "Rec.1886"));
  EXPECT_TRUE(contains(config->views("sRGB"), "Standard"));
  EXPECT_TRUE(contains(config->views("Rec.1886"), "Raw"));
  EXPECT_EQ(config->defaultDisplay(), "sRGB");
  EXPECT_EQ(config->defaultView("sRGB"), "Standard");
}

TEST(OcioConfig, SrgbEncodesMidGrey) {
  const auto p = bundled()->processor("Linear Rec.709", "sRGB");
  expectRgb(*p, 0.18f, 0.18f, 0.18f, 0.461356f, 0.461356f, 0.461356f, 1e-5f);
  expectRgb(*p, 0.001f, 0.5f, 1.0f, srgbEncode(0.001f), srgbEncode(0.5f), 1.0f, 1e-5f);
}

TEST(OcioConfig, AcescgToAces2065MatchesThePublishedMatrix) {
  // AP1 -> AP0 (SMPTE S-2014-004): first column of the matrix for ACEScg red.
  const auto p = bundled()->processor("ACEScg", "ACES2065-1");
  expectRgb(*p, 1, 0, 0, 0.6954522414f, 0.0447945634f, -0.0055258826f, 2e-4f);
  expectRgb(*p, 0, 0, 1, 0.1638690622f, 0.0955343182f, 1.0015006723f, 2e-4f);
  expectRgb(*p, 0.18f, 0.18f, 0.18f, 0.18f, 0.18f, 0.18f, 2e-4f);
}

TEST(OcioConfig, CineonRec1886AndDisplayViews) {
  const auto config = bundled();
  // Cineon: linear 1.0 is code 685, linear 0 is code 95 (of 1023).
  expectRgb(*config->processor("Linear Rec.709", "Cineon Log"), 1, 0, 0.18f, 685.0f / 1023, 95.0f / 1023,
            (685.0f + 300.0f * std::log10(0.18f * (1 - 0.0107977516f) + 0.0107977516f)) / 1023.0f, 1e-5f);
  const float g = std::pow(0.18f, 1.0f / 2.4f);
  expectRgb(*config->processor("Linear Rec.709", "Rec.1886 Rec.709"), 0.18f, 0.18f, 0.18f, g, g, g, 1e-5f);
  expectRgb(*config->displayProcessor("Linear Rec.709", "sRGB", "Standard"), 0.18f, 0.18f, 0.18f, 0.461356f,
            0.461356f, 0.461356f, 1e-5f);
  expectRgb(*config->displayProcessor("Linear Rec.709", "Rec.1886", "Standard"), 0.18f, 0.18f, 0.18f, g, g, g, 1e-5f);
  EXPECT_TRUE(config->displayProcessor("ACEScg", "sRGB", "Raw")->isNoOp());
}

TEST(OcioConfig, ApplyCpuConvertsImagesAndKeepsAlpha) {
  const auto p = bundled()->processor("Linear Rec.709", "sRGB");
  Image image(5, 3, 4, 0.18f);
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 5; ++x) image.at(x, y, 3) = 0.25f;
  p->applyCpu(image);
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 5; ++x) {
      EXPECT_NEAR(image.at(x, y, 0), 0.461356f, 1e-5f);
      EXPECT_NEAR(image.at(x, y, 2), 0.461356f, 1e-5f);
      EXPECT_EQ(image.at(x, y, 3), 0.25f);
    }
  // Round trip back to linear.
  bundled()->processor("sRGB", "Linear Rec.709")->applyCpu(image);
  EXPECT_NEAR(image.at(4, 2, 1), 0.18f, 1e-5f);
  EXPECT_NE(p->cacheId(), "");
}

TEST(OcioConfig, UnknownNamesAndBadFilesAreInputErrorsNamingThem) {
  const auto config = bundled();
  try {
    config->processor("Linear Rec.709", "No Such Space");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("No Such Space"), std::string::npos);
  }
  EXPECT_THROW(config->displayProcessor("sRGB", "NoDisplay", "Standard"), InputError);
  EXPECT_THROW(config->displayProcessor("sRGB", "sRGB", "NoView"), InputError);
  test::TempDir dir("ocio");
  std::ofstream(dir.file("broken.ocio")) << "ocio_profile_version: 2\ncolorspaces: [ this is not valid";
  try {
    OcioConfig::load(dir.file("broken.ocio"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("broken.ocio"), std::string::npos);
  }
}

TEST(OcioConfig, CurrentUsesTheOcioVariable) {
  // $OCIO is read once per process; point it at a copy of the bundled config.
  test::TempDir dir("ocio-env");
  const std::string copy = dir.file("mine.ocio");
  std::filesystem::copy_file(test::sourcePath("resources/ocio/config.ocio"), copy);
  setenv("OCIO", copy.c_str(), 1);
  const auto config = OcioConfig::current();
  unsetenv("OCIO");
  EXPECT_EQ(config->path(), copy);
  EXPECT_EQ(OcioConfig::current().get(), config.get());
}

TEST(OcioConfig, ConvertsTheSameUnderACommaDecimalLocale) {
  // A GUI may run with a locale whose decimal point is ','; OCIO calls pin "C".
  const char* set = std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
  const auto p = bundled()->processor("Linear Rec.709", "Cineon Log");
  float r = 1, g = 1, b = 1;
  p->applyRgb(r, g, b);
  EXPECT_NEAR(r, 685.0f / 1023, 1e-5f);
  if (set) std::setlocale(LC_NUMERIC, "C");
}

TEST(OcioGpu, DisplayShaderIsPlainDataWithTheFunction) {
  const auto config = bundled();
  const GpuShader shader = gpuDisplayShader(*config, "ACEScg", "sRGB", "Standard", "filmrecoverDisplay", "fr_");
  EXPECT_EQ(shader.functionName, "filmrecoverDisplay");
  EXPECT_NE(shader.text.find("filmrecoverDisplay"), std::string::npos);
  EXPECT_NE(shader.text.find("vec4"), std::string::npos);
  EXPECT_FALSE(shader.cacheId.empty());
  for (const auto& t : shader.textures) {
    EXPECT_EQ(t.values.size(), static_cast<size_t>(t.width) * t.height * t.depth * t.channels);
    EXPECT_NE(shader.text.find(t.samplerName), std::string::npos);
  }
  const GpuShader other = gpuDisplayShader(*config, "Cineon Log", "Rec.1886", "Standard");
  EXPECT_NE(other.cacheId, shader.cacheId);
  EXPECT_THROW(gpuDisplayShader(*config, "ACEScg", "sRGB", "NoView"), InputError);
  EXPECT_THROW(gpuDisplayShader(*config, "ACEScg", "sRGB", "Standard", "f", "p", "9.9"), InputError);
}

}  // namespace filmrecover
