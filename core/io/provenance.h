#pragma once
// Provenance written into every rendered frame: where it came from and that a trained model made it.
#include <map>
#include <string>

#include "core/image/image.h"

namespace filmrecover {

//! Prefix of every attribute filmrecover writes into frame metadata.
constexpr const char* kProvenancePrefix = "filmrecover:";
//! IPTC digital source type of a frame made by a trained model (IPTC NewsCodes).
constexpr const char* kTrainedAlgorithmicMedia =
    "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
//! ... and of a frame that combines captured pixels with a trained model's output.
constexpr const char* kCompositeWithTrainedAlgorithmicMedia =
    "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";
//! Attribute name of the IPTC digital source type.
constexpr const char* kDigitalSourceTypeKey = "IPTCDigitalSourceType";

//! Adds "filmrecover:<key>" entries for `fields` (keys given without the prefix; a key that
//! already has it is kept as is), plus IPTCDigitalSourceType (trainedAlgorithmicMedia, or
//! compositeWithTrainedAlgorithmicMedia when `composite`), "filmrecover:version" and "Software".
void addProvenance(ImageAttributes& attrs, const std::map<std::string, std::string>& fields,
                   bool composite);

//! The "filmrecover:" entries of `attrs`, prefix removed.
std::map<std::string, std::string> provenanceOf(const ImageAttributes& attrs);

}  // namespace filmrecover
