// Writes the seed corpus (tests/fuzz/corpus/<fuzzer>/) with filmrecover's own writers, so the
// seeds are real files of the current formats. Run after a format changes:
//   build/fuzz/fuzz_make_seeds tests/fuzz/corpus
// The text seeds (frame sets, patterns, folder listings, OCIO configs) are written by hand.
#include <filesystem>
#include <iostream>

#include "core/align/transforms.h"
#include "core/curate/dataset_file.h"
#include "core/grade/cube_file.h"
#include "core/match/mapping.h"
#include "core/model/model_container.h"
#include "core/model/model_info.h"
#include "core/project/project_catalog.h"

using namespace filmrecover;
namespace fs = std::filesystem;

namespace {

void mappingSeed(const fs::path& dir) {
  match::Mapping m;
  m.source = "scan/plate.####.dpx";
  m.reference = "dvd.vob";
  m.sourceWidth = 2048, m.sourceHeight = 1556, m.referenceWidth = 720, m.referenceHeight = 576;
  m.sourceActiveArea = {16, 8, 2032, 1548};
  m.referenceActiveArea = {8, 0, 712, 576};
  m.sourceFrameRate = 24, m.referenceFrameRate = 25;
  m.pairs = {{1001, 12, 0.93f, ""}, {1002, 13, 0.91f, ""}, {1003, 14, 0.42f, match::kFlagLowConfidence},
             {1005, 16, 0.88f, match::kFlagInterlaced}};
  m.unmatchedSource = {{1004, 1004}};
  m.unmatchedReference = {{1, 11}};
  m.sourceCuts = {1003};
  m.referenceCuts = {14};
  m.segments = {{{1001, 1002}, {12, 13}, 1.0, -989}, {{1003, 1005}, {14, 16}, 1.0, -989}};
  m.rateRatio = 1.0417;
  m.offset = -989;
  m.timecodeHint = "source timecode 01:00:00:00";
  m.framing = {0.35, 0, 4, 0, 0.37, 2, 0, 0, 1};
  m.hasFraming = true;
  match::writeMapping(m, (dir / "mapping.json").string());
  match::Mapping small;
  small.source = "a.mp4";
  small.reference = "b.mp4";
  small.pairs = {{1, 1, 1.0f, ""}};
  match::writeMapping(small, (dir / "one_pair.json").string());
}

void transformsSeed(const fs::path& dir) {
  align::Transforms t;
  t.source = "scan/plate.####.dpx";
  t.reference = "dvd.vob";
  t.mapping = "work/mapping.json";
  t.output = "work/aligned/aligned.####.exr";
  t.model = "homography";
  t.width = 2048, t.height = 1556;
  t.sharedCrop = {20, 12, 2028, 1544};
  align::FrameTransform a;
  a.source = 1001, a.reference = 12;
  a.matrix = {2.84, 0.001, -11.5, -0.002, 2.7, -3.25, 1e-7, -2e-7, 1};
  a.correlation = 0.97, a.residual = 0.12, a.inlierRatio = 0.95, a.crop = {18, 10, 2030, 1546};
  a.file = "work/aligned/aligned.1001.exr";
  align::FrameTransform b = a;
  b.source = 1002, b.reference = 13, b.smoothed = true, b.flag = align::kFlagHighResidual;
  b.file = "work/aligned/aligned.1002.exr";
  t.frames = {a, b};
  t.skipped = {{1003, 14, "no texture"}};
  align::writeTransforms(t, (dir / "transforms.json").string());
}

void datasetSeed(const fs::path& dir) {
  curate::DatasetFile d;
  d.selection.train = {1001, 1010, 1024, 1100};
  d.selection.holdout = {1050, 1090};
  d.selection.rejected = {{1003, "low-confidence"}, {1004, "high-residual"}};
  d.crop = {20, 12, 2028, 1544};
  d.source = "scan/plate.####.dpx";
  d.aligned = "work/aligned/aligned.####.exr";
  d.mapping = "work/mapping.json";
  curate::writeDatasetFile(d, (dir / "dataset.json").string());
}

void modelSeed(const fs::path& dir) {
  ModelInfo info = ModelInfo::forNetwork(RecoveryMode::Chroma, ModelPreset::S);
  info.trainingFrames = {1001, 1010, 1024};
  info.holdoutFrames = {1050};
  info.steps = 200;
  info.seed = 7;
  info.softwareVersion = "0.1.0";
  info.date = "2026-12-04T12:00:00Z";
  info.source = "scan/plate.####.dpx";
  info.target = "work/aligned/aligned.####.exr";
  info.holdoutLoss = 0.013, info.holdoutPsnr = 36.2;
  info.settings = {{"steps", 200}, {"lr", 0.002}, {"batch", 4}};
  ModelContainer c;
  // A stand-in for the LibTorch archive: the fuzzer reads containers, not networks.
  c.blobs["weights"] = "PK\x03\x04 weights of a small network";
  info.weightsChecksum = checksumHex(c.blobs["weights"]);
  c.header["info"] = info;
  writeModelContainer((dir / "model.frm").string(), c);
  c.blobs["optimizer"] = "adam moments";
  c.blobs["trainer"] = R"({"step":200})";
  writeModelContainer((dir / "model.ckpt.frm").string(), c);
}

void cubeSeed(const fs::path& dir) {
  grade::Lut3D lut = grade::Lut3D::identity(2);
  lut.title = "match grade";
  lut.table[3] = 0.9f;
  grade::writeCube(lut, (dir / "identity2.cube").string(), {"filmrecover match grade", "frames 1001-1100"});
}

void catalogSeed(const fs::path& dir) {
  const fs::path work = dir / "work";
  fs::remove_all(work);
  {
    project::ProjectCatalog c(work.string());
    c.setMeta("title", "reel 3");
    c.setMeta("mode", "chroma");
    const int64_t id = c.addSource({0, "source", "scan/plate.####.dpx", 1001, 1100, 100, 2048, 1556, {{"fps", 24}}});
    c.addSource({0, "reference", "dvd.vob", 1, 130, 130, 720, 576, nlohmann::json::object()});
    c.setDescriptor(id, 1001, {0.1f, 0.2f, 0.3f});
    c.replaceMapping({{1001, 12, 0.93, false, ""}, {1002, 13, 0.4, true, "low-confidence"}});
    c.replaceTransforms({{1001, {1, 0, 2, 0, 1, 3, 0, 0, 1}, 0.1, 0.9, false, ""}});
    c.setCrop({20, 12, 2028, 1544});
    c.setCuration({1001, "train", "", "auto", ""});
    c.setCuration({1002, "rejected", "low-confidence", "operator", ""});
    const int64_t run = c.beginTrainingRun({0, "chroma", {{"steps", 200}}, "work/model/model.frm", "", "", "", {}});
    c.addRunMetrics(run, {{1, "train_loss", 0.1}, {100, "holdout_loss", 0.05}});
    c.finishTrainingRun(run, "done", {{"holdoutPsnr", 36.2}});
    const int64_t render = c.beginRender({0, run, "out/restored.####.exr", "1001-1100", {}, "", "", ""});
    c.finishRender(render, "done", {{"model", "work/model/model.frm"}});
    const int64_t e = c.addExperiment({0, "", "first trial", "1001,1010", "20 12 2028 1544", "homography",
                                       "Rec.709", {{"steps", 200}}, "work/model/model.frm", ""});
    c.addObservation(e, "skin tones right");
    c.setStage({"match", "abc", "done", {{"pairs", 2}}, ""});
    c.setQuality({{"frames", 100}});
  }
  // WAL checkpointed on close: project.sqlite alone is the whole catalog.
  fs::copy_file(work / project::kCatalogFileName, dir / "project.sqlite", fs::copy_options::overwrite_existing);
  fs::remove_all(work);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fuzz_make_seeds CORPUS_DIR (tests/fuzz/corpus)\n";
    return 1;
  }
  const fs::path corpus = argv[1];
  mappingSeed(corpus / "mapping_json");
  transformsSeed(corpus / "transforms_json");
  datasetSeed(corpus / "dataset_json");
  modelSeed(corpus / "model_file");
  cubeSeed(corpus / "cube");
  catalogSeed(corpus / "catalog");
  return 0;
}
