#pragma once
#include <string>
#include <vector>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/match/frame_access.h"
#include "core/match/frame_descriptor.h"

namespace filmrecover::match {

//! The descriptors of every frame of one element, with the picture area they were taken
//! from. Extracted once per element and cached on disk (see loadOrExtractDescriptors).
struct DescriptorSet {
  int width = 0, height = 0;           //!< full resolution of the element
  Rect activeArea;                     //!< picture area (borders removed), full-res pixels
  std::vector<FrameDescriptor> frames; //!< one per existing frame, ascending frame numbers
};

//! Picture area of an element from ~`samples` frames spread over it (black borders,
//! letterbox and pillarbox removed).
Rect detectElementActiveArea(const FrameAccess& access, int samples = 24);

//! Reads every frame of `access` (on `threads` threads, 0 = all cores) and describes it.
DescriptorSet extractDescriptors(const FrameAccess& access, int threads, const CancelToken& cancel,
                                 const ProgressCallback& progress, const std::string& stage);

//! Writes `set` to `path` atomically (binary, versioned).
void saveDescriptors(const DescriptorSet& set, const std::string& path);
//! Reads a set written by saveDescriptors; false when missing, of another version or corrupt.
bool loadDescriptors(const std::string& path, DescriptorSet& set);

//! The cached set of `access` from `cacheDir` when its key matches, else extracts and
//! stores it there (no caching when `cacheDir` or the access's cacheKey is empty).
DescriptorSet loadOrExtractDescriptors(const FrameAccess& access, const std::string& cacheDir,
                                       int threads, const CancelToken& cancel,
                                       const ProgressCallback& progress, const std::string& stage);

}  // namespace filmrecover::match
