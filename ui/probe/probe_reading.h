#pragma once
// The values under the pointer, for A and B: stored values and displayed values.
#include <QString>
#include <array>

namespace filmrecover::ui {

//! One probe of one input.
struct ProbeSample {
  bool valid = false;                 //!< false when the pointer is outside this frame
  int x = 0, y = 0;                   //!< pixel in this input's frame
  std::array<float, 3> stored{};      //!< the frame's values
  std::array<float, 3> displayed{};   //!< after exposure, OCIO display transform and gamma
};

//! What the pixel probe shows.
struct ProbeReading {
  bool inside = false;
  int frame = 0;
  QString labelA, labelB;
  ProbeSample a, b;
};

}  // namespace filmrecover::ui
