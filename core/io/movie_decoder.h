#pragma once
// Private to core/io: the FFmpeg state behind MovieSource.
#include <cstdint>
#include <string>
#include <vector>

#include "core/io/frame_source.h"

struct AVFormatContext;
struct AVCodecContext;
struct AVPacket;
struct AVFrame;
struct SwsContext;

namespace filmrecover {

//! Demuxer + decoder + converter of one movie's best video stream. Not thread-safe.
class MovieDecoder {
 public:
  //! Opens `path` and builds the frame index; InputError naming the path on failure.
  explicit MovieDecoder(const std::string& path);
  ~MovieDecoder();
  MovieDecoder(const MovieDecoder&) = delete;
  MovieDecoder& operator=(const MovieDecoder&) = delete;

  const SourceInfo& info() const { return info_; }
  //! Frame `index` (0-based, presentation order) as float RGB.
  Image decode(int index);

 private:
  void release();
  Image decodeFrame(int index);
  Image decodeForward(int index, int key);
  void openStream();
  void openDecoder();
  void buildIndex();
  void buildIndexByDecoding();
  void describe();
  void seekTo(int keyIndex);
  //! Decodes the next frame into frame_; false at the end of the stream.
  bool decodeNext();
  int indexOf(int64_t pts) const;
  //! Timestamp of the frame in frame_, extrapolated from the previous one when missing.
  int64_t frameTimestamp();
  //! The decoded frame, unless the decoder reported errors in it (FrameDefectError).
  Image intactFrame(int index);
  Image convert();
  [[noreturn]] void fail(int index, const std::string& why, const char* kind = "unreadable") const;

  std::string path_;
  SourceInfo info_;
  AVFormatContext* format_ = nullptr;
  AVCodecContext* codec_ = nullptr;
  AVPacket* packet_ = nullptr;
  AVFrame* frame_ = nullptr;
  SwsContext* sws_ = nullptr;
  int stream_ = -1;
  std::vector<int64_t> pts_;        //!< presentation timestamp of each frame, ascending
  std::vector<int> keyframes_;      //!< indices (into pts_) of keyframes, ascending
  std::vector<int64_t> keySeekTs_;  //!< timestamp to seek to for each keyframe (its dts)
  int lastIndex_ = -1;              //!< index of the frame in frame_, -1 when none
  int64_t previousTs_ = INT64_MIN;  //!< AV_NOPTS_VALUE
  int64_t frameDuration_ = 1;       //!< in stream time base
  bool decodeIndexed_ = false;      //!< index built by decoding (timestamps unreliable after seeks)
  bool draining_ = false;
  bool eof_ = false;
};

}  // namespace filmrecover
