#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace filmrecover {

//! Grade, then refine: the colour grade a model applies to its input before the network, a
//! 3D LUT as core/grade fits it (Lut3D: a lattice of `size`^3 RGB nodes, red fastest, behind
//! the log pre-space log(1 + a x) / log(1 + a) with a = `shaperStrength`, trilinear between
//! nodes). The network then learns only the correction on top of the graded colour. The
//! table travels in the model file as its "grade" blob (float32, checksummed and sealed like
//! the weights); ModelInfo::grade describes it.
struct ModelGrade {
  int size = 0;                 //!< nodes per axis; 0 = no grade
  float shaperStrength = 0.0f;  //!< the log pre-space's a (0 = none)
  std::vector<float> table;     //!< size^3 * 3 floats, red fastest, then green, then blue

  bool empty() const { return size == 0; }
  //! True when the lattice is usable: 2 <= size <= 129, the table filled, every value finite.
  bool valid() const;
};

//! The table as the model file's "grade" blob: float32, little-endian.
std::string gradeBlob(const ModelGrade& grade);

//! The grade of a model file from its ModelInfo::grade description and "grade" blob. Throws
//! InputError naming `path` when the description or the blob's size do not fit, or a value
//! is not finite.
ModelGrade gradeFromBlob(const nlohmann::json& description, const std::string& blob, const std::string& path);

//! The description ModelInfo::grade holds: {"kind", "size", "shaperStrength"} and `fit`
//! (how and on what the grade was fitted: frames, samples, RMS error ...).
nlohmann::json describeGrade(const ModelGrade& grade, const nlohmann::json& fit);

}  // namespace filmrecover
