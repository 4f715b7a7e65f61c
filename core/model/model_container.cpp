#include "core/model/model_container.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/exec/errors.h"

namespace filmrecover {

namespace {
constexpr const char* kMagic = "filmrecover-model\n";
constexpr size_t kMagicLength = 18;
}  // namespace

std::string checksumHex(const std::string& bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

void writeModelContainer(const std::string& path, const ModelContainer& container) {
  nlohmann::json header = container.header;
  header["blobs"] = nlohmann::json::array();
  for (const auto& [name, bytes] : container.blobs)
    header["blobs"].push_back({{"name", name}, {"size", bytes.size()}, {"checksum", checksumHex(bytes)}});
  const std::string text = header.dump(1);
  char len[18];
  std::snprintf(len, sizeof len, "%016llx\n", static_cast<unsigned long long>(text.size()));

  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const fs::path temp = dir / ("." + target.filename().string() + ".tmp" +
                               std::to_string(std::random_device{}()));
  {
    std::ofstream out(temp, std::ios::binary);
    if (!out) throw RunError("cannot write model file '" + path + "' (is the folder there and writable?).");
    out.write(kMagic, kMagicLength);
    out.write(len, 17);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    for (const auto& [name, bytes] : container.blobs)
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      throw RunError("writing model file '" + path + "' failed (disk full?).");
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw RunError("cannot move the finished model into place at '" + path + "'.");
  }
}

ModelContainer readModelContainer(const std::string& path, bool withBlobs) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("model file '" + path + "' does not exist or cannot be read.");
  std::string magic(kMagicLength, '\0');
  in.read(magic.data(), kMagicLength);
  if (!in || magic != kMagic) throw InputError("'" + path + "' is not a filmrecover model file.");
  std::string len(17, '\0');
  in.read(len.data(), 17);
  if (!in || len[16] != '\n') throw InputError("model file '" + path + "' is truncated or corrupt (bad header).");
  unsigned long long headerSize = 0;
  try {
    headerSize = std::stoull(len.substr(0, 16), nullptr, 16);
  } catch (...) {
    throw InputError("model file '" + path + "' is corrupt (bad header length).");
  }
  if (headerSize > (64u << 20)) throw InputError("model file '" + path + "' is corrupt (header too large).");
  std::string text(headerSize, '\0');
  in.read(text.data(), static_cast<std::streamsize>(headerSize));
  if (!in) throw InputError("model file '" + path + "' is truncated (header cut short).");
  ModelContainer c;
  try {
    c.header = nlohmann::json::parse(text);
  } catch (const std::exception&) {
    throw InputError("model file '" + path + "' is corrupt (its metadata is not valid JSON).");
  }
  if (!c.header.is_object() || !c.header.contains("blobs") || !c.header["blobs"].is_array())
    throw InputError("model file '" + path + "' is corrupt (no blob table).");

  // Sizes are checked even when blobs are not read, so a truncated file is always caught.
  unsigned long long total = 0;
  for (const auto& b : c.header["blobs"]) total += b.value("size", 0ull);
  const auto dataStart = static_cast<unsigned long long>(in.tellg());
  std::error_code ec;
  const auto fileSize = std::filesystem::file_size(path, ec);
  if (ec || fileSize < dataStart + total)
    throw InputError("model file '" + path + "' is truncated (" + std::to_string(fileSize) +
                     " bytes, " + std::to_string(dataStart + total) + " expected).");
  if (!withBlobs) return c;
  for (const auto& b : c.header["blobs"]) {
    const std::string name = b.value("name", "");
    std::string bytes(b.value("size", 0ull), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!in) throw InputError("model file '" + path + "' is truncated (blob '" + name + "').");
    if (checksumHex(bytes) != b.value("checksum", ""))
      throw InputError("model file '" + path + "' is corrupt (checksum of '" + name + "' does not match).");
    c.blobs[name] = std::move(bytes);
  }
  return c;
}

}  // namespace filmrecover
