#pragma once
#include <string>

namespace filmrecover {

//! `text` made safe inside XML/HTML/SVG text and double- or single-quoted attribute values
//! (& < > " ' replaced by entities), for the report, its plots and farm job specs.
inline std::string escapeXml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace filmrecover
