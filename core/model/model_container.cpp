#include "core/model/model_container.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"
#include "core/exec/json_guard.h"
#include "core/model/sha256.h"

namespace filmrecover {

namespace {
constexpr const char* kMagic = "filmrecover-model\n";
constexpr size_t kMagicLength = 18;
constexpr const char* kSealPrefix = "sha256 ";
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

  AtomicFile file(path);
  {
    std::ofstream out(file.tempPath(), std::ios::binary);
    if (!out) file.fail("the folder is missing or not writable");
    Sha256 seal;
    const auto put = [&](const char* data, size_t size) {
      out.write(data, static_cast<std::streamsize>(size));
      seal.update(data, size);
    };
    put(kMagic, kMagicLength);
    put(len, 17);
    put(text.data(), text.size());
    for (const auto& [name, bytes] : container.blobs) put(bytes.data(), bytes.size());
    const std::string line = std::string(kSealPrefix) + seal.hex() + "\n";
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
    out.flush();
    if (!out) file.fail("writing the model failed");
  }
  file.commit();
}

namespace {

struct BlobEntry {
  std::string name, checksum;
  unsigned long long size = 0;
};

// The "blobs" table, each entry checked: a file from elsewhere may hold anything there.
std::vector<BlobEntry> blobTable(const nlohmann::json& header, const std::string& path,
                                 unsigned long long fileSize) {
  const auto corrupt = [&](const std::string& why) {
    return InputError("model file '" + path + "' is corrupt (" + why + ").");
  };
  if (!header.is_object() || !header.contains("blobs") || !header["blobs"].is_array())
    throw corrupt("no blob table");
  std::vector<BlobEntry> out;
  unsigned long long total = 0;
  for (const auto& b : header["blobs"]) {
    const std::string field = "blobs[" + std::to_string(out.size()) + "]";
    if (!b.is_object() || !b.contains("name") || !b["name"].is_string() || !b.contains("size") ||
        !b["size"].is_number_unsigned() || !b.contains("checksum") || !b["checksum"].is_string())
      throw corrupt("field '" + field + "' is not a name, size and checksum");
    BlobEntry e{b["name"].get<std::string>(), b["checksum"].get<std::string>(), b["size"].get<unsigned long long>()};
    // Checked one by one, so the sum cannot wrap around and pass for a small file.
    if (e.size > fileSize || total + e.size > fileSize)
      throw InputError("model file '" + path + "' is truncated (blob '" + e.name + "' reaches past its " +
                       std::to_string(fileSize) + " bytes).");
    total += e.size;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

ModelContainer readModelContainer(const std::string& path, bool withBlobs) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("model file '" + path + "' does not exist or cannot be read.");
  std::error_code ec;
  const unsigned long long fileSize = std::filesystem::file_size(path, ec);
  if (ec) throw InputError("model file '" + path + "' cannot be read (" + ec.message() + ").");
  Sha256 seal;
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
  if (kMagicLength + 17 + headerSize > fileSize)
    throw InputError("model file '" + path + "' is truncated (header cut short).");
  std::string text(headerSize, '\0');
  in.read(text.data(), static_cast<std::streamsize>(headerSize));
  if (!in) throw InputError("model file '" + path + "' is truncated (header cut short).");
  seal.update(magic.data(), magic.size());
  seal.update(len.data(), len.size());
  seal.update(text.data(), text.size());
  ModelContainer c;
  try {
    c.header = nlohmann::json::parse(text);
  } catch (const std::exception&) {
    throw InputError("model file '" + path + "' is corrupt (its metadata is not valid JSON).");
  }
  requireSaneJson(c.header, "model file '" + path + "'");

  // Sizes are checked even when blobs are not read, so a truncated file is always caught.
  const std::vector<BlobEntry> table = blobTable(c.header, path, fileSize);
  unsigned long long total = 0;
  for (const auto& b : table) total += b.size;
  const unsigned long long dataStart = kMagicLength + 17 + headerSize;
  if (fileSize < dataStart + total)
    throw InputError("model file '" + path + "' is truncated (" + std::to_string(fileSize) + " bytes, " +
                     std::to_string(dataStart + total) + " expected).");
  const unsigned long long extra = fileSize - dataStart - total;
  if (extra != 0 && extra != kModelSealLength)
    throw InputError("model file '" + path + "' is corrupt (" + std::to_string(extra) +
                     " unexpected bytes after its data).");

  // Every blob is read (and hashed) so the seal covers the file; kept only when asked for.
  std::vector<std::string> kept;
  for (const auto& b : table) {
    std::string bytes;
    if (withBlobs) {
      bytes.resize(b.size);
      in.read(bytes.data(), static_cast<std::streamsize>(b.size));
      if (!in) throw InputError("model file '" + path + "' is truncated (blob '" + b.name + "').");
      seal.update(bytes.data(), bytes.size());
    } else {
      char chunk[1 << 16];
      for (unsigned long long left = b.size; left > 0;) {
        const auto n = static_cast<std::streamsize>(std::min<unsigned long long>(left, sizeof chunk));
        in.read(chunk, n);
        if (!in) throw InputError("model file '" + path + "' is truncated (blob '" + b.name + "').");
        seal.update(chunk, static_cast<size_t>(n));
        left -= static_cast<unsigned long long>(n);
      }
    }
    kept.push_back(std::move(bytes));
  }
  if (extra == kModelSealLength) {
    std::string line(kModelSealLength, '\0');
    in.read(line.data(), static_cast<std::streamsize>(line.size()));
    const std::string expected = std::string(kSealPrefix) + seal.hex() + "\n";
    if (!in || line.compare(0, std::strlen(kSealPrefix), kSealPrefix) != 0 || line.back() != '\n')
      throw InputError("model file '" + path + "' is corrupt (its SHA-256 seal line is damaged).");
    if (line != expected)
      throw InputError("model file '" + path + "' is corrupt (its SHA-256 seal does not match its contents: " +
                       "a byte was changed or damaged since it was written).");
    c.sealed = true;
  }
  if (!withBlobs) return c;
  for (size_t i = 0; i < table.size(); ++i) {
    if (checksumHex(kept[i]) != table[i].checksum)
      throw InputError("model file '" + path + "' is corrupt (checksum of '" + table[i].name + "' does not match).");
    c.blobs[table[i].name] = std::move(kept[i]);
  }
  return c;
}

}  // namespace filmrecover
