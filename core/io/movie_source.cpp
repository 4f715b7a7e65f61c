#include "core/io/movie_source.h"

#include "core/exec/errors.h"
#include "core/io/movie_decoder.h"

namespace filmrecover {

MovieSource::MovieSource(const std::string& path) : decoder_(std::make_unique<MovieDecoder>(path)) {}

MovieSource::~MovieSource() = default;

const SourceInfo& MovieSource::info() const { return decoder_->info(); }

Image MovieSource::read(int frame) const {
  const int count = static_cast<int>(info().frames.size());
  if (frame < 1 || frame > count)
    throw InputError("frame " + std::to_string(frame) + " is not in movie '" + info().spec + "' (it has frames 1-" +
                     std::to_string(count) + ")");
  std::lock_guard<std::mutex> lock(mutex_);
  return decoder_->decode(frame - 1);
}

}  // namespace filmrecover
