#pragma once
// What reading one frame gives, as data, for the integrity tests of every format.
#include <exception>

#include "core/io/frame_defect.h"
#include "core/io/frame_source.h"

namespace filmrecover::test {

//! The defect read() reports for `frame`, or a FrameDefect of kind "none" when it reads
//! (kind "wrong exception type" when it throws something else than a FrameDefectError).
inline FrameDefect defectReading(const FrameSource& source, int frame) {
  try {
    source.read(frame);
  } catch (const FrameDefectError& e) {
    return e.defect;
  } catch (const std::exception& e) {
    return {frame, "", "wrong exception type", e.what()};
  }
  return {frame, "", "none", ""};
}

}  // namespace filmrecover::test
