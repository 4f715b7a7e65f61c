#pragma once
#include <string>

#include "core/image/image.h"

namespace filmrecover::report {

//! How an embedded image is encoded.
enum class EmbedFormat { Png, Jpeg };

//! A data: URI ("data:image/png;base64,...") of a display-referred RGB image, values
//! clamped to [0,1] and quantised to 8 bits; downscaled (area average) to at most
//! `maxWidth` px wide when larger (0 = keep). JPEG quality 90.
std::string imageDataUri(const Image& image, EmbedFormat format, int maxWidth = 0);

//! Standard base64 (RFC 4648) of bytes.
std::string base64Encode(const unsigned char* data, size_t size);

}  // namespace filmrecover::report
