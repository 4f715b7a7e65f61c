// Fuzzes the metadata of a frame from elsewhere as filmrecover reads it back: the JSON block
// of attributes a format could not store natively (in ImageDescription, in DPX user data or
// in a string attribute; core/io/spec_attributes.cpp), then provenanceOf on the result.
// The file formats themselves are OIIO's (not instrumented here).
#include <string>

#include <OpenImageIO/imageio.h>

#include "core/io/provenance.h"
#include "core/io/spec_attributes.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace filmrecover;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string packed = "filmrecover-attributes:" + text;
  OIIO::ImageSpec spec(16, 16, 3, OIIO::TypeDesc::FLOAT);
  spec.attribute("ImageDescription", "scan of reel 3\n" + packed);
  spec.attribute("filmrecover-attributes", packed);
  spec.attribute("dpx:UserData", OIIO::TypeDesc(OIIO::TypeDesc::UINT8, static_cast<int>(packed.size())),
                 packed.data());
  spec.attribute("filmrecover:model", text);
  fuzz::expectOnlyDocumentedErrors([&] { provenanceOf(attributesFromSpec(spec)); });
  return 0;
}
