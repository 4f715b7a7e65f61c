#pragma once
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace filmrecover {

//! The bytes of a model or checkpoint file: a JSON header and named binary blobs
//! ("weights"; checkpoints add "optimizer" and "trainer"). Layout on disk:
//!   "filmrecover-model\n", header length as 16 hex digits + "\n", header JSON, blobs.
//! The header's "blobs" array lists each blob's name, size and FNV-1a 64 checksum.
struct ModelContainer {
  nlohmann::json header = nlohmann::json::object(); //!< metadata ("info") + "blobs" list
  std::map<std::string, std::string> blobs;         //!< name → bytes
};

//! Writes atomically (temp file in the same folder + rename). Throws RunError naming `path`.
void writeModelContainer(const std::string& path, const ModelContainer& container);

//! Reads the header (and the blobs when `withBlobs`), checking magic, sizes and checksums.
//! Throws InputError naming `path`: missing, not a model file, truncated, or corrupt.
ModelContainer readModelContainer(const std::string& path, bool withBlobs);

//! FNV-1a 64-bit checksum of `bytes` as 16 hex digits.
std::string checksumHex(const std::string& bytes);

}  // namespace filmrecover
