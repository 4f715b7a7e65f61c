#include <gtest/gtest.h>

#include "core/io/provenance.h"
#include "core/version.h"

namespace filmrecover {

TEST(Provenance, AddsPrefixedFieldsSourceTypeAndVersion) {
  ImageAttributes attrs{{"oiio:ColorSpace", "Rec709"}};
  addProvenance(attrs, {{"model", "a.pt"}, {"filmrecover:frame", "12"}}, false);
  EXPECT_EQ(attrs.at("filmrecover:model"), "a.pt");
  EXPECT_EQ(attrs.at("filmrecover:frame"), "12");
  EXPECT_EQ(attrs.count("filmrecover:filmrecover:frame"), 0u);
  EXPECT_EQ(attrs.at("IPTCDigitalSourceType"), kTrainedAlgorithmicMedia);
  EXPECT_EQ(attrs.at("filmrecover:version"), FILMRECOVER_VERSION);
  EXPECT_EQ(attrs.at("oiio:ColorSpace"), "Rec709");
  addProvenance(attrs, {}, true);
  EXPECT_EQ(attrs.at("IPTCDigitalSourceType"), kCompositeWithTrainedAlgorithmicMedia);
  const auto fields = provenanceOf(attrs);
  EXPECT_EQ(fields.at("model"), "a.pt");
  EXPECT_EQ(fields.count("version"), 1u);
  EXPECT_EQ(fields.count("oiio:ColorSpace"), 0u);
}

}  // namespace filmrecover
