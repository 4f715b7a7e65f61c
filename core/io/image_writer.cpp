#include "core/io/image_writer.h"

#include "core/exec/errors.h"

namespace filmrecover {

void writeImageAtomic(const std::string& path, const Image&, const WriteOptions&) {
  throw RunError("writing is being written: " + path);
}
Image readImageFile(const std::string& path) { throw RunError("reading is being written: " + path); }
std::string imageFormatFor(const std::string& nameOrPath) { return nameOrPath; }

}  // namespace filmrecover
