#include "core/io/sequence_scan.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <numeric>

#include "core/exec/errors.h"
#include "core/io/frame_source.h"

namespace filmrecover {

namespace fs = std::filesystem;

namespace {

bool allDigits(const std::string& s, size_t from, size_t to) {
  if (from >= to) return false;
  for (size_t i = from; i < to; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// Parses the frame number text between prefix and suffix; false when it does not fit the padding.
bool frameNumber(const std::string& text, int padding, int& frame) {
  const bool negative = !text.empty() && text[0] == '-';
  const size_t start = negative ? 1 : 0;
  if (!allDigits(text, start, text.size()) || text.size() - start > 9) return false;
  const size_t digits = text.size() - start;
  const bool leadingZero = digits > 1 && text[start] == '0';
  // printf("%04d") counts the sign as a digit: -1 is "-001".
  const size_t width = text.size();
  if (padding > 1) {
    if (width < static_cast<size_t>(padding)) return false;
    if (width > static_cast<size_t>(padding) && leadingZero) return false;
  } else if (leadingZero) {
    return false;
  }
  frame = std::stoi(text);
  return true;
}

std::vector<std::string> listFiles(const std::string& folder) {
  std::error_code ec;
  const fs::path dir = folder.empty() ? fs::path(".") : fs::path(folder);
  if (!fs::is_directory(dir, ec)) throw InputError("folder '" + folder + "' does not exist");
  std::vector<std::string> names;
  fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) throw InputError("folder '" + folder + "' cannot be read: " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) throw InputError("folder '" + folder + "' cannot be read: " + ec.message());
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;  // hidden, including our own temp files
    std::error_code typeEc;
    if (it->is_directory(typeEc)) continue;
    names.push_back(name);
  }
  return names;
}

std::string join(const std::string& folder, const std::string& name) {
  return folder.empty() ? name : (fs::path(folder) / name).string();
}

void sortByFrame(ScannedSequence& s) {
  std::vector<size_t> order(s.frames.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return s.frames[a] < s.frames[b]; });
  ScannedSequence sorted = s;
  for (size_t i = 0; i < order.size(); ++i) {
    sorted.frames[i] = s.frames[order[i]];
    sorted.files[i] = s.files[order[i]];
  }
  s = std::move(sorted);
}

}  // namespace

ScannedSequence scanSequence(const std::string& folder, const std::string& prefix, const std::string& suffix,
                             int padding) {
  ScannedSequence s;
  s.folder = folder;
  s.prefix = prefix;
  s.suffix = suffix;
  s.padding = padding;
  for (const std::string& name : listFiles(folder)) {
    if (name.size() <= prefix.size() + suffix.size()) continue;
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    if (name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    int frame = 0;
    if (!frameNumber(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()), padding, frame))
      continue;
    s.frames.push_back(frame);
    s.files.push_back(join(folder, name));
  }
  sortByFrame(s);
  return s;
}

std::vector<ScannedSequence> scanFolder(const std::string& folder) {
  std::map<std::pair<std::string, std::string>, ScannedSequence> groups;
  for (const std::string& name : listFiles(folder)) {
    if (!isImageFile(name)) continue;
    const size_t dot = name.find_last_of('.');
    const std::string stem = name.substr(0, dot);
    size_t end = stem.size();
    while (end > 0 && !std::isdigit(static_cast<unsigned char>(stem[end - 1]))) --end;
    size_t begin = end;
    while (begin > 0 && std::isdigit(static_cast<unsigned char>(stem[begin - 1]))) --begin;
    ScannedSequence* s = nullptr;
    int frame = 1;
    std::string digits;
    if (begin == end || end - begin > 9) {
      // No frame number: a still image, its own one-frame "sequence".
      s = &groups[{name, ""}];
      s->prefix = name;
      s->padding = 0;
    } else {
      digits = stem.substr(begin, end - begin);
      frame = std::stoi(digits);
      const std::string prefix = name.substr(0, begin), suffix = name.substr(end);
      s = &groups[{prefix, suffix}];
      s->prefix = prefix;
      s->suffix = suffix;
    }
    s->folder = folder;
    s->frames.push_back(frame);
    s->files.push_back(join(folder, name));
    const int width = static_cast<int>(digits.size());
    if (!digits.empty() && (s->frames.size() == 1 || width < s->padding)) s->padding = width;
  }
  std::vector<ScannedSequence> out;
  for (auto& entry : groups) {
    ScannedSequence& s = entry.second;
    sortByFrame(s);
    out.push_back(std::move(s));
  }
  return out;
}

std::string displayName(const ScannedSequence& s) {
  if (s.padding == 0) return s.prefix;
  return s.prefix + (s.padding > 1 ? std::string(static_cast<size_t>(s.padding), '#') : std::string("@")) + s.suffix;
}

}  // namespace filmrecover
