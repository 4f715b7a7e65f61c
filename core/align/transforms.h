#pragma once
#include <array>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/image/image.h"

namespace filmrecover::align {

//! Flag of an alignment whose residual misregistration is above the limit.
inline const char* const kFlagHighResidual = "high-residual";
//! Flag of an alignment whose ECC correlation is below the limit (or ECC failed).
inline const char* const kFlagLowCorrelation = "low-correlation";
//! Flag of an alignment that could not be checked (too little texture to measure a residual).
inline const char* const kFlagUnverified = "unverified";

//! The alignment of one source frame's reference frame (one entry of transforms.json).
struct FrameTransform {
  int source = 0, reference = 0;       //!< frame numbers
  std::array<double, 9> matrix{1, 0, 0, 0, 1, 0, 0, 0, 1};  //!< reference pixel -> source pixel, row-major
  double correlation = 0;    //!< ECC correlation of the aligned pair (band-passed luma)
  double residual = 0;       //!< RMS misregistration left, source pixels (tile phase correlation)
  double inlierRatio = 0;    //!< share of textured tiles within half a pixel
  bool smoothed = false;     //!< the shot's smoothed transform was used (steady stretch)
  Rect crop;                 //!< largest rectangle of valid picture in both, this frame
  std::string flag;          //!< "" when usable, else kFlagHighResidual / kFlagLowCorrelation / kFlagUnverified
  std::string file;          //!< the aligned frame written
  bool flagged() const { return !flag.empty(); }
};

//! A mapped pair that was not aligned, and why.
struct SkippedPair {
  int source = 0, reference = 0;
  std::string reason;
  bool unreadable = false;  //!< a frame of the pair could not be read (reason names it): align exits 2
};

//! What align produced: transforms.json (see docs/matching.md).
struct Transforms {
  int version = 1;
  std::string source, reference, mapping, output, model;
  int width = 0, height = 0;       //!< source resolution (of the aligned frames)
  Rect sharedCrop;                 //!< valid in every aligned frame (captions excluded)
  std::vector<FrameTransform> frames;  //!< ascending source frame
  std::vector<SkippedPair> skipped;
  //! The entry of a source frame, or nullptr.
  const FrameTransform* forSource(int sourceFrame) const;
};

nlohmann::json transformsToJson(const Transforms& t);
Transforms transformsFromJson(const nlohmann::json& doc, const std::string& what = "transforms");
//! Writes transforms.json atomically.
void writeTransforms(const Transforms& t, const std::string& path);
//! Reads transforms.json; InputError naming the file when missing or malformed.
Transforms readTransforms(const std::string& path);

}  // namespace filmrecover::align
