#include "core/io/frame_set.h"

#include <cctype>
#include <cstdlib>

#include "core/exec/errors.h"

namespace filmrecover {
namespace {

// A frame set is large enough to be a mistake past this many frames (a typo like 1-10000000).
constexpr long long kMaxFrames = 10'000'000;

[[noreturn]] void bad(const std::string& spec, const std::string& why) {
  throw InputError("bad frame set '" + spec + "': " + why + " (expected e.g. 1001-1100, 1-100x2, 5,9,12-20)");
}

// Reads an optionally signed integer at text[pos...]; advances pos.
bool readInt(const std::string& text, size_t& pos, long long& value) {
  size_t p = pos;
  bool negative = false;
  if (p < text.size() && (text[p] == '-' || text[p] == '+')) {
    negative = text[p] == '-';
    ++p;
  }
  if (p >= text.size() || !std::isdigit(static_cast<unsigned char>(text[p]))) return false;
  long long v = 0;
  while (p < text.size() && std::isdigit(static_cast<unsigned char>(text[p]))) {
    v = v * 10 + (text[p] - '0');
    if (v > 1'000'000'000LL) return false;
    ++p;
  }
  value = negative ? -v : v;
  pos = p;
  return true;
}

void appendRange(const std::string& spec, const std::string& part, std::vector<int>& out) {
  size_t pos = 0;
  long long first = 0;
  if (!readInt(part, pos, first)) bad(spec, "'" + part + "' is not a frame number or range");
  if (pos == part.size()) {
    out.push_back(static_cast<int>(first));
    return;
  }
  if (part[pos] != '-') bad(spec, "unexpected '" + part.substr(pos) + "'");
  ++pos;
  long long last = 0;
  if (!readInt(part, pos, last)) bad(spec, "'" + part + "' has no end frame");
  long long step = 1;
  bool complement = false;
  if (pos < part.size()) {
    if (part[pos] != 'x' && part[pos] != 'y') bad(spec, "unexpected '" + part.substr(pos) + "'");
    complement = part[pos] == 'y';
    ++pos;
    if (!readInt(part, pos, step) || pos != part.size()) bad(spec, "'" + part + "' has a bad step");
    if (step == 0) bad(spec, "a step of 0 in '" + part + "'");
  }
  const long long absStep = std::llabs(step);
  const long long count = std::llabs(last - first) + 1;
  if (count > kMaxFrames) bad(spec, "'" + part + "' names more than 10 million frames");
  // Refused before appending: "1-10000000,1-10000000" used to build 20 million frames first
  // (seconds under the fuzzers' sanitizers, where it timed out on a loaded machine).
  const long long stepped = (count + absStep - 1) / absStep;
  const long long kept = complement ? count - stepped : stepped;
  if (static_cast<long long>(out.size()) + kept > kMaxFrames) bad(spec, "it names more than 10 million frames");
  const long long dir = last >= first ? 1 : -1;
  // A negative step walks the range from its other end, as oiiotool does.
  const long long start = step < 0 ? last : first;
  const long long walk = step < 0 ? -dir : dir;
  for (long long i = 0; i < count; ++i) {
    const long long f = start + walk * i;
    const bool onStep = (i % absStep) == 0;
    if (onStep != complement) out.push_back(static_cast<int>(f));
  }
}

}  // namespace

std::vector<int> parseFrameSet(const std::string& spec) {
  std::string text;
  for (char c : spec)
    if (!std::isspace(static_cast<unsigned char>(c))) text += c;
  if (text.empty()) bad(spec, "it is empty");
  std::vector<int> frames;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (part.empty()) bad(spec, "an empty item between commas");
    appendRange(spec, part, frames);
    if (frames.size() > static_cast<size_t>(kMaxFrames)) bad(spec, "it names more than 10 million frames");
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return frames;
}

std::string formatFrameSet(const std::vector<int>& frames) {
  std::string out;
  size_t i = 0;
  const auto emit = [&out](const std::string& item) {
    if (!out.empty()) out += ',';
    out += item;
  };
  while (i < frames.size()) {
    // Longest run from i with a constant step of +-1 (any length >= 2) or another step (length >= 3).
    size_t j = i + 1;
    long long step = 0;
    if (j < frames.size()) {
      step = static_cast<long long>(frames[j]) - frames[i];
      while (j + 1 < frames.size() && static_cast<long long>(frames[j + 1]) - frames[j] == step) ++j;
    }
    const size_t runLength = j < frames.size() ? j - i + 1 : 1;
    const bool unit = step == 1 || step == -1;
    if (step != 0 && ((unit && runLength >= 2) || runLength >= 3)) {
      std::string item = std::to_string(frames[i]) + "-" + std::to_string(frames[j]);
      if (!unit) item += "x" + std::to_string(std::llabs(step));
      emit(item);
      i = j + 1;
    } else {
      emit(std::to_string(frames[i]));
      ++i;
    }
  }
  return out;
}

}  // namespace filmrecover
