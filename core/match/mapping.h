#pragma once
#include <array>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/io/frame_defect.h"

#include "core/image/image.h"

namespace filmrecover::match {

//! Flag of a pair whose pictures are probably not the same (low similarity for its shot).
inline const char* const kFlagLowConfidence = "low-confidence";
//! Flag of a pair whose reference (or source) frame is woven from two fields of different
//! moments (3:2 pulldown, interlaced telecine): half of its lines show another picture.
inline const char* const kFlagInterlaced = "interlaced";

//! One source frame and the reference frame that shows the same picture.
struct FramePair {
  int source = 0;           //!< source frame number
  int reference = 0;        //!< reference frame number
  float confidence = 0;     //!< fine similarity of the two pictures, 0..1 (see docs/matching.md)
  std::string flag;         //!< "" when usable, else kFlagLowConfidence / kFlagInterlaced
  bool flagged() const { return !flag.empty(); }
};

//! Inclusive range of frame numbers.
struct FrameRange {
  int first = 0, last = 0;
  bool operator==(const FrameRange& o) const { return first == o.first && last == o.last; }
};

//! A stretch where both elements run continuously (no cut or gap): the straight line
//! reference = rate * source + offset fits its pairs.
struct MatchedSegment {
  FrameRange source;     //!< source frames covered
  FrameRange reference;  //!< reference frames covered
  double rate = 1;       //!< reference frames per source frame
  double offset = 0;     //!< reference frame at source frame 0 on that line
};

//! The temporal overlap of two elements: what mapping.json holds (see docs/matching.md).
struct Mapping {
  int version = 1;                       //!< format version of mapping.json
  std::string source, reference;         //!< the two specs as given
  int sourceWidth = 0, sourceHeight = 0;
  int referenceWidth = 0, referenceHeight = 0;
  Rect sourceActiveArea, referenceActiveArea;  //!< picture areas found (borders removed)
  double sourceFrameRate = 0, referenceFrameRate = 0;  //!< from metadata, 0 when unknown
  std::vector<FramePair> pairs;          //!< ascending source frame, at most one per source frame
  std::vector<FrameRange> unmatchedSource;     //!< source frames with no pair
  std::vector<FrameRange> unmatchedReference;  //!< reference frames showing no source picture
  std::vector<int> sourceCuts, referenceCuts;  //!< first frame of each shot after the first
  std::vector<MatchedSegment> segments;  //!< continuous stretches, in order
  double rateRatio = 1;                  //!< reference frames per source frame (median of segments)
  double offset = 0;                     //!< reference frame at source frame 0 (longest segment)
  std::string timecodeHint;              //!< how timecode metadata was used, "" when not
  //! Where the source's picture lies in the reference: 3x3 row-major matrix taking source
  //! pixel coordinates to reference pixel coordinates (pixel centres at integers), found
  //! while matching; alignment starts from it. Valid when hasFraming.
  std::array<double, 9> framing{1, 0, 0, 0, 1, 0, 0, 0, 1};
  bool hasFraming = false;
  //! Frames that could not be read and were matched around like missing ones (truncated,
  //! corrupt, another size, NaN/Inf ...), each named; "defects" in mapping.json when any.
  std::vector<FrameDefect> sourceDefects, referenceDefects;

  //! Pairs that carry no flag: the ones later stages may use.
  std::vector<FramePair> usablePairs() const;
  //! The pair of a source frame, or nullptr.
  const FramePair* pairForSource(int sourceFrame) const;
};

//! mapping.json as a JSON document, and back (throws InputError naming what is wrong).
nlohmann::json mappingToJson(const Mapping& mapping);
Mapping mappingFromJson(const nlohmann::json& doc, const std::string& what = "mapping");

//! Writes mapping.json atomically (temporary file in the same folder, then rename).
void writeMapping(const Mapping& mapping, const std::string& path);
//! Reads mapping.json; InputError naming the file when it is missing or malformed.
Mapping readMapping(const std::string& path);
//! The source's cuts (first frames of shots) of the mapping at `path`; none when there is no
//! mapping there (a project not matched yet). InputError when it is malformed.
std::vector<int> sourceCutsIn(const std::string& path);

//! Consecutive runs of `frames` (ascending) as inclusive ranges.
std::vector<FrameRange> rangesOf(const std::vector<int>& frames);

}  // namespace filmrecover::match
