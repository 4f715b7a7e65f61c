#pragma once
// Telling a full disk from other write failures: OIIO's and the streams' errors do not say
// why a write failed, and a full disk is the one failure a restorer can fix in a minute.
#include <cstdint>
#include <string>

namespace filmrecover {

//! Bytes free for this user on the disk holding `path` (a file or folder; the nearest
//! existing folder above it is asked); UINTMAX_MAX when it cannot be told.
std::uintmax_t freeBytesAt(const std::string& path);

//! When the disk holding `path` has less than `needed` bytes free: "no space left on the
//! disk holding 'FOLDER' (N bytes free)"; else "". For error messages.
std::string noSpaceNote(const std::string& path, std::uintmax_t needed);

}  // namespace filmrecover
