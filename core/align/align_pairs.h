#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/align/registration.h"
#include "core/align/transforms.h"
#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/match/frame_access.h"
#include "core/match/mapping.h"

namespace filmrecover::align {

//! Settings of align (see docs/matching.md).
struct AlignOptions {
  RegistrationOptions registration;  //!< model and ECC pyramid
  double maxResidual = 0.5;          //!< residual (px) above this flags "high-residual"
  double minCorrelation = 0.5;       //!< ECC correlation below this flags "low-correlation"
  double minInlierRatio = 0.75;      //!< share of tiles within half a pixel below this flags "high-residual"
  bool includeFlaggedPairs = false;  //!< align pairs the mapping flagged too (kept flagged in skipped otherwise)
  std::vector<int> frames;           //!< source frames to align (empty = every mapped frame)
  int smoothWindow = 9;              //!< frames of the moving median along a shot
  double steadyThreshold = 0.3;      //!< px: a stretch whose per-frame transforms stay this close to
                                     //!< their smoothed curve is steady and uses the smoothed one
  WriteOptions write;                //!< format from the pattern's extension; EXR half by default
  std::string transformsPath;        //!< default: transforms.json beside the aligned frames
  std::string mappingPath;           //!< recorded in transforms.json
  int threads = 0;                   //!< 0 = all cores
};

//! Registers every usable mapped pair's reference frame onto its source frame and writes
//! the aligned reference frames at the source's resolution and numbering (`outputPattern`),
//! transforms.json (per frame: matrix, ECC correlation, residual, inlier ratio, crop, flag)
//! and the shared crop. Three passes: register each pair (from the mapping's framing);
//! smooth along each shot where the motion is steady (per-frame where it weaves); warp,
//! check (residual by tile phase correlation) and write. Frames already written with an
//! entry in an existing transforms.json are kept (resume). Progress stages: "register",
//! "align". Throws InputError for a bad pattern or unreadable frame, CancelledError on cancel
//! (finished frames stay, with their entries checkpointed in transforms.json).
Transforms alignPairs(const match::FrameAccess& source, const match::FrameAccess& reference,
                      const match::Mapping& mapping, const std::string& outputPattern, const AlignOptions& options,
                      const CancelToken& cancel = {}, const ProgressCallback& progress = {});

//! The same from two io sources.
Transforms alignPairs(std::shared_ptr<FrameSource> source, std::shared_ptr<FrameSource> reference,
                      const match::Mapping& mapping, const std::string& outputPattern, const AlignOptions& options,
                      const CancelToken& cancel = {}, const ProgressCallback& progress = {});

//! transforms.json beside the frames of `outputPattern`.
std::string defaultTransformsPath(const std::string& outputPattern);

}  // namespace filmrecover::align
