// Grade, then refine: the grade a model holds (its blob, its metadata, its place before the
// network) and the deeper U-Net.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/color/ycbcr.h"
#include "core/exec/errors.h"
#include "core/model/model_file.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

namespace {

// A lattice without pre-space whose nodes hold an affine colour transform: trilinear
// interpolation reproduces an affine map exactly, so the graded colour is known everywhere.
const float kMatrix[3][3] = {{0.7f, 0.2f, 0.1f}, {0.1f, 0.8f, 0.1f}, {0.05f, 0.15f, 0.8f}};
const float kOffset[3] = {0.05f, -0.02f, 0.03f};

void affine(const float in[3], float out[3]) {
  for (int c = 0; c < 3; ++c) out[c] = kOffset[c] + kMatrix[c][0] * in[0] + kMatrix[c][1] * in[1] + kMatrix[c][2] * in[2];
}

ModelGrade affineGrade(int n) {
  ModelGrade g;
  g.size = n;
  g.table.resize(static_cast<size_t>(n) * n * n * 3);
  for (int b = 0; b < n; ++b)
    for (int gr = 0; gr < n; ++gr)
      for (int r = 0; r < n; ++r) {
        const float in[3] = {r / float(n - 1), gr / float(n - 1), b / float(n - 1)};
        affine(in, &g.table[((static_cast<size_t>(b) * n + gr) * n + r) * 3]);
      }
  return g;
}

// A 1 x 3 x h x w Y,Cb,Cr tensor of R'G'B' colours inside [0,1], and the same through `affine`.
std::pair<torch::Tensor, torch::Tensor> yccAndGraded(int h, int w) {
  auto x = torch::empty({1, 3, h, w}), graded = torch::empty({1, 3, h, w});
  auto xa = x.accessor<float, 4>(), ga = graded.accessor<float, 4>();
  for (int y = 0; y < h; ++y)
    for (int i = 0; i < w; ++i) {
      const float rgb[3] = {(i + 0.5f) / w, (y + 0.5f) / h, 0.5f + 0.4f * std::sin(0.3f * (i + y))};
      float out[3];
      affine(rgb, out);
      float Y, cb, cr;
      rgbToYCbCr(rgb[0], rgb[1], rgb[2], Y, cb, cr);
      xa[0][0][y][i] = Y;
      xa[0][1][y][i] = cb;
      xa[0][2][y][i] = cr;
      rgbToYCbCr(out[0], out[1], out[2], Y, cb, cr);
      ga[0][0][y][i] = Y;
      ga[0][1][y][i] = cb;
      ga[0][2][y][i] = cr;
    }
  return {x, graded};
}

}  // namespace

TEST(ModelGrade, TheBlobKeepsTheTableBitForBitAndDamageIsNamed) {
  const ModelGrade g = affineGrade(5);
  const nlohmann::json d = describeGrade(g, {{"frames", "1-4"}});
  const ModelGrade back = gradeFromBlob(d, gradeBlob(g), "m.frm");
  EXPECT_EQ(back.size, 5);
  EXPECT_EQ(back.table, g.table);
  try {
    gradeFromBlob(d, gradeBlob(g).substr(4), "m.frm");
    FAIL() << "a short table passed";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("m.frm"), std::string::npos) << e.what();
  }
  ModelGrade nan = g;
  nan.table[7] = std::nanf("");
  EXPECT_THROW(gradeFromBlob(d, gradeBlob(nan), "m.frm"), InputError);
  EXPECT_THROW(gradeFromBlob({{"size", 500}, {"shaperStrength", 0}}, gradeBlob(g), "m.frm"), InputError);
}

TEST(RecoveryNet, AGradedNetworkStartsAtItsGradeAndSeesSourceAndGradedColour) {
  RecoveryNet net(RecoveryMode::Chroma, 8, NetworkShape{true, 3, true});
  net->setGrade(affineGrade(9));
  // The U-Net sees Y,Cb,Cr and the graded Cb,Cr.
  EXPECT_EQ(net->unet->named_parameters()["enc1.0.weight"].size(1), 5);
  const auto [x, graded] = yccAndGraded(12, 16);
  EXPECT_LT((net->gradeYcc(x) - graded).abs().max().item<float>(), 2e-6f);
  // Untrained (zero head): the output is the graded Cb,Cr.
  EXPECT_LT((net->forward(x) - graded.slice(1, 1, 3)).abs().max().item<float>(), 2e-6f);
  // Combined: the source's Y stays the base of the luma, the colour is graded.
  RecoveryNet combined(RecoveryMode::Combined, 8, NetworkShape{true, 3, true});
  combined->setGrade(affineGrade(9));
  const auto out = combined->forward(x);
  EXPECT_LT((out.slice(1, 0, 1) - x.slice(1, 0, 1)).abs().max().item<float>(), 1e-7f);
  EXPECT_LT((out.slice(1, 1, 3) - graded.slice(1, 1, 3)).abs().max().item<float>(), 2e-6f);
  EXPECT_THROW(RecoveryNet(RecoveryMode::Spatial, 8, NetworkShape{true, 3, true}), std::invalid_argument);
  RecoveryNet plain(RecoveryMode::Chroma, 8);
  EXPECT_THROW(plain->setGrade(affineGrade(3)), InputError);
  // With the source as the base the graded colour is an input only: untrained, the output is
  // the source's Cb,Cr, and gradeOutput() is what the grade alone would give.
  NetworkShape sourceBase{true, 3, true};
  sourceBase.gradedBase = false;
  RecoveryNet hinted(RecoveryMode::Chroma, 8, sourceBase);
  hinted->setGrade(affineGrade(9));
  EXPECT_EQ(hinted->unet->named_parameters()["enc1.0.weight"].size(1), 5);
  EXPECT_TRUE(torch::allclose(hinted->forward(x), x.slice(1, 1, 3)));
  EXPECT_LT((hinted->gradeOutput(x) - graded.slice(1, 1, 3)).abs().max().item<float>(), 2e-6f);
}

