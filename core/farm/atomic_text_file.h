#pragma once
#include <string>

namespace filmrecover::farm {

//! Writes `text` to `path` through a temp file in the same folder and a rename, so a
//! scheduler never reads half a script. `executable` sets mode 0755. RunError on failure.
void writeTextFileAtomic(const std::string& path, const std::string& text, bool executable);

}  // namespace filmrecover::farm
