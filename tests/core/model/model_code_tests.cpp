// A model whose weights archive carries TorchScript code: LibTorch would compile it and run
// its __setstate__ while loading. Such a file is refused before LibTorch sees it, even with
// every checksum right (a crafted file, not a damaged one).
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>
#include <torch/script.h>

#include "core/exec/errors.h"
#include "core/model/model_file.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

namespace {

// What a crafted file would hold: a TorchScript module with a method LibTorch runs on load.
std::string archiveWithCode() {
  torch::jit::Module m("__torch__.Planted");
  m.register_parameter("w", torch::ones({2}), false);
  m.define("def __setstate__(self, state: Tuple[Tensor]) -> None:\n  self.w = state[0]\n");
  m.define("def __getstate__(self) -> Tuple[Tensor]:\n  return (self.w,)\n");
  std::ostringstream out;
  m.save(out);
  return out.str();
}

std::string errorOf(const std::string& path) {
  try {
    loadModelFile(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(loaded)";
}

}  // namespace

TEST(ModelCode, WeightsThatCarryCodeAreRefusedBeforeLibTorchLoadsThem) {
  test::TempDir dir("model-code");
  ModelContainer c;
  c.blobs["weights"] = archiveWithCode();
  ModelInfo info = ModelInfo::forNetwork(RecoveryMode::Chroma, ModelPreset::S);
  info.weightsChecksum = checksumHex(c.blobs["weights"]);  // every check but the code passes
  c.header["info"] = info;
  const std::string path = dir.file("planted.frm");
  writeModelContainer(path, c);
  const std::string message = errorOf(path);
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("holds code"), std::string::npos) << message;
}

TEST(ModelCode, OurOwnWeightsHoldNoCode) {
  test::TempDir dir("model-code");
  RecoveryNet net(RecoveryMode::Spatial, 16);
  const std::string path = dir.file("own.frm");
  saveModelFile(path, ModelInfo::forNetwork(RecoveryMode::Spatial, ModelPreset::S), net);
  EXPECT_NO_THROW(loadModelFile(path));
}

// A model from before the seal loads, and says it was not sealed, so a command can tell
// the user that only its weights' checksum was checked.
TEST(ModelCode, ALoadedModelSaysWhetherItWasSealed) {
  test::TempDir dir("model-code");
  RecoveryNet net(RecoveryMode::Chroma, 16);
  const std::string path = dir.file("m.frm");
  saveModelFile(path, ModelInfo::forNetwork(RecoveryMode::Chroma, ModelPreset::S), net);
  EXPECT_TRUE(loadModelFile(path).sealed);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - kModelSealLength);
  const LoadedModel old = loadModelFile(path);
  EXPECT_FALSE(old.sealed);
  EXPECT_EQ(old.info.width, 16);
}

// Metadata of the wrong shape reached loadModelFile as a nlohmann type_error, which names no
// file (readModelInfo already turned it into an InputError; fuzz_model_file's harness hit it).
TEST(ModelCode, MetadataOfTheWrongShapeIsAnInputErrorNamingTheFile) {
  test::TempDir dir("model-code");
  RecoveryNet net(RecoveryMode::Chroma, 16);
  const std::string good = dir.file("good.frm");
  saveModelFile(good, ModelInfo::forNetwork(RecoveryMode::Chroma, ModelPreset::S), net);
  ModelContainer c = readModelContainer(good, true);
  for (const nlohmann::json& info : {nlohmann::json::array({1, 2}), nlohmann::json{{"formatVersion", "1"}}}) {
    c.header["info"] = info;
    const std::string path = dir.file("shape.frm");
    writeModelContainer(path, c);
    EXPECT_NE(errorOf(path).find(path), std::string::npos) << errorOf(path);
  }
}