TEST(ModelFile, AGradedModelKeepsItsGradeAndAModelWithoutOneStaysVersion1) {
  test::TempDir dir("model-grade");
  torch::manual_seed(5);
  RecoveryNet net(RecoveryMode::Chroma, 8, NetworkShape{true, 3, true});
  net->setGrade(affineGrade(7));
  {
    torch::NoGradGuard g;
    for (auto& p : net->parameters()) p.normal_(0, 0.05);
  }
  ModelInfo info = ModelInfo::forNetwork(RecoveryMode::Chroma, ModelPreset::S);
  info.width = 8;
  info.grade = describeGrade(net->grade(), {{"frames", "1-4"}, {"rmsError", 0.01}});
  const std::string path = dir.file("graded.frm");
  saveModelFile(path, info, net);
  const ModelInfo light = readModelInfo(path);
  EXPECT_EQ(light.formatVersion, 2);
  ASSERT_TRUE(light.graded());
  EXPECT_EQ(light.grade["size"], 7);
  EXPECT_EQ(light.grade["fit"]["frames"], "1-4");
  EXPECT_EQ(light.grade["checksum"].get<std::string>().size(), 16u);
  LoadedModel m = loadModelFile(path, RecoveryMode::Chroma);
  EXPECT_EQ(m.net->grade().table, net->grade().table);
  const auto x = yccAndGraded(8, 12).first;
  EXPECT_TRUE(torch::equal(net->forward(x), m.net->forward(x)));

  // The metadata names a grade the file does not hold: refused, naming the file.
  ModelContainer c = readModelContainer(path, true);
  c.blobs.erase("grade");
  const std::string stripped = dir.file("stripped.frm");
  writeModelContainer(stripped, c);
  try {
    loadModelFile(stripped);
    FAIL() << "a graded model without its grade loaded";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("stripped.frm"), std::string::npos) << e.what();
  }
  // A version this build does not know is refused by number.
  c = readModelContainer(path, true);
  c.header["info"]["formatVersion"] = 3;
  writeModelContainer(stripped, c);
  EXPECT_THROW(loadModelFile(stripped), InputError);

  // Without a grade (and at 3 levels) the file is what it was: version 1, no grade blob, and
  // its metadata without the new keys still loads as before.
  RecoveryNet plain(RecoveryMode::Chroma, 8);
  const std::string old = dir.file("plain.frm");
  saveModelFile(old, info, plain);
  c = readModelContainer(old, true);
  EXPECT_EQ(c.header["info"]["formatVersion"], 1);
  EXPECT_EQ(c.blobs.count("grade"), 0u);
  c.header["info"].erase("grade");
  c.header["info"].erase("levels");
  writeModelContainer(old, c);
  LoadedModel o = loadModelFile(old);
  EXPECT_FALSE(o.info.graded());
  EXPECT_EQ(o.info.levels, 3);
  EXPECT_FALSE(o.net->shape().graded);
  EXPECT_TRUE(torch::equal(plain->forward(x), o.net->forward(x)));
}

TEST(UNet, ThreeLevelsKeepTheBenchmarkNamesAndFourSeeFurther) {
  std::vector<std::string> names;
  for (const auto& p : UNet(3, 2, 8)->named_parameters()) names.push_back(p.key());
  const std::vector<std::string> expected = {
      "enc1.0.weight", "enc1.0.bias", "enc1.2.weight", "enc1.2.bias", "enc2.0.weight", "enc2.0.bias",
      "enc2.2.weight", "enc2.2.bias", "mid.0.weight",  "mid.0.bias",  "mid.2.weight",  "mid.2.bias",
      "dec2.0.weight", "dec2.0.bias", "dec2.2.weight", "dec2.2.bias", "dec1.0.weight", "dec1.0.bias",
      "dec1.2.weight", "dec1.2.bias", "head.weight",   "head.bias"};
  EXPECT_EQ(names, expected);
  // Output pixels 36 to 47 px from a changed input pixel are outside the 3-level network's
  // reach (receptive radius 29 px) and inside the 4-level network's.
  torch::manual_seed(2);
  UNet three(1, 1, 8, 3), four(1, 1, 8, 4);
  EXPECT_EQ(four->named_parameters()["dec3.0.weight"].size(1), 8 * 8 + 8 * 4);
  auto x = torch::rand({1, 1, 64, 128});
  auto moved = x.clone();
  moved[0][0][32][84] += 1.0f;
  auto reach = [&](UNet& n) {
    return (n->forward(moved) - n->forward(x)).abs().slice(2, 24, 40).slice(3, 37, 49).max().item<float>();
  };
  EXPECT_EQ(reach(three), 0.0f);
  EXPECT_GT(reach(four), 0.0f);
  EXPECT_EQ(RecoveryNet(RecoveryMode::Chroma, 8, NetworkShape{true, 4, false})->sizeMultiple(), 8);
}
