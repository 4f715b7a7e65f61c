// A transforms.json and mapping.json from elsewhere whose path fields point outside the work
// folder ('..' and absolute paths): align, resuming over them, writes only under its output
// pattern and records where it really wrote. No path read from these files is a write
// destination (docs/reliability.md, hostile files).
#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "core/align/align_pairs.h"
#include "core/align/transforms.h"
#include "core/io/output_pattern.h"
#include "core/match/json_file.h"
#include "tests/core/match/film_material.h"
#include "tests/support/test_support.h"

namespace filmrecover::test {
namespace {

namespace fs = std::filesystem;

std::set<std::string> filesUnder(const fs::path& root) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) out.insert(e.path().string());
  return out;
}

TEST(HostilePaths, AlignNeverWritesWhereACraftedTransformsFilePoints) {
  MaterialOptions o;
  o.frames = 16;
  o.shots = 1;
  o.startOffset = 2;
  o.endTrim = 2;
  const Material m = makeMaterial(o);
  match::Mapping mapping;
  mapping.source = m.source.spec;
  mapping.reference = m.reference.spec;
  for (int frame : m.coverableSource())
    for (size_t j = 0; j < m.refTruth.size() && mapping.pairs.size() < 4; ++j)
      if (m.refTruth[j].film == m.filmOfSource(frame) && !m.refTruth[j].blended()) {
        mapping.pairs.push_back({frame, o.refFirstFrame + int(j), 1.0f, ""});
        break;
      }
  ASSERT_FALSE(mapping.pairs.empty());

  TempDir dir("hostile-paths");
  const fs::path work = dir.path() / "project" / "work";
  const std::string pattern = (work / "aligned" / "aligned.####.exr").string();
  align::AlignOptions options;
  options.transformsPath = (work / "aligned" / "transforms.json").string();
  const align::Transforms first = align::alignPairs(m.source, m.reference, mapping, pattern, options);
  ASSERT_FALSE(first.frames.empty());

  // The crafted file: every path field leads out of the work folder.
  const fs::path outside = dir.path() / "outside";
  nlohmann::json doc = match::readJsonFile(options.transformsPath, "transforms");
  for (size_t i = 0; i < doc["frames"].size(); ++i)
    doc["frames"][i]["file"] = i % 2 ? "../../../outside/escaped.exr" : (outside / "absolute.exr").string();
  doc["output"] = (outside / "out.####.exr").string();
  doc["mapping"] = "../../../outside/mapping.json";
  match::writeJsonAtomic(doc, options.transformsPath);
  mapping.source = "../../outside/source.####.exr";  // specs are read, never written
  const std::set<std::string> before = filesUnder(dir.path());

  const align::Transforms again = align::alignPairs(m.source, m.reference, mapping, pattern, options);
  EXPECT_FALSE(fs::exists(outside));
  EXPECT_FALSE(fs::exists(fs::path("../../../outside")));
  for (const std::string& f : filesUnder(dir.path())) {
    if (!before.count(f)) {
      EXPECT_EQ(f.rfind((work / "aligned").string(), 0), 0u) << "written outside: " << f;
    }
  }
  // What align records is where it wrote, not what the crafted file said.
  ASSERT_EQ(again.frames.size(), first.frames.size());
  for (const auto& f : align::readTransforms(options.transformsPath).frames)
    EXPECT_EQ(f.file, OutputPattern(pattern).pathFor(f.source));
}

}  // namespace
}  // namespace filmrecover::test
