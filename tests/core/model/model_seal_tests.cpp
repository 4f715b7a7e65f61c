// The model container's SHA-256 seal and its checks of a file from elsewhere: any one byte
// changed anywhere is refused naming the file, files from before the seal still load, and a
// blob table or metadata crafted to crash the reader is refused instead.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/exec/errors.h"
#include "core/model/model_container.h"
#include "core/model/model_info.h"
#include "core/model/sha256.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
namespace fs = std::filesystem;

namespace {

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeAll(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string smallContainer(const test::TempDir& dir) {
  ModelContainer c;
  c.header["info"] = ModelInfo::forNetwork(RecoveryMode::Chroma, ModelPreset::S);
  c.blobs["weights"] = std::string(300, '\x11') + "end of weights";
  c.blobs["trainer"] = R"({"step":12})";
  const std::string path = dir.file("small.frm");
  writeModelContainer(path, c);
  return path;
}

std::string errorOf(const std::string& path, bool withBlobs) {
  try {
    readModelContainer(path, withBlobs);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

// A container written by hand, as a crafted file would be: magic, length, header, data.
std::string craftedFile(const std::string& header, const std::string& data) {
  char len[18];
  std::snprintf(len, sizeof len, "%016llx\n", static_cast<unsigned long long>(header.size()));
  return std::string("filmrecover-model\n") + len + header + data;
}

}  // namespace

TEST(Sha256, MatchesTheFipsTestVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 million;
  const std::string chunk(1000, 'a');
  for (int i = 0; i < 1000; ++i) million.update(chunk.data(), chunk.size());
  EXPECT_EQ(million.hex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(ModelSeal, EveryFileEndsWithTheSha256OfItsContents) {
  test::TempDir dir("model-seal");
  const std::string path = smallContainer(dir);
  const std::string bytes = readAll(path);
  ASSERT_GT(bytes.size(), kModelSealLength);
  const std::string body = bytes.substr(0, bytes.size() - kModelSealLength);
  EXPECT_EQ(bytes.substr(body.size()), "sha256 " + sha256Hex(body) + "\n");
  EXPECT_TRUE(readModelContainer(path, true).sealed);
  EXPECT_TRUE(readModelContainer(path, false).sealed);
}

// The brief's test: one flipped byte. Every position of the file is tried, the header's
// metadata and the seal line included, where the blobs' own checksums do not reach.
TEST(ModelSeal, AnyOneFlippedByteIsRefusedNamingTheFile) {
  test::TempDir dir("model-seal");
  const std::string path = smallContainer(dir);
  const std::string good = readAll(path);
  const std::string bad = dir.file("flipped.frm");
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bytes = good;
    bytes[i] = static_cast<char>(bytes[i] ^ 0x20);
    writeAll(bad, bytes);
    for (bool withBlobs : {false, true}) {
      const std::string message = errorOf(bad, withBlobs);
      ASSERT_NE(message.find(bad), std::string::npos) << "byte " << i << " flipped: " << message;
    }
  }
}

TEST(ModelSeal, AFileFromBeforeTheSealStillLoadsAndItsBlobsAreStillChecked) {
  test::TempDir dir("model-seal");
  const std::string path = smallContainer(dir);
  const std::string bytes = readAll(path);
  const std::string old = dir.file("old.frm");
  writeAll(old, bytes.substr(0, bytes.size() - kModelSealLength));
  const ModelContainer c = readModelContainer(old, true);
  EXPECT_FALSE(c.sealed);
  EXPECT_EQ(c.blobs.at("trainer"), R"({"step":12})");
  // Its weights are still covered by their FNV-1a checksum.
  std::string damaged = bytes.substr(0, bytes.size() - kModelSealLength);
  damaged[damaged.size() - 40] ^= 0x01;
  writeAll(old, damaged);
  EXPECT_NE(errorOf(old, true).find("checksum of 'weights'"), std::string::npos) << errorOf(old, true);
}

TEST(ModelSeal, BytesAddedAfterTheDataAreRefused) {
  test::TempDir dir("model-seal");
  const std::string path = smallContainer(dir);
  writeAll(path, readAll(path) + "extra");
  EXPECT_NE(errorOf(path, false).find("unexpected bytes"), std::string::npos) << errorOf(path, false);
}

// Two blobs of 2^63 bytes each: their sizes summed to 0 and passed the size check, then the
// reader tried to allocate 2^63 bytes (std::length_error, no file named).
TEST(ModelSeal, BlobSizesThatWrapAroundAreRefused) {
  test::TempDir dir("model-seal");
  const std::string path = dir.file("wrap.frm");
  writeAll(path, craftedFile(R"({"blobs":[{"name":"a","size":9223372036854775808,"checksum":""},)"
                             R"({"name":"b","size":9223372036854775808,"checksum":""}]})",
                             ""));
  for (bool withBlobs : {false, true})
    EXPECT_NE(errorOf(path, withBlobs).find("truncated"), std::string::npos) << errorOf(path, withBlobs);
}

TEST(ModelSeal, ABlobTableOfTheWrongShapeIsRefusedNamingTheField) {
  test::TempDir dir("model-seal");
  const std::string path = dir.file("shape.frm");
  writeAll(path, craftedFile(R"({"blobs":[{"name":"weights","size":-3,"checksum":7}]})", ""));
  EXPECT_NE(errorOf(path, true).find("blobs[0]"), std::string::npos) << errorOf(path, true);
  writeAll(path, craftedFile(R"({"blobs":[5]})", ""));
  EXPECT_NE(errorOf(path, false).find("blobs[0]"), std::string::npos) << errorOf(path, false);
}

// Metadata nested 100,000 deep: ModelInfo copies "settings" recursively and overflowed the
// stack; a width of 1e300 was cast to int. Both are refused, naming the field.
TEST(ModelSeal, MetadataCraftedToCrashTheReaderIsRefused) {
  test::TempDir dir("model-seal");
  const std::string path = dir.file("deep.frm");
  writeAll(path, craftedFile(R"({"info":{"formatVersion":1,"settings":)" + std::string(100000, '[') +
                                 std::string(100000, ']') + R"(},"blobs":[]})",
                             ""));
  EXPECT_NE(errorOf(path, false).find("nests deeper"), std::string::npos) << errorOf(path, false);
  EXPECT_THROW(readModelInfo(path), InputError);
  writeAll(path, craftedFile(R"({"info":{"formatVersion":1,"width":1e300},"blobs":[]})", ""));
  EXPECT_NE(errorOf(path, false).find("/info/width"), std::string::npos) << errorOf(path, false);
}

// fuzz_model_file's input (reduced): a formatVersion that is an array reached the caller of
// readModelInfo as a nlohmann type_error, naming no file.
TEST(ModelSeal, AFormatVersionOfTheWrongTypeIsAnInputErrorNamingTheFile) {
  test::TempDir dir("model-seal");
  const std::string path = dir.file("version.frm");
  writeAll(path, craftedFile(R"({"info":{"formatVersion":[1]},"blobs":[]})", ""));
  try {
    readModelInfo(path);
    FAIL() << "the metadata was read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}
