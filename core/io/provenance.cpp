#include "core/io/provenance.h"

#include "core/version.h"

namespace filmrecover {

void addProvenance(ImageAttributes& attrs, const std::map<std::string, std::string>& fields, bool composite) {
  const std::string prefix = kProvenancePrefix;
  for (const auto& [key, value] : fields) {
    const bool prefixed = key.compare(0, prefix.size(), prefix) == 0;
    attrs[prefixed ? key : prefix + key] = value;
  }
  attrs[kDigitalSourceTypeKey] = composite ? kCompositeWithTrainedAlgorithmicMedia : kTrainedAlgorithmicMedia;
  attrs[prefix + "version"] = FILMRECOVER_VERSION;
  attrs["Software"] = std::string("filmrecover ") + FILMRECOVER_VERSION;
}

std::map<std::string, std::string> provenanceOf(const ImageAttributes& attrs) {
  const std::string prefix = kProvenancePrefix;
  std::map<std::string, std::string> out;
  for (auto it = attrs.lower_bound(prefix); it != attrs.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it)
    out[it->first.substr(prefix.size())] = it->second;
  return out;
}

}  // namespace filmrecover
