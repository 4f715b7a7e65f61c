#include "core/io/movie_decoder.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

#include "core/exec/errors.h"
#include "core/io/frame_defect.h"
#include "core/io/movie_index_cache.h"

namespace filmrecover {

namespace {

std::string avError(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(code, text, sizeof(text));
  return text;
}

// FFmpeg prints warnings about every damaged packet; errors reach the user through our
// exceptions instead. FILMRECOVER_FFMPEG_LOG=1 brings FFmpeg's own log back.
void quietFfmpegLog() {
  static std::once_flag once;
  std::call_once(once, [] {
    const char* env = std::getenv("FILMRECOVER_FFMPEG_LOG");
    av_log_set_level(env && *env == '1' ? AV_LOG_INFO : AV_LOG_QUIET);
  });
}

const char* nameOr(const char* name, const char* fallback) { return name ? name : fallback; }

// The YCbCr matrix of a frame: what the stream says, else BT.709 for HD and BT.601 for SD.
int swsMatrix(int colorspace, int height, std::string& name) {
  switch (colorspace) {
    case AVCOL_SPC_BT709: name = "bt709"; return SWS_CS_ITU709;
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M: name = "bt601"; return SWS_CS_ITU601;
    case AVCOL_SPC_SMPTE240M: name = "smpte240m"; return SWS_CS_SMPTE240M;
    case AVCOL_SPC_FCC: name = "fcc"; return SWS_CS_FCC;
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL: name = "bt2020"; return SWS_CS_BT2020;
    default: break;
  }
  if (height >= 720) {
    name = "bt709";
    return SWS_CS_ITU709;
  }
  name = "bt601";
  return SWS_CS_ITU601;
}

bool isFullRangeFormat(int format) {
  return format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P ||
         format == AV_PIX_FMT_YUVJ440P || format == AV_PIX_FMT_YUVJ411P;
}

}  // namespace

MovieDecoder::MovieDecoder(const std::string& path) : path_(path) {
  quietFfmpegLog();
  try {
    openStream();
    openDecoder();
    AVStream* st = format_->streams[stream_];
    const AVRational rate = av_guess_frame_rate(format_, st, nullptr);
    frameDuration_ = rate.num > 0 ? std::max<int64_t>(1, av_rescale_q(1, av_inv_q(rate), st->time_base)) : 1;
    if (auto cached = loadMovieIndex(path)) {
      pts_ = std::move(cached->pts);
      keyframes_ = std::move(cached->keyframes);
      keySeekTs_ = std::move(cached->keySeekTs);
      decodeIndexed_ = cached->bestEffortTimestamps;
    } else {
      buildIndex();
      if (!pts_.empty()) storeMovieIndex(path, MovieIndex{pts_, keyframes_, keySeekTs_, decodeIndexed_});
    }
    if (pts_.empty()) throw InputError("movie '" + path + "' holds no video frames");
    describe();
  } catch (...) {
    release();
    throw;
  }
}

MovieDecoder::~MovieDecoder() { release(); }

void MovieDecoder::release() {
  sws_freeContext(sws_);
  sws_ = nullptr;
  av_frame_free(&frame_);
  av_packet_free(&packet_);
  avcodec_free_context(&codec_);
  avformat_close_input(&format_);
}

void MovieDecoder::openStream() {
  int r = avformat_open_input(&format_, path_.c_str(), nullptr, nullptr);
  if (r < 0) throw InputError("cannot open movie '" + path_ + "': " + avError(r));
  r = avformat_find_stream_info(format_, nullptr);
  if (r < 0) throw InputError("cannot read the streams of movie '" + path_ + "': " + avError(r));
  stream_ = av_find_best_stream(format_, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (stream_ < 0) throw InputError("movie '" + path_ + "' has no video stream");
  // Only the video stream is demuxed: audio and subtitles are skipped cheaply.
  for (unsigned i = 0; i < format_->nb_streams; ++i)
    if (static_cast<int>(i) != stream_) format_->streams[i]->discard = AVDISCARD_ALL;
}

void MovieDecoder::openDecoder() {
  AVStream* st = format_->streams[stream_];
  const AVCodec* decoder = avcodec_find_decoder(st->codecpar->codec_id);
  if (!decoder)
    throw InputError("movie '" + path_ + "' uses a codec FFmpeg cannot decode here (" +
                     nameOr(avcodec_get_name(st->codecpar->codec_id), "unknown") + ")");
  codec_ = avcodec_alloc_context3(decoder);
  if (!codec_ || avcodec_parameters_to_context(codec_, st->codecpar) < 0)
    throw InputError("cannot set up the decoder of movie '" + path_ + "'");
  codec_->pkt_timebase = st->time_base;
  codec_->thread_count = 0;  // FFmpeg picks
  // Frame threads delay output by one frame per thread; MPEG-1/2 (SD, fast) use slice
  // threads so skimming in decodeForward switches to full decoding in time.
  if (st->codecpar->codec_id == AV_CODEC_ID_MPEG2VIDEO || st->codecpar->codec_id == AV_CODEC_ID_MPEG1VIDEO)
    codec_->thread_type = FF_THREAD_SLICE;
  const int r = avcodec_open2(codec_, decoder, nullptr);
  if (r < 0) throw InputError("cannot open the decoder of movie '" + path_ + "': " + avError(r));
  packet_ = av_packet_alloc();
  frame_ = av_frame_alloc();
}

void MovieDecoder::buildIndex() {
  struct Entry {
    int64_t pts, seekTs;
    bool key;
  };
  std::vector<Entry> entries;
  bool complete = true;
  int r = 0;
  while ((r = av_read_frame(format_, packet_)) >= 0) {
    if (packet_->stream_index == stream_) {
      if (packet_->pts == AV_NOPTS_VALUE) complete = false;
      const int64_t seekTs = packet_->dts != AV_NOPTS_VALUE ? packet_->dts : packet_->pts;
      entries.push_back({packet_->pts, seekTs, (packet_->flags & AV_PKT_FLAG_KEY) != 0});
    }
    av_packet_unref(packet_);
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.pts < b.pts; });
  for (size_t i = 1; complete && i < entries.size(); ++i)
    if (entries[i].pts == entries[i - 1].pts) complete = false;
  decodeIndexed_ = false;
  if (!complete || entries.empty()) {
    // The container does not time every frame: count by decoding, once.
    buildIndexByDecoding();
    return;
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    pts_.push_back(entries[i].pts);
    if (entries[i].key) {
      keyframes_.push_back(static_cast<int>(i));
      keySeekTs_.push_back(std::min(entries[i].seekTs, entries[i].pts));
    }
  }
  if (keyframes_.empty() || keyframes_.front() != 0) {
    keyframes_.insert(keyframes_.begin(), 0);
    keySeekTs_.insert(keySeekTs_.begin(), pts_.front());
  }
  seekTo(0);
}

void MovieDecoder::buildIndexByDecoding() {
  pts_.clear();
  keyframes_.clear();
  keySeekTs_.clear();
  // Start again from a freshly opened file: a byte seek to 0 leaves MPEG program streams
  // without timestamps for the first frames.
  avformat_close_input(&format_);
  openStream();
  avcodec_flush_buffers(codec_);
  eof_ = draining_ = false;
  previousTs_ = AV_NOPTS_VALUE;
  // Only timestamps are needed: skipping the inverse transform and loop filter makes
  // this pass several times faster than real decoding.
  codec_->skip_idct = AVDISCARD_ALL;
  codec_->skip_loop_filter = AVDISCARD_ALL;
  std::vector<std::pair<int64_t, int64_t>> frames;  // pts, dts of the packet
  std::vector<int64_t> keys;
  decodeIndexed_ = true;
  try {
    while (decodeNext()) {
      const int64_t ts = frameTimestamp();
      if (ts == AV_NOPTS_VALUE) continue;  // untimed frames before the first timed one cannot be reached by seeking
      frames.push_back({ts, frame_->pkt_dts != AV_NOPTS_VALUE ? frame_->pkt_dts : ts});
      if (frame_->key_frame) keys.push_back(ts);
    }
  } catch (const InputError& e) {
    throw InputError("movie '" + path_ + "' cannot be decoded: " + e.what());
  }
  std::sort(frames.begin(), frames.end());
  frames.erase(std::unique(frames.begin(), frames.end(),
                           [](const auto& a, const auto& b) { return a.first == b.first; }),
               frames.end());
  for (const auto& f : frames) pts_.push_back(f.first);
  std::sort(keys.begin(), keys.end());
  for (int64_t k : keys) {
    const int i = indexOf(k);
    if (keyframes_.empty() || keyframes_.back() < i) {
      keyframes_.push_back(i);
      keySeekTs_.push_back(std::min(k, frames[static_cast<size_t>(i)].second));
    }
  }
  if (!pts_.empty() && (keyframes_.empty() || keyframes_.front() != 0)) {
    keyframes_.insert(keyframes_.begin(), 0);
    keySeekTs_.insert(keySeekTs_.begin(), pts_.front());
  }
  codec_->skip_idct = AVDISCARD_DEFAULT;
  codec_->skip_loop_filter = AVDISCARD_DEFAULT;
  if (!pts_.empty()) seekTo(0);
}

int64_t MovieDecoder::frameTimestamp() {
  // Containers that time every packet (MP4, MKV, AVI, MOV): the frame's own timestamp.
  // Streams indexed by decoding: FFmpeg's best-effort timestamp, exactly as when indexing.
  // Either way a frame without one follows the previous frame (output is in display order).
  int64_t ts = decodeIndexed_ ? frame_->best_effort_timestamp : frame_->pts;
  if (ts == AV_NOPTS_VALUE && !decodeIndexed_) ts = frame_->best_effort_timestamp;
  if (ts == AV_NOPTS_VALUE && previousTs_ != AV_NOPTS_VALUE) ts = previousTs_ + frameDuration_;
  previousTs_ = ts;
  return ts;
}

void MovieDecoder::describe() {
  AVStream* st = format_->streams[stream_];
  const AVCodecParameters* par = st->codecpar;
  info_.spec = path_;
  info_.kind = "movie";
  info_.pattern = path_;
  info_.width = par->width;
  info_.height = par->height;
  info_.channels = 3;
  const AVPixFmtDescriptor* pix = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(par->format));
  const int depth = pix ? pix->comp[0].depth : 8;
  info_.dataType = "uint" + std::to_string(depth);
  const AVRational rate = av_guess_frame_rate(format_, st, nullptr);
  info_.frameRate = rate.num > 0 && rate.den > 0 ? av_q2d(rate) : 0.0;
  info_.codec = nameOr(avcodec_get_name(par->codec_id), "unknown");
  info_.frames.resize(pts_.size());
  for (size_t i = 0; i < pts_.size(); ++i) info_.frames[i] = static_cast<int>(i) + 1;

