#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/exec/errors.h"
#include "core/model/model_file.h"
#include "core/version.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

namespace {

std::string saveSmallModel(const test::TempDir& dir, RecoveryMode mode = RecoveryMode::Chroma) {
  ModelInfo info = ModelInfo::forNetwork(mode, ModelPreset::S);
  info.trainingFrames = {1, 4, 6, 8};
  info.holdoutFrames = {5};
  info.steps = 123;
  info.source = "src.####.exr";
  RecoveryNet net(mode, 16);
  const std::string path = dir.file("m.frm");
  saveModelFile(path, info, net);
  return path;
}

void expectInputErrorNaming(const std::string& path, const std::string& fragment,
                            std::optional<RecoveryMode> mode = {}) {
  try {
    loadModelFile(path, mode);
    FAIL() << "no error for " << fragment;
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path), std::string::npos) << what;
    EXPECT_NE(what.find(fragment), std::string::npos) << what;
  }
}

}  // namespace

TEST(UNet, PresetMIsExactlyTheBenchmarkNetwork) {
  // Parameter counts of torch_reference.py's UNet(in, out, w), counted with PyTorch.
  auto count = [](const UNet& n) {
    long long c = 0;
    for (const auto& p : n->parameters()) c += p.numel();
    return c;
  };
  EXPECT_EQ(count(UNet(3, 2, presetWidth(ModelPreset::M))), 471586);
  EXPECT_EQ(count(UNet(1, 1, presetWidth(ModelPreset::S))), 117985);
  EXPECT_EQ(count(UNet(3, 3, presetWidth(ModelPreset::L))), 1883267);
  UNet net(3, 2, 32);
  auto y = net->forward(torch::rand({2, 3, 36, 20}));
  EXPECT_EQ(y.sizes(), (std::vector<int64_t>{2, 2, 36, 20}));
}

TEST(RecoveryNet, UntrainedNetworkIsTheIdentityOnItsChannels) {
  RecoveryNet chroma(RecoveryMode::Chroma, 16);
  auto x = torch::rand({1, 3, 16, 16});
  auto y = chroma->forward(x);
  EXPECT_TRUE(torch::allclose(y, x.slice(1, 1, 3)));
  RecoveryNet spatial(RecoveryMode::Spatial, 16);
  auto ys = torch::rand({1, 1, 16, 16});
  EXPECT_TRUE(torch::allclose(spatial->forward(ys), ys));
}

TEST(ModelFile, RoundTripKeepsWeightsAndMetadata) {
  test::TempDir dir("model");
  ModelInfo info = ModelInfo::forNetwork(RecoveryMode::Spatial, ModelPreset::S);
  info.trainingFrames = {1, 2};
  info.seed = 77;
  info.residual = false;  // the network below has no residual connection
  torch::manual_seed(3);
  RecoveryNet net(RecoveryMode::Spatial, 16, false);
  const std::string path = dir.file("s.frm");
  saveModelFile(path, info, net);
  LoadedModel m = loadModelFile(path, RecoveryMode::Spatial);
  EXPECT_EQ(m.info.mode, RecoveryMode::Spatial);
  EXPECT_EQ(m.info.trainingFrames, (std::vector<int>{1, 2}));
  EXPECT_EQ(m.info.seed, 77u);
  EXPECT_EQ(m.info.softwareVersion, FILMRECOVER_VERSION);
  EXPECT_FALSE(m.info.date.empty());
  EXPECT_EQ(m.info.weightsChecksum.size(), 16u);
  auto x = torch::rand({1, 1, 8, 8});
  EXPECT_TRUE(torch::equal(net->forward(x), m.net->forward(x)));
  const ModelInfo light = readModelInfo(path);
  EXPECT_EQ(light.weightsChecksum, m.info.weightsChecksum);
  EXPECT_EQ(light.inputChannels, (std::vector<std::string>{"Y"}));
}

TEST(ModelFile, CorruptWeightsGiveAClearError) {
  test::TempDir dir("model");
  const std::string path = saveSmallModel(dir);
  const auto size = std::filesystem::file_size(path);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size - 100));
    char c;
    f.seekg(static_cast<std::streamoff>(size - 100));
    f.read(&c, 1);
    c ^= 0x5a;
    f.seekp(static_cast<std::streamoff>(size - 100));
    f.write(&c, 1);
  }
  expectInputErrorNaming(path, "corrupt");
}

TEST(ModelFile, TruncatedFileGivesAClearError) {
  test::TempDir dir("model");
  const std::string path = saveSmallModel(dir);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  expectInputErrorNaming(path, "truncated");
  EXPECT_THROW(readModelInfo(path), InputError);
}

TEST(ModelFile, OtherModeOtherVersionAndNonModelFilesAreRejected) {
  test::TempDir dir("model");
  const std::string path = saveSmallModel(dir, RecoveryMode::Chroma);
  expectInputErrorNaming(path, "chroma model", RecoveryMode::Spatial);

  ModelContainer c = readModelContainer(path, true);
  c.header["info"]["formatVersion"] = 99;
  const std::string future = dir.file("future.frm");
  writeModelContainer(future, c);
  expectInputErrorNaming(future, "format version 99");

  const std::string text = dir.file("notes.frm");
  std::ofstream(text) << "hello";
  expectInputErrorNaming(text, "not a filmrecover model");
  expectInputErrorNaming(dir.file("missing.frm"), "does not exist");
}

TEST(ModelInfo, JsonRoundTripKeepsProvenance) {
  ModelInfo i = ModelInfo::forNetwork(RecoveryMode::Combined, ModelPreset::L);
  i.pairSettings.validArea = Rect{2, 3, 100, 80};
  i.holdoutFrames = {5, 9};
  i.settings = {{"steps", 10}};
  const ModelInfo back = nlohmann::json(i).get<ModelInfo>();
  EXPECT_EQ(back.width, 64);
  EXPECT_EQ(back.pairSettings.validArea, (Rect{2, 3, 100, 80}));
  EXPECT_EQ(back.holdoutFrames, i.holdoutFrames);
  EXPECT_EQ(back.outputChannels, (std::vector<std::string>{"Y", "Cb", "Cr"}));
  EXPECT_EQ(back.settings["steps"], 10);
}
