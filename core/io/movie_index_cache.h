#pragma once
// Frame indexes of movies kept between runs: building one may mean decoding the whole movie
// (MPEG program streams do not time every frame), which should happen once per file.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace filmrecover {

//! What MovieDecoder needs to find any frame again.
struct MovieIndex {
  std::vector<int64_t> pts;        //!< presentation timestamp per frame, ascending
  std::vector<int> keyframes;      //!< indices of keyframes
  std::vector<int64_t> keySeekTs;  //!< seek timestamp per keyframe
  bool bestEffortTimestamps = false; //!< built by decoding: FFmpeg's best-effort timestamps index the frames
};

//! The index stored for `path` when its size and modification time are unchanged: looked up
//! in memory, then in the cache folder ($FILMRECOVER_CACHE_DIR, else $XDG_CACHE_HOME/filmrecover,
//! else ~/.cache/filmrecover).
std::optional<MovieIndex> loadMovieIndex(const std::string& path);
//! Stores the index of `path` in memory and, when the cache folder is writable, on disk
//! (atomically; failures are ignored: the cache is an optimisation).
void storeMovieIndex(const std::string& path, const MovieIndex& index);

}  // namespace filmrecover
