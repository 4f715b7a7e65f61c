#pragma once
// What can be wrong with one frame of a source, as data: named, kept in reports and the
// catalog, and thrown as an InputError by FrameSource::read.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/exec/errors.h"

namespace filmrecover {

//! The kinds of defect, as written in JSON, reports and the catalog.
namespace defect {
inline constexpr const char* kMissing = "missing";        //!< not on disk / not in the stream
inline constexpr const char* kUnreadable = "unreadable";  //!< empty file, garbage header, reader error
inline constexpr const char* kTruncated = "truncated";    //!< shorter than its header says
inline constexpr const char* kSize = "size";              //!< another width or height than the sequence
inline constexpr const char* kChannels = "channels";      //!< another channel count than the sequence
inline constexpr const char* kNonFinite = "non-finite";   //!< NaN or infinite pixel values
inline constexpr const char* kConcealed = "concealed";    //!< a movie frame the decoder had to patch up
}  // namespace defect

//! One defective frame: which, where, what and the sentence that names it.
struct FrameDefect {
  int frame = 0;
  std::string path;     //!< the file (sequences) or the movie
  std::string kind;     //!< one of defect::k*
  std::string message;  //!< one sentence naming frame and file
};
void to_json(nlohmann::json& j, const FrameDefect& d);
void from_json(const nlohmann::json& j, FrameDefect& d);

//! The error FrameSource::read throws for a defective frame (an InputError, so every
//! caller that names bad input keeps working), carrying the defect as data.
struct FrameDefectError : InputError {
  explicit FrameDefectError(FrameDefect d) : InputError(d.message), defect(std::move(d)) {}
  FrameDefect defect;
};

//! The defect behind an exception thrown while reading `frame` of `path`: the carried one
//! for a FrameDefectError, else an "unreadable" defect with the exception's text.
FrameDefect defectOf(const std::exception& e, int frame, const std::string& path);

//! "3 frames skipped: 12 (truncated), 40-41 (missing)": one line for logs and summaries.
std::string defectSummary(const std::vector<FrameDefect>& defects);

}  // namespace filmrecover