  auto& m = info_.metadata;
  m["ffmpeg:container"] = format_->iformat->name;
  m["ffmpeg:codec"] = info_.codec;
  if (pix) m["ffmpeg:pix_fmt"] = pix->name;
  m["ffmpeg:color_primaries"] = nameOr(av_color_primaries_name(par->color_primaries), "unknown");
  m["ffmpeg:color_trc"] = nameOr(av_color_transfer_name(par->color_trc), "unknown");
  m["ffmpeg:colorspace"] = nameOr(av_color_space_name(par->color_space), "unknown");
  m["ffmpeg:color_range"] = nameOr(av_color_range_name(par->color_range), "unknown");
  std::string matrix;
  swsMatrix(par->color_space, par->height, matrix);
  m["ffmpeg:decode_matrix"] = matrix;
  if (par->field_order != AV_FIELD_UNKNOWN)
    m["ffmpeg:field_order"] = par->field_order == AV_FIELD_PROGRESSIVE ? "progressive" : "interlaced";
  const AVRational sar = av_guess_sample_aspect_ratio(format_, st, nullptr);
  if (sar.num > 0 && sar.den > 0) m["PixelAspectRatio"] = std::to_string(av_q2d(sar));
  if (info_.frameRate > 0) m["FramesPerSecond"] = std::to_string(info_.frameRate);
  const AVDictionaryEntry* tag = nullptr;
  while ((tag = av_dict_get(format_->metadata, "", tag, AV_DICT_IGNORE_SUFFIX)))
    m[std::string("ffmpeg:") + tag->key] = tag->value;
  while ((tag = av_dict_get(st->metadata, "", tag, AV_DICT_IGNORE_SUFFIX)))
    m[std::string("ffmpeg:stream:") + tag->key] = tag->value;
}

