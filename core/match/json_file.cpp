#include "core/match/json_file.h"

#include <filesystem>
#include <fstream>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"
#include "core/exec/json_guard.h"

namespace filmrecover::match {

namespace fs = std::filesystem;

void writeJsonAtomic(const nlohmann::json& doc, const std::string& path) {
  writeFileAtomic(path, doc.dump(1) + "\n");
}

nlohmann::json readJsonFile(const std::string& path, const std::string& what) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read " + what + " " + path);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    throw InputError(what + " " + path + " is not valid JSON (" + e.what() + ")");
  }
  requireSaneJson(doc, what + " " + path);
  return doc;
}

}  // namespace filmrecover::match
