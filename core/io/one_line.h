#pragma once
// Library error texts (OIIO, FFmpeg) may span lines; our messages are one sentence.
#include <string>

namespace filmrecover {

//! `text` with line breaks joined by "; ", trailing spaces and full stops trimmed.
inline std::string oneLine(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
      const bool joined = out.size() >= 2 && out.compare(out.size() - 2, 2, "; ") == 0;
      if (!out.empty() && !joined) out += "; ";
    } else {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ';' || out.back() == '.')) out.pop_back();
  return out;
}

}  // namespace filmrecover
