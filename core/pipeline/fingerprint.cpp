#include "core/pipeline/fingerprint.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "core/io/frame_source.h"

namespace filmrecover::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

std::string hashText(const std::string& text) {
  unsigned long long h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", h);
  return buf;
}

std::string hashJson(const json& doc) { return hashText(doc.dump()); }

json fileFingerprint(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return json::object();
  const auto mtime = fs::last_write_time(path, ec);
  const long long ticks = ec ? 0 : static_cast<long long>(mtime.time_since_epoch().count());
  return {{"size", static_cast<long long>(size)}, {"mtime", ticks}};
}

json sourceFingerprint(const FrameSource& source) {
  const auto& info = source.info();
  json doc = {{"spec", info.spec}, {"width", info.width}, {"height", info.height}, {"count", info.frames.size()},
              {"missing", info.missing.size()}};
  if (!info.frames.empty()) {
    doc["first"] = info.frames.front();
    doc["last"] = info.frames.back();
    if (info.kind == "movie") {
      doc["file"] = fileFingerprint(info.pattern);
    } else {
      json files = json::array();
      for (int f : {info.frames.front(), info.frames[info.frames.size() / 2], info.frames.back()})
        files.push_back(fileFingerprint(source.framePath(f)));
      doc["files"] = files;
    }
  }
  return doc;
}

}  // namespace filmrecover::pipeline
