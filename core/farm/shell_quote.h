#pragma once
#include <string>
#include <vector>

namespace filmrecover::farm {

//! One argument quoted for POSIX sh: safe for paths with spaces, quotes and `$`.
std::string shellQuote(const std::string& arg);
//! The arguments quoted and joined by spaces.
std::string shellJoin(const std::vector<std::string>& args);

}  // namespace filmrecover::farm