void MovieDecoder::seekTo(int keyIndex) {
  avcodec_flush_buffers(codec_);
  eof_ = draining_ = false;
  lastIndex_ = -1;
  previousTs_ = AV_NOPTS_VALUE;
  if (keyIndex == 0 && decodeIndexed_) {
    // From the very start, exactly as the index was built.
    avformat_close_input(&format_);
    openStream();
    return;
  }
  const int64_t ts = keySeekTs_[static_cast<size_t>(keyIndex)];
  int r = av_seek_frame(format_, stream_, ts, AVSEEK_FLAG_BACKWARD);
  if (r < 0) r = av_seek_frame(format_, stream_, ts, AVSEEK_FLAG_BACKWARD | AVSEEK_FLAG_ANY);
  if (r < 0 && keyIndex == 0) r = av_seek_frame(format_, stream_, 0, AVSEEK_FLAG_BYTE);
  if (r < 0) throw InputError("cannot seek in movie '" + path_ + "': " + avError(r));
}

bool MovieDecoder::decodeNext() {
  while (true) {
    const int r = avcodec_receive_frame(codec_, frame_);
    if (r == 0) return true;
    if (r == AVERROR_EOF) return false;
    if (r != AVERROR(EAGAIN)) throw InputError("the decoder stopped: " + avError(r));
    if (eof_) {
      if (draining_) return false;
      avcodec_send_packet(codec_, nullptr);
      draining_ = true;
      continue;
    }
    if (av_read_frame(format_, packet_) < 0) {
      eof_ = true;
      continue;
    }
    if (packet_->stream_index == stream_) {
      // A damaged packet is skipped; the frame it carried is then reported as missing.
      avcodec_send_packet(codec_, packet_);
    }
    av_packet_unref(packet_);
  }
}

