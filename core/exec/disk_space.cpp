#include "core/exec/disk_space.h"

#include <filesystem>

namespace filmrecover {

namespace fs = std::filesystem;

namespace {

fs::path existingFolderOf(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  while (!p.empty() && !fs::is_directory(p, ec)) {
    if (p == p.parent_path()) break;
    p = p.parent_path();
  }
  return p;
}

}  // namespace

std::uintmax_t freeBytesAt(const std::string& path) {
  std::error_code ec;
  const fs::space_info info = fs::space(existingFolderOf(path), ec);
  return ec ? UINTMAX_MAX : info.available;
}

std::string noSpaceNote(const std::string& path, std::uintmax_t needed) {
  const std::uintmax_t free = freeBytesAt(path);
  if (free == UINTMAX_MAX || free >= needed) return {};
  return "no space left on the disk holding '" + existingFolderOf(path).string() + "' (" + std::to_string(free) +
         " bytes free)";
}

}  // namespace filmrecover
