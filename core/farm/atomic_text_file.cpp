#include "core/farm/atomic_text_file.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/exec/errors.h"

namespace filmrecover::farm {
namespace fs = std::filesystem;

void writeTextFileAtomic(const std::string& path, const std::string& text, bool executable) {
  const std::string temp = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::remove(temp.c_str());
      throw RunError("cannot write '" + path + "' (disk full or no permission).");
    }
  }
  if (executable) {
    std::error_code ec;
    fs::permissions(temp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec, ec);
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    std::remove(temp.c_str());
    throw RunError("cannot move the finished file into place at '" + path + "': " + ec.message());
  }
}

}  // namespace filmrecover::farm
