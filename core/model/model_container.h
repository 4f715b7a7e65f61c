#pragma once
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace filmrecover {

//! The bytes of a model or checkpoint file: a JSON header and named binary blobs
//! ("weights"; checkpoints add "optimizer" and "trainer"). Layout on disk:
//!   "filmrecover-model\n", header length as 16 hex digits + "\n", header JSON, blobs,
//!   seal: "sha256 " + 64 hex digits + "\n", the SHA-256 of every byte before it.
//! The header's "blobs" array lists each blob's name, size and FNV-1a 64 checksum.
//! Files written before the seal (format 1 without it) still load: their blobs' FNV-1a
//! checksums are checked as before, and `sealed` says the rest was not (docs/reliability.md).
struct ModelContainer {
  nlohmann::json header = nlohmann::json::object(); //!< metadata ("info") + "blobs" list
  std::map<std::string, std::string> blobs;         //!< name → bytes
  bool sealed = false;  //!< read: the file carried a SHA-256 seal and it matched
};

//! Bytes of the seal line at the end of a model file.
constexpr size_t kModelSealLength = 72;

//! Writes atomically (temp file in the same folder + rename). Throws RunError naming `path`.
void writeModelContainer(const std::string& path, const ModelContainer& container);

//! Reads the header (and the blobs when `withBlobs`), checking magic, sizes, the SHA-256 seal
//! (always: the whole file is read) and the blobs' checksums. Throws InputError naming
//! `path`: missing, not a model file, truncated, or corrupt (naming the field or blob).
ModelContainer readModelContainer(const std::string& path, bool withBlobs);

//! FNV-1a 64-bit checksum of `bytes` as 16 hex digits.
std::string checksumHex(const std::string& bytes);

}  // namespace filmrecover
