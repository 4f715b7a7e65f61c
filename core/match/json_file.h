#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace filmrecover::match {

//! Writes `doc` (indented) to `path` atomically: a temporary file in the same folder,
//! then a rename, so a reader never sees half a file.
void writeJsonAtomic(const nlohmann::json& doc, const std::string& path);

//! Parses the JSON file at `path`; InputError naming the file when missing or malformed, or
//! (requireSaneJson) nested too deep or holding a decimal number out of range.
nlohmann::json readJsonFile(const std::string& path, const std::string& what);

}  // namespace filmrecover::match
