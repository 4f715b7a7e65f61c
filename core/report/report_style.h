#pragma once
#include <string>

namespace filmrecover::report {

//! The report's CSS: a print-friendly A4-ish layout, tables, figure grid, the no-script
//! wipe comparison (a CSS `resize: horizontal` overlay the reader drags).
const std::string& reportStyleSheet();

}  // namespace filmrecover::report
