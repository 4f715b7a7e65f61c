// The workflow layer's pieces on their own: the layout and its migration, the training run a
// model file belongs to, and the operator's alignment override.
#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/align/transforms.h"
#include "core/curate/dataset_file.h"
#include "core/exec/errors.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/project/project_catalog.h"
#include "core/workflow/alignment_override.h"
#include "core/workflow/project_layout.h"
#include "core/workflow/render_run.h"
#include "core/workflow/stage_records.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
namespace fs = std::filesystem;

namespace {

//! A picture with detail everywhere, so a misplaced warp shows.
Image texture(int width, int height, double shift) {
  Image image(width, height, 3);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < 3; ++c)
        image.at(x, y, c) = static_cast<float>(0.5 + 0.2 * std::sin(0.37 * (x - shift) + c) * std::cos(0.23 * y));
  return image;
}

}  // namespace

TEST(ProjectLayout, AnEarlierModelFolderMovesIntoModelsAndNothingIsOverwritten) {
  test::TempDir dir("layout");
  const auto layout = workflow::ProjectLayout::at(dir.file("work"));
  fs::create_directories(layout.root + "/model");
  std::ofstream(layout.root + "/model/model.frm") << "old model";
  workflow::migrateLegacyLayout(layout);
  EXPECT_TRUE(fs::exists(layout.model()));
  EXPECT_FALSE(fs::exists(layout.root + "/model"));
  // Both there: nothing is moved over a model of this layout.
  fs::create_directories(layout.root + "/model");
  std::ofstream(layout.root + "/model/model.frm") << "another";
  workflow::migrateLegacyLayout(layout);
  std::ifstream in(layout.model());
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "old model");
  EXPECT_TRUE(fs::exists(layout.root + "/model/model.frm"));
}

TEST(RenderRecords, ARenderNamesTheTrainingRunOfItsModelItsBestOrItsCheckpoint) {
  test::TempDir dir("render-run");
  project::ProjectCatalog catalog(dir.file("p"));
  const std::string model = dir.file("p/models/film.frm");
  const int64_t first = catalog.beginTrainingRun({0, "chroma", {}, dir.file("p/models/other.frm"), "", "", "", {}});
  const int64_t run = catalog.beginTrainingRun({0, "chroma", {}, model, "", "", "", {}});
  EXPECT_NE(first, run);
  EXPECT_EQ(workflow::trainingRunOfModel(catalog, model), run);
  EXPECT_EQ(workflow::trainingRunOfModel(catalog, dir.file("p/models/../models/film.best.frm")), run);
  EXPECT_EQ(workflow::trainingRunOfModel(catalog, dir.file("p/models/film.ckpt.frm")), run);
  EXPECT_EQ(workflow::trainingRunOfModel(catalog, dir.file("elsewhere.frm")), 0);
}

TEST(AlignmentOverride, TheFrameTransformsAndCatalogFollowTheOperatorsMatrix) {
  test::TempDir dir("override");
  const int w = 64, h = 48;
  const auto layout = workflow::ProjectLayout::at(dir.file("p"));
  // The reference shows the source's picture 3 pixels to the right.
  fs::create_directories(dir.file("ref"));
  writeImageAtomic(dir.file("ref/ref.0007.exr"), texture(w, h, 3.0));
  const auto reference = FrameSource::open(dir.file("ref/ref.####.exr"));
  // Align had flagged the pair.
  align::Transforms t;
  t.width = w;
  t.height = h;
  align::FrameTransform f;
  f.source = 5;
  f.reference = 7;
  f.flag = "high-residual";
  t.frames.push_back(f);
  fs::create_directories(layout.alignedDir());
  align::writeTransforms(t, layout.transforms());
  project::ProjectCatalog catalog(layout.root);
  project::TransformRecord row;
  row.sourceFrame = 5;
  row.flagged = true;
  row.reason = "high-residual";
  catalog.replaceTransforms({row});

  workflow::AlignmentOverride change;
  change.sourceFrame = 5;
  change.referenceFrame = 7;
  change.matrix = {1, 0, -3, 0, 1, 0, 0, 0, 1};  // reference x - 3 = source x
  change.width = w;
  change.height = h;
  change.reason = "manual override by test";
  workflow::applyAlignmentOverride(layout, *reference, change, &catalog);

  const Image aligned = FrameSource::open(layout.alignedPattern())->read(5);
  const Image truth = texture(w, h, 0.0);
  double worst = 0;
  for (int y = 2; y < h - 2; ++y)
    for (int x = 2; x < w - 6; ++x)
      for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(double(aligned.at(x, y, c)) - truth.at(x, y, c)));
  EXPECT_LT(worst, 2e-3) << "the aligned frame is the reference moved onto the source";
  const auto after = align::readTransforms(layout.transforms());
  ASSERT_EQ(after.frames.size(), 1u);
  EXPECT_TRUE(after.frames[0].flag.empty());
  EXPECT_DOUBLE_EQ(after.frames[0].matrix[2], -3.0);
  const auto rows = catalog.transforms();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_FALSE(rows[0].flagged);
  EXPECT_EQ(rows[0].reason, "manual override by test");
  EXPECT_DOUBLE_EQ(rows[0].matrix[2], -3.0);
}

TEST(ElementRecords, ARelativeSpecIsRecordedAbsolute) {
  // The catalog is read from other folders (the workstation, a farm node): a pattern given
  // relative to where the command ran must still name the files there.
  test::TempDir dir("element-spec");
  fs::create_directories(dir.file("film"));
  writeImageAtomic(dir.file("film/scan.0001.exr"), texture(8, 8, 0));
  const fs::path before = fs::current_path();
  fs::current_path(dir.path());
  const auto element = FrameSource::open("film/scan.####.exr");
  const auto record = workflow::elementRecord("source", *element);
  fs::current_path(before);
  EXPECT_EQ(record.spec, dir.file("film/scan.####.exr"));
  EXPECT_EQ(workflow::absoluteSpec("/abs/x.####.exr"), "/abs/x.####.exr");
}

TEST(CuratedDataset, TheCatalogsDecisionsBecomeTheDatasetTrainReads) {
  test::TempDir dir("curated-dataset");
  project::ProjectCatalog catalog(dir.file("p"));
  EXPECT_THROW(workflow::writeCuratedDataset(catalog), InputError) << "nothing marked for training";
  const std::string at = project::ProjectCatalog::now();
  catalog.replaceCuration("auto", {{12, "train", "diverse pick", "auto", at}, {3, "train", "diverse pick", "auto", at},
                                   {20, "holdout", "spread over time", "auto", at}});
  catalog.setCuration({7, "train", "", "operator", at});
  catalog.setCuration({9, "rejected", "splice", "operator", at});
  catalog.setCrop({4, 2, 60, 40});
  workflow::writeCuratedDataset(catalog);
  const auto dataset = curate::readDatasetFile(workflow::ProjectLayout::at(dir.file("p")).dataset());
  EXPECT_EQ(dataset.selection.train, (std::vector<int>{3, 7, 12}));
  EXPECT_EQ(dataset.selection.holdout, (std::vector<int>{20}));
  ASSERT_EQ(dataset.selection.rejected.size(), 1u);
  EXPECT_EQ(dataset.selection.rejected[0].frame, 9);
  EXPECT_EQ(dataset.crop.x1, 60);
}
