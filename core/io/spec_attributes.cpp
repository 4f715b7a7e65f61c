#include "core/io/spec_attributes.h"

#include <nlohmann/json.hpp>

namespace filmrecover {
namespace {

// Marker that starts the packed JSON block inside ImageDescription.
const std::string kPackedMarker = "filmrecover-attributes:";
const char* kDpxUserData = "dpx:UserData";
// Where EXR and PNG files keep the packed block (they store any named string).
const char* kPackedAttribute = "filmrecover-attributes";

// Attributes that describe the file's layout, not the picture: never copied into a new file,
// since they would contradict what the writer chooses.
bool isLayoutAttribute(const std::string& name) {
  static const char* names[] = {"oiio:BitsPerSample", "compression", "planarconfig", "oiio:subimages",
                                "openexr:chunkCount", "openexr:lineOrder", "openexr:dwaCompressionLevel",
                                "tiff:Compression", "tiff:PhotometricInterpretation", "tiff:PlanarConfiguration",
                                "tiff:RowsPerStrip", "png:compressionLevel", "jpeg:subsampling", "Compression",
                                "dpx:Packing", "dpx:Transfer", "dpx:Colorimetric", "dpx:ImageDescriptor",
                                "dpx:HighData", "dpx:LowData", "dpx:HighQuantity", "dpx:LowQuantity",
                                "dpx:EndOfLinePadding", "dpx:EndOfImagePadding", "dpx:DataSign",
                                "dpx:UserData", "dpx:Version", "dpx:Format", "dpx:FrameRate", "dpx:TimeCode",
                                "dpx:UserBits", "dpx:InterlaceMode", "dpx:FieldNumber", "dpx:Encoding",
                                "oiio:UnassociatedAlpha", "oiio:Movie", "Orientation", "XResolution",
                                "YResolution", "ResolutionUnit", "PixelAspectRatio", "oiio:ColorSpace:Applied",
                                "jpeg:ColorSpace", "Exif:ColorSpace", "Exif:PixelXDimension",
                                "Exif:PixelYDimension", "tiff:UnassociatedAlpha", "smpte:TimeCode",
                                "smpte:KeyCode", "dpx:Orientation", "openexr:roundingmode",
                                // EXR's typed screen window (v2f, float): written back as text
                                // they made OpenEXR throw and OIIO print a debug line per frame.
                                "screenWindowCenter", "screenWindowWidth"};
  for (const char* n : names)
    if (name == n) return true;
  return false;
}

// EXR and PNG keep any named attribute. TIFF, JPEG and DPX keep only a few header fields:
// those are written natively (other tools show them) and the rest is packed as JSON.
bool keepsAnyAttribute(const std::string& format) { return format == "exr" || format == "png"; }

bool isHeaderField(const std::string& name) {
  static const char* names[] = {"ImageDescription", "Software", "Artist", "Copyright", "DateTime", "DocumentName"};
  for (const char* n : names)
    if (name == n) return true;
  return false;
}

std::string valueText(const OIIO::ParamValue& p) {
  if (p.type() == OIIO::TypeDesc::STRING) return p.get_string();
  return p.get_string(0);  // numbers and arrays as OIIO prints them ("1, 2, 3")
}

void unpack(const std::string& jsonText, ImageAttributes& attrs) {
  const auto doc = nlohmann::json::parse(jsonText, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return;
  for (auto it = doc.begin(); it != doc.end(); ++it)
    if (it.value().is_string()) attrs[it.key()] = it.value().get<std::string>();
}

}  // namespace

ImageAttributes attributesFromSpec(const OIIO::ImageSpec& spec) {
  ImageAttributes attrs;
  for (const auto& p : spec.extra_attribs) {
    const std::string name = p.name().string();
    if (name == kPackedAttribute) continue;  // unpacked below, after the plain entries
    if (name == kDpxUserData) {
      if (p.type().basetype == OIIO::TypeDesc::UINT8) {
        const auto* bytes = static_cast<const char*>(p.data());
        std::string text(bytes, bytes + p.type().numelements() * p.nvalues());
        text = text.c_str();  // DPX pads user data with zeros
        if (text.rfind(kPackedMarker, 0) == 0) unpack(text.substr(kPackedMarker.size()), attrs);
      }
      continue;
    }
    attrs[name] = valueText(p);
  }
  const std::string packedAttribute = spec.get_string_attribute(kPackedAttribute);
  if (packedAttribute.rfind(kPackedMarker, 0) == 0) unpack(packedAttribute.substr(kPackedMarker.size()), attrs);
  const auto desc = attrs.find("ImageDescription");
  if (desc != attrs.end()) {
    const size_t at = desc->second.find(kPackedMarker);
    if (at != std::string::npos) {
      const std::string packed = desc->second.substr(at + kPackedMarker.size());
      std::string original = desc->second.substr(0, at);
      while (!original.empty() && original.back() == '\n') original.pop_back();
      if (original.empty()) attrs.erase(desc);
      else desc->second = original;
      unpack(packed, attrs);
    }
  }
  return attrs;
}

void attributesToSpec(const ImageAttributes& attrs, const std::string& format, OIIO::ImageSpec& spec) {
  nlohmann::json packed = nlohmann::json::object();
  for (const auto& [name, value] : attrs) {
    if (isLayoutAttribute(name) || name.empty()) continue;
    // OIIO's writers treat "oiio:" names as hints and never store them: always packed.
    const bool oiioHint = name.rfind("oiio:", 0) == 0;
    if (keepsAnyAttribute(format) && !oiioHint) {
      spec.attribute(name, value);
      continue;
    }
    if (isHeaderField(name)) spec.attribute(name, value);
    // DPX truncates its header text fields (100-200 characters): keep the full values packed too.
    if (!isHeaderField(name) || format == "dpx") packed[name] = value;
  }
  if (packed.empty()) return;
  const std::string block = kPackedMarker + packed.dump();
  if (format == "dpx") {
    // DPX header text fields are short; its user data block holds any length.
    std::vector<unsigned char> bytes(block.begin(), block.end());
    bytes.push_back(0);
    spec.attribute(kDpxUserData, OIIO::TypeDesc(OIIO::TypeDesc::UINT8, bytes.size()), bytes.data());
  } else if (keepsAnyAttribute(format)) {
    spec.attribute(kPackedAttribute, block);
  } else {
    std::string description = spec.get_string_attribute("ImageDescription");
    spec.attribute("ImageDescription", description.empty() ? block : description + "\n" + block);
  }
}

std::string dataTypeName(const OIIO::ImageSpec& spec) {
  const int bits = spec.get_int_attribute("oiio:BitsPerSample", 0);
  switch (spec.format.basetype) {
    case OIIO::TypeDesc::UINT8: return "uint8";
    case OIIO::TypeDesc::UINT16: return bits > 0 && bits < 16 ? "uint" + std::to_string(bits) : "uint16";
    case OIIO::TypeDesc::UINT32: return "uint32";
    case OIIO::TypeDesc::INT8: return "int8";
    case OIIO::TypeDesc::INT16: return "int16";
    case OIIO::TypeDesc::HALF: return "half";
    case OIIO::TypeDesc::FLOAT: return "float";
    case OIIO::TypeDesc::DOUBLE: return "double";
    default: return spec.format.c_str();
  }
}

void toRgb(const std::vector<float>& in, int channels, Image& out) {
  const size_t n = out.pixelCount();
  out.channels = 3;
  out.pixels.resize(n * 3);
  if (channels == 3) {
    std::copy(in.begin(), in.begin() + static_cast<long>(n * 3), out.pixels.begin());
    return;
  }
  const bool grey = channels < 3;
  for (size_t i = 0; i < n; ++i) {
    const float* p = &in[i * static_cast<size_t>(channels)];
    float* q = &out.pixels[i * 3];
    q[0] = p[0];
    q[1] = grey ? p[0] : p[1];
    q[2] = grey ? p[0] : p[2];
  }
}

}  // namespace filmrecover