int MovieDecoder::indexOf(int64_t pts) const {
  const auto it = std::lower_bound(pts_.begin(), pts_.end(), pts);
  if (it == pts_.end()) return static_cast<int>(pts_.size()) - 1;
  if (*it == pts || it == pts_.begin()) return static_cast<int>(it - pts_.begin());
  // Not an indexed timestamp (a decoder guess): the nearest frame.
  const auto before = it - 1;
  return static_cast<int>((pts - *before <= *it - pts ? before : it) - pts_.begin());
}

void MovieDecoder::fail(int index, const std::string& why, const char* kind) const {
  throw FrameDefectError(FrameDefect{index + 1, path_, kind,
                                     "frame " + std::to_string(index + 1) + " of movie '" + path_ +
                                         "' cannot be decoded: " + why});
}

Image MovieDecoder::decode(int index) {
  try {
    return decodeFrame(index);
  } catch (const FrameDefectError&) {
    lastIndex_ = -1;  // state unknown: the next read seeks
    throw;
  } catch (const InputError& e) {
    lastIndex_ = -1;
    fail(index, e.what());  // named with its frame
  } catch (...) {
    lastIndex_ = -1;
    throw;
  }
}

Image MovieDecoder::decodeFrame(int index) {
  if (index == lastIndex_) return intactFrame(index);
  // The keyframe at or before the frame.
  int key = static_cast<int>(std::upper_bound(keyframes_.begin(), keyframes_.end(), index) - keyframes_.begin()) - 1;
  key = std::max(key, 0);
  if (decodeIndexed_) return decodeForward(index, key);
  // Decoding forward from where we are beats seeking when no keyframe lies between or the
  // frame is close (sequential reads never seek).
  constexpr int kForwardWindow = 12;
  const bool forward = lastIndex_ >= 0 && lastIndex_ < index &&
                       (keyframes_[static_cast<size_t>(key)] <= lastIndex_ + 1 || index - lastIndex_ <= kForwardWindow);
  bool justSeeked = false;
  if (!forward) {
    seekTo(key);
    justSeeked = true;
  }
  while (true) {
    if (!decodeNext()) fail(index, "the stream ends before it (is the file truncated?)", defect::kTruncated);
    const int64_t ts = frameTimestamp();
    if (ts == AV_NOPTS_VALUE) continue;  // cannot be placed; the next frame can
    const int i = indexOf(ts);
    if (justSeeked && i > index) {
      // The demuxer landed after the frame: step back one keyframe and try again.
      if (key == 0) fail(index, "seeking does not reach it");
      seekTo(--key);
      continue;
    }
    justSeeked = false;
    lastIndex_ = i;
    if (i == index) return intactFrame(index);
    if (i > index) fail(index, "it is damaged or missing in the stream");
  }
}

