#pragma once
#include <algorithm>
#include <cmath>

namespace filmrecover::grade {

//! The 1D log pre-space of a Lut3D: s(x) = log(1 + a x) / log(1 + a) on [0,1], which maps
//! 0→0 and 1→1 and stretches the shadows by a / log(1 + a) near black (a = 6: 3.1x, so
//! the lattice holds about three times the nodes there). a = 0 is the identity. Input is clamped to [0,1] (the lattice domain), NaN counts as 0.
class LogShaper {
 public:
  //! `strength` is a >= 0.
  explicit LogShaper(float strength) : a_(std::max(0.0f, strength)), norm_(norm(a_)) {}

  //! Display value → lattice coordinate in [0,1].
  float forward(float x) const {
    // NaN (a damaged float frame) goes to black: clamp passes NaN through, and a NaN
    // lattice coordinate cast to an index reads outside the table (found by fuzz_cube).
    x = std::isnan(x) ? 0.0f : std::clamp(x, 0.0f, 1.0f);
    if (a_ <= 0.0f) return x;
    return static_cast<float>(std::log1p(static_cast<double>(a_) * x) / norm_);
  }
  //! Lattice coordinate in [0,1] → display value.
  float inverse(float s) const {
    s = std::isnan(s) ? 0.0f : std::clamp(s, 0.0f, 1.0f);
    if (a_ <= 0.0f) return s;
    return static_cast<float>(std::expm1(static_cast<double>(s) * norm_) / a_);
  }

 private:
  static double norm(float a) { return a > 0.0f ? std::log1p(static_cast<double>(a)) : 1.0; }
  float a_;
  double norm_;
};

}  // namespace filmrecover::grade
