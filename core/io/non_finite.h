#pragma once
// NaN and infinite samples: a float or half frame holding them would poison a network's
// output (and every statistic) without a word.
#include <cstddef>
#include <vector>

namespace filmrecover {

struct NonFiniteCount {
  std::size_t count = 0;     //!< samples that are NaN or infinite
  int firstX = 0, firstY = 0;  //!< pixel of the first one, in reading order
};

//! Counts non-finite samples of an interleaved buffer `width` pixels wide.
NonFiniteCount countNonFinite(const std::vector<float>& samples, int width, int channels);

}  // namespace filmrecover
