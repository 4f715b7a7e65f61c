#pragma once
// Where output frames go: a pattern like the source patterns, one path per frame number.
#include <string>

namespace filmrecover {

//! An output pattern: "out.####.exr" (4 digits), "out.%04d.exr", "out.@.png" (unpadded),
//! "out.#.exr" (4 digits, OIIO's convention for a single #).
class OutputPattern {
 public:
  //! Throws InputError naming the pattern when it has no frame token.
  explicit OutputPattern(const std::string& pattern);
  //! Path of frame `frame` ("out.0007.exr", "out.-003.exr" for negatives).
  std::string pathFor(int frame) const;
  //! The pattern as given.
  std::string pattern() const;
  //! The printf-style form ("out.%04d.exr").
  std::string printfPattern() const;
  //! Digits of padding (1 for unpadded).
  int padding() const { return padding_; }

 private:
  std::string pattern_, prefix_, suffix_;
  int padding_ = 4;
};

//! True when `text` holds a frame token (#, @, %0Nd, %d).
bool hasFrameToken(const std::string& text);

}  // namespace filmrecover
