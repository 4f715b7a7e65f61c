#include "core/grade/cube_file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"

namespace filmrecover::grade {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace

void writeCube(const Lut3D& input, const std::string& path, const std::vector<std::string>& comments) {
  if (!input.valid()) throw RunError("cannot write " + path + ": the 3D LUT is empty.");
  const Lut3D lut = input.shaperStrength > 0.0f ? resampleToUniform(input, input.size) : input;
  namespace fs = std::filesystem;
  std::ostringstream out;
  {
    for (const auto& c : comments) out << "# " << c << "\n";
    std::string title = input.title.empty() ? "filmrecover" : input.title;
    for (auto& ch : title)
      if (ch == '"' || ch == '\n') ch = ' ';
    out << "TITLE \"" << title << "\"\n";
    out << "LUT_3D_SIZE " << lut.size << "\n";
    out << "DOMAIN_MIN 0.0 0.0 0.0\nDOMAIN_MAX 1.0 1.0 1.0\n";
    char line[96];
    for (size_t i = 0; i < lut.table.size(); i += 3) {
      std::snprintf(line, sizeof line, "%.7f %.7f %.7f\n", lut.table[i], lut.table[i + 1], lut.table[i + 2]);
      out << line;
    }
  }
  writeFileAtomic(path, out.str());
}

Lut3D readCube(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read the LUT " + path + ": the file is missing or unreadable.");
  Lut3D lut;
  std::string raw;
  int lineNo = 0;
  size_t expected = 0;
  const auto fail = [&](const std::string& why) {
    throw InputError("the LUT " + path + " line " + std::to_string(lineNo) + " " + why + ".");
  };
  while (std::getline(in, raw)) {
    ++lineNo;
    const std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string key;
    words >> key;
    if (key == "TITLE") {
      const auto q0 = line.find('"'), q1 = line.rfind('"');
      lut.title = q0 != std::string::npos && q1 > q0 ? line.substr(q0 + 1, q1 - q0 - 1) : "";
    } else if (key == "LUT_3D_SIZE") {
      if (!(words >> lut.size) || lut.size < 2 || lut.size > 256) fail("has an invalid LUT_3D_SIZE");
      expected = static_cast<size_t>(lut.size) * lut.size * lut.size * 3;
      lut.table.reserve(expected);
    } else if (key == "LUT_1D_SIZE") {
      fail("declares a 1D LUT, which is not supported (3D .cube files only)");
    } else if (key == "DOMAIN_MIN" || key == "DOMAIN_MAX" || key == "LUT_3D_INPUT_RANGE") {
      double a = 0, b = 0, c = 0;
      words >> a >> b;
      if (key != "LUT_3D_INPUT_RANGE") words >> c; else c = b;
      const double want = key == "DOMAIN_MIN" ? 0.0 : 1.0;
      if (key == "LUT_3D_INPUT_RANGE") {
        if (a != 0.0 || b != 1.0) fail("has an input range other than 0..1, which is not supported");
      } else if (a != want || b != want || c != want) {
        fail("has a domain other than 0..1, which is not supported");
      }
    } else if ((key[0] >= '0' && key[0] <= '9') || key[0] == '-' || key[0] == '+' || key[0] == '.') {
      if (expected == 0) fail("has table values before LUT_3D_SIZE");
      std::istringstream nums(line);
      float v[3];
      if (!(nums >> v[0] >> v[1] >> v[2])) fail("does not hold three numbers");
      if (lut.table.size() >= expected) fail("holds more table rows than LUT_3D_SIZE says");
      lut.table.insert(lut.table.end(), v, v + 3);
    } else {
      fail("has an unknown keyword '" + key + "'");
    }
  }
  if (expected == 0) throw InputError("the LUT " + path + " has no LUT_3D_SIZE line.");
  if (lut.table.size() != expected)
    throw InputError("the LUT " + path + " holds " + std::to_string(lut.table.size() / 3) + " rows, but LUT_3D_SIZE " +
                     std::to_string(lut.size) + " needs " + std::to_string(expected / 3) + ".");
  return lut;
}

}  // namespace filmrecover::grade
