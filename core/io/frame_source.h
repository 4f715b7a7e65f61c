#pragma once
// A source of frames: an image sequence on disk or a movie file, opened once, read many times.
#include <memory>
#include <string>
#include <vector>

#include "core/image/image.h"
#include "core/io/frame_defect.h"

namespace filmrecover {

//! What a source holds, found once when it is opened.
struct SourceInfo {
  std::string spec;            //!< what the user typed (pattern, movie path or folder)
  std::string kind;            //!< "sequence" or "movie"
  int width = 0, height = 0;   //!< of the sequence (what its first, middle and last frames mostly agree on)
  int channels = 0;            //!< channels stored in the file(s) (reads always give 3)
  std::string dataType;        //!< stored sample type: "half", "float", "uint8", "uint16", "uint10" ...
  double frameRate = 0;        //!< frames per second; 0 when unknown (most sequences)
  std::vector<int> frames;     //!< frames that exist, ascending
  std::vector<int> missing;    //!< gaps inside first..last (or asked for by a frame range) that do not exist
  ImageAttributes metadata;    //!< of the first frame / the stream (colour space, chromaticities, transfer ...)
  std::string pattern;         //!< printf-style path ("/x/plate.%04d.exr") for sequences; the file for movies
  std::string codec;           //!< movies: codec name ("mpeg2video", "h264"); sequences: file format ("openexr")
  //! Frames whose header could not be read while the source was opened (it reads a few):
  //! known bad before any decoding. read() of them throws; `info` lists them.
  std::vector<FrameDefect> unreadableHeaders;
};

//! A sequence or movie opened for reading. Frames are numbered like the files (sequences)
//! or from 1 (movies).
class FrameSource {
 public:
  //! Opens `spec`: a pattern ("plate.####.exr", "plate.%04d.dpx", "plate.@.png" unpadded,
  //! "plate.1001-1100#.exr" with a frame range), a movie file (mp4 mov avi mkv mpg vob m2v
  //! mxf webm ...; frames numbered from 1), a single image file, or a folder holding exactly
  //! one sequence. Throws InputError (one sentence naming the path) when it does not exist,
  //! matches nothing, holds two sequences or is not a format we read.
  static std::shared_ptr<FrameSource> open(const std::string& spec);

  virtual ~FrameSource();
  //! Everything found when the source was opened.
  virtual const SourceInfo& info() const = 0;
  //! One frame as float RGB (3 channels; grey replicated, alpha dropped), with the file's
  //! metadata in `attributes`. Thread-safe (movies serialise decoding internally).
  //! Throws FrameDefectError (an InputError, core/io/frame_defect.h) naming the file and
  //! frame when the frame is missing, unreadable, truncated (checked against its header,
  //! not only the reader's word), of another size or channel count than the source, holds
  //! NaN or infinite values, or (movies) was concealed by the decoder.
  virtual Image read(int frame) const = 0;
  //! The file of `frame` for sequences (whether it exists or not); "" for movies.
  virtual std::string framePath(int frame) const = 0;
  //! True when `frame` exists in the source.
  bool has(int frame) const;
};

//! The defect of a frame that is not in `source` (a gap, or a frame asked for that is not on
//! disk / not in the stream), naming the file it would be.
FrameDefect missingFrameDefect(const FrameSource& source, int frame);

//! True when `path` has the extension of a movie container we decode with FFmpeg.
bool isMovieFile(const std::string& path);
//! True when `path` has the extension of an image format we read (exr dpx tif tiff png jpg jpeg ...).
bool isImageFile(const std::string& path);

}  // namespace filmrecover
