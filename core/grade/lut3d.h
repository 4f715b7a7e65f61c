#pragma once
#include <array>
#include <string>
#include <vector>

#include "core/image/image.h"

namespace filmrecover::grade {

//! A 3D colour lookup table on a regular lattice, optionally behind a log pre-space.
//!
//! Input RGB (display-referred, clamped to [0,1]) first goes through the 1D shaper
//! `LogShaper(shaperStrength)` (identity when the strength is 0), then indexes the lattice
//! with trilinear interpolation. The log pre-space spends more lattice nodes on the
//! shadows, where a fade moves colours most per code value. `table` holds `size`^3 RGB
//! triplets, red index fastest, then green, then blue (the .cube order).
struct Lut3D {
  int size = 0;                //!< nodes per axis (e.g. 33 or 65)
  float shaperStrength = 0.0f; //!< a in log(1 + a x) / log(1 + a); 0 = no pre-space
  std::vector<float> table;    //!< size^3 * 3 floats, red fastest
  std::string title;           //!< free text kept in the .cube TITLE line

  //! An identity table of `n` nodes per axis with the given pre-space.
  static Lut3D identity(int n, float shaperStrength = 0.0f);

  //! Index of node (r, g, b) in nodes (multiply by 3 for `table`).
  size_t node(int r, int g, int b) const {
    return (static_cast<size_t>(b) * size + g) * size + r;
  }
  //! True when the lattice is usable (size >= 2, table filled).
  bool valid() const;
  //! Looks up one colour.
  std::array<float, 3> apply(float r, float g, float b) const;
};

//! Applies `lut` to every pixel of `image` (3 or more channels; extra channels copied).
//! Runs on `threads` threads (0 = hardware concurrency).
Image applyLut(const Lut3D& lut, const Image& image, int threads = 0);

//! The same LUT resampled without pre-space onto a uniform lattice of `size` nodes, as
//! needed by grading systems that read plain .cube files. Exact at the new nodes; between
//! them it differs from `lut` only by the interpolation of the new lattice.
Lut3D resampleToUniform(const Lut3D& lut, int size);

}  // namespace filmrecover::grade