Image MovieDecoder::decodeForward(int index, int key) {
  // MPEG program streams: after a seek FFmpeg times the frames wrongly until the next
  // timestamped packet (measured: every frame of a GOP shifted by the B-frame delay), so
  // these are never seeked. Going back starts again from the beginning; frames far before
  // the wanted one are skimmed (no B-frames, no inverse transform), the last three GOPs
  // before it decoded fully so that its references are exact.
  if (!(lastIndex_ >= 0 && lastIndex_ < index)) seekTo(0);
  const int fullFrom = keyframes_[static_cast<size_t>(std::max(key - 3, 0))];
  const auto skim = [this](bool on) {
    codec_->skip_frame = on ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
    codec_->skip_idct = on ? AVDISCARD_ALL : AVDISCARD_DEFAULT;
    codec_->skip_loop_filter = on ? AVDISCARD_ALL : AVDISCARD_DEFAULT;
  };
  bool skimming = lastIndex_ + 1 < fullFrom;
  skim(skimming);
  try {
    while (true) {
      if (!decodeNext()) fail(index, "the stream ends before it (is the file truncated?)", defect::kTruncated);
      const int64_t ts = frameTimestamp();
      if (ts == AV_NOPTS_VALUE) continue;
      const int i = indexOf(ts);
      if (skimming && i + 1 >= fullFrom) {
        skimming = false;
        skim(false);
      }
      lastIndex_ = i;
      if (i == index) return intactFrame(index);
      if (i > index) fail(index, "it is damaged or missing in the stream");
    }
  } catch (...) {
    skim(false);
    throw;
  }
}

Image MovieDecoder::intactFrame(int index) {
  // A decoder that met a damaged or cut packet still hands out a picture, patched from its
  // neighbours (error concealment): it looks like a frame, but it is not the film's.
  if (frame_->decode_error_flags != 0 || (frame_->flags & AV_FRAME_FLAG_CORRUPT) != 0) {
    std::string why;
    const int e = frame_->decode_error_flags;
    if (e & FF_DECODE_ERROR_INVALID_BITSTREAM) why += "invalid bitstream, ";
    if (e & FF_DECODE_ERROR_MISSING_REFERENCE) why += "missing reference frame, ";
    if (e & FF_DECODE_ERROR_CONCEALMENT_ACTIVE) why += "concealment active, ";
    if (frame_->flags & AV_FRAME_FLAG_CORRUPT) why += "marked corrupt, ";
    why = why.empty() ? std::string("decode errors") : why.substr(0, why.size() - 2);
    throw FrameDefectError(FrameDefect{index + 1, path_, defect::kConcealed,
                                       "frame " + std::to_string(index + 1) + " of movie '" + path_ +
                                           "' is damaged: the decoder concealed errors in it (" + why + ")"});
  }
  return convert();
}

Image MovieDecoder::convert() {
  const int w = frame_->width, h = frame_->height;
  sws_ = sws_getCachedContext(sws_, w, h, static_cast<AVPixelFormat>(frame_->format), w, h, AV_PIX_FMT_RGB48,
                              SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP, nullptr,
                              nullptr, nullptr);
  if (!sws_) throw InputError("movie '" + path_ + "' has a pixel format that cannot be converted to RGB");
  std::string matrixName;
  const int matrix = swsMatrix(frame_->colorspace, h, matrixName);
  const bool fullRange = frame_->color_range == AVCOL_RANGE_JPEG || isFullRangeFormat(frame_->format);
  int *invTable = nullptr, *table = nullptr;
  int srcRange = 0, dstRange = 0, brightness = 0, contrast = 0, saturation = 0;
  sws_getColorspaceDetails(sws_, &invTable, &srcRange, &table, &dstRange, &brightness, &contrast, &saturation);
  sws_setColorspaceDetails(sws_, sws_getCoefficients(matrix), fullRange ? 1 : 0, table, 1, brightness, contrast,
                           saturation);
  std::vector<uint16_t> rgb(static_cast<size_t>(w) * h * 3);
  uint8_t* dst[4] = {reinterpret_cast<uint8_t*>(rgb.data()), nullptr, nullptr, nullptr};
  int dstStride[4] = {w * 3 * 2, 0, 0, 0};
  sws_scale(sws_, frame_->data, frame_->linesize, 0, h, dst, dstStride);
  Image image(w, h, 3);
  constexpr float scale = 1.0f / 65535.0f;
  for (size_t i = 0; i < rgb.size(); ++i) image.pixels[i] = rgb[i] * scale;
  image.attributes = info_.metadata;
  image.attributes["ffmpeg:decode_matrix"] = matrixName;
  return image;
}

}  // namespace filmrecover
