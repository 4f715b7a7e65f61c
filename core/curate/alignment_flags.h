#pragma once
#include <map>
#include <string>

#include "core/image/image.h"

namespace filmrecover::curate {

//! What curation needs from the align stage's transforms.json: per source frame, why its
//! alignment must not be used ("" entries are left out), and the shared crop.
struct AlignmentFlags {
  std::map<int, std::string> flags;  //!< source frame -> reason
  Rect crop;                         //!< shared crop; empty when the file has none
  bool found = false;                //!< false when there was no file to read
};

//! Reads transforms.json tolerantly: a top-level array or an object with "frames" /
//! "transforms" holding entries with "frame" or "source", and "flag" (text) or "flagged"
//! (bool, with "reason"); the crop from "crop" / "sharedCrop" ({x0,y0,x1,y1} or
//! {x,y,width,height}). A missing file gives found = false; a malformed one InputError.
AlignmentFlags readAlignmentFlags(const std::string& path);

}  // namespace filmrecover::curate
