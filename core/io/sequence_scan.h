#pragma once
// Finding the files of an image sequence on disk: one folder listing, no per-frame stat.
#include <string>
#include <vector>

namespace filmrecover {

//! The files of one sequence found in a folder.
struct ScannedSequence {
  std::string folder;           //!< "" for the current folder
  std::string prefix, suffix;   //!< file name around the frame number
  int padding = 1;              //!< digits of the shortest frame number
  std::vector<int> frames;      //!< ascending
  std::vector<std::string> files; //!< full paths, aligned with frames
};

//! Files in `folder` named prefix + frame number + suffix. With padding > 1 the number has
//! exactly `padding` digits or more without a leading zero; with padding 1 any digits
//! without a leading zero. Throws InputError when the folder does not exist.
ScannedSequence scanSequence(const std::string& folder, const std::string& prefix, const std::string& suffix,
                             int padding);

//! Every numbered image sequence in `folder` (hidden files and non-image files ignored);
//! un-numbered image files count as one-frame sequences (frame 1). Throws InputError when
//! the folder cannot be listed.
std::vector<ScannedSequence> scanFolder(const std::string& folder);

//! "prefix####suffix" style display name of a scanned sequence (without the folder).
std::string displayName(const ScannedSequence& s);

}  // namespace filmrecover
