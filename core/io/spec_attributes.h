#pragma once
// Private to core/io: OIIO ImageSpec metadata <-> ImageAttributes, and pixel layout helpers.
#include <OpenImageIO/imageio.h>

#include "core/image/image.h"

namespace filmrecover {

//! Every metadata entry of `spec` as text (arrays comma separated), plus a JSON block of
//! attributes a format could not store natively (see packAttributes) unpacked again.
ImageAttributes attributesFromSpec(const OIIO::ImageSpec& spec);

//! Writes `attrs` into `spec` for format `format` ("exr", "dpx", "tif", "png", "jpg").
//! Entries the format keeps as arbitrary metadata (EXR, PNG) are set directly; for the
//! others, what the format cannot hold is packed as JSON into a block that
//! attributesFromSpec unpacks (ImageDescription for TIFF/JPEG, user data for DPX).
void attributesToSpec(const ImageAttributes& attrs, const std::string& format, OIIO::ImageSpec& spec);

//! Stored sample type as a short name: "uint8", "uint10", "uint12", "uint16", "half", "float" ...
std::string dataTypeName(const OIIO::ImageSpec& spec);

//! Turns `channels`-channel float pixels into 3-channel RGB: grey replicated, alpha and
//! extra channels dropped.
void toRgb(const std::vector<float>& in, int channels, Image& out);

}  // namespace filmrecover
