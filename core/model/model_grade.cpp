#include "core/model/model_grade.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/exec/errors.h"

namespace filmrecover {

namespace {
constexpr int kMaxGradeSize = 129;
}

bool ModelGrade::valid() const {
  if (size < 2 || size > kMaxGradeSize || !std::isfinite(shaperStrength) || shaperStrength < 0) return false;
  if (table.size() != static_cast<size_t>(size) * size * size * 3) return false;
  for (float v : table)
    if (!std::isfinite(v)) return false;
  return true;
}

std::string gradeBlob(const ModelGrade& grade) {
  std::string bytes(grade.table.size() * 4, '\0');
  for (size_t i = 0; i < grade.table.size(); ++i) {
    std::uint32_t u = 0;
    std::memcpy(&u, &grade.table[i], 4);
    for (int b = 0; b < 4; ++b) bytes[i * 4 + b] = static_cast<char>((u >> (8 * b)) & 0xff);
  }
  return bytes;
}

ModelGrade gradeFromBlob(const nlohmann::json& d, const std::string& blob, const std::string& path) {
  const auto corrupt = [&](const std::string& why) {
    return InputError("model file '" + path + "' is corrupt (its grade " + why + ").");
  };
  if (!d.is_object() || !d.contains("size") || !d["size"].is_number_integer() || !d.contains("shaperStrength") ||
      !d["shaperStrength"].is_number())
    throw corrupt("description has no size and pre-space");
  ModelGrade g;
  const long long size = d["size"].get<long long>();
  if (size < 2 || size > kMaxGradeSize) throw corrupt("has " + std::to_string(size) + " nodes per axis");
  g.size = static_cast<int>(size);
  g.shaperStrength = d["shaperStrength"].get<float>();
  const size_t values = static_cast<size_t>(size) * size * size * 3;
  if (blob.size() != values * 4)
    throw corrupt("table holds " + std::to_string(blob.size()) + " bytes, " + std::to_string(values * 4) +
                  " expected");
  g.table.resize(values);
  for (size_t i = 0; i < values; ++i) {
    std::uint32_t u = 0;
    for (int b = 0; b < 4; ++b) u |= static_cast<std::uint32_t>(static_cast<unsigned char>(blob[i * 4 + b])) << (8 * b);
    std::memcpy(&g.table[i], &u, 4);
  }
  if (!g.valid()) throw corrupt("holds a value that is not a finite number, or a negative pre-space");
  return g;
}

nlohmann::json describeGrade(const ModelGrade& grade, const nlohmann::json& fit) {
  return {{"kind", "match-grade 3D LUT, applied to the source before the network"},
          {"size", grade.size},
          {"shaperStrength", grade.shaperStrength},
          {"fit", fit}};
}

}  // namespace filmrecover
