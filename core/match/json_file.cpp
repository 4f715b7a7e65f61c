#include "core/match/json_file.h"

#include <filesystem>
#include <fstream>
#include <random>

#include "core/exec/errors.h"
#include "core/exec/json_guard.h"

namespace filmrecover::match {

namespace fs = std::filesystem;

void writeJsonAtomic(const nlohmann::json& doc, const std::string& path) {
  const fs::path target(path);
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path tmp = dir / ("." + target.filename().string() + ".tmp" +
                              std::to_string(std::random_device{}() % 1000000));
  {
    std::ofstream out(tmp);
    if (!out) throw RunError("cannot write " + tmp.string());
    out << doc.dump(1) << "\n";
    if (!out) throw RunError("cannot write " + tmp.string() + " (disk full?)");
  }
  fs::rename(tmp, target, ec);
  if (ec) throw RunError("cannot rename " + tmp.string() + " to " + path + ": " + ec.message());
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
