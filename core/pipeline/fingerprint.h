#pragma once
// Cache keys of pipeline stages: a stage is redone only when the hash of its inputs and
// settings changes.
#include <string>

#include <nlohmann/json.hpp>

namespace filmrecover {
class FrameSource;
}

namespace filmrecover::pipeline {

//! 64-bit FNV-1a of `text` as 16 hex digits.
std::string hashText(const std::string& text);
//! Hash of a JSON document (its compact dump; object keys are sorted by nlohmann::json).
std::string hashJson(const nlohmann::json& doc);
//! Size and modification time of a file ({} when it does not exist).
nlohmann::json fileFingerprint(const std::string& path);
//! What identifies an element's content cheaply: spec, frame list (first, last, count,
//! missing), size, and the fingerprints of its first, middle and last files (or the movie).
nlohmann::json sourceFingerprint(const FrameSource& source);

}  // namespace filmrecover::pipeline
