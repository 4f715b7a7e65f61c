#include "core/curate/curate_job.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>

#include "core/curate/alignment_flags.h"
#include "core/curate/contact_sheet.h"
#include "core/curate/pair_features.h"
#include "core/exec/errors.h"
#include "core/exec/parallel_for.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/match/mapping.h"

namespace filmrecover::curate {
namespace fs = std::filesystem;

std::string transformsBeside(const std::string& alignedPattern) {
  fs::path p(alignedPattern);
  if (fs::is_directory(p)) return (p / "transforms.json").string();
  if (!p.has_parent_path()) return "transforms.json";
  return (p.parent_path() / "transforms.json").string();
}

CurateResult runCurate(const CurateRequest& r, const CancelToken& cancel, const ProgressCallback& progress) {
  const match::Mapping mapping = match::readMapping(r.mapping);
  const auto source = FrameSource::open(r.source);
  const auto aligned = FrameSource::open(r.aligned);
  const AlignmentFlags alignment =
      readAlignmentFlags(r.transforms.empty() ? transformsBeside(r.aligned) : r.transforms);
  CurateResult result;
  Rect crop = r.crop;
  if (crop.empty()) crop = alignment.crop;
  if (crop.empty()) crop = mapping.sourceActiveArea;
  result.dataset.crop = crop;
  result.dataset.source = r.source;
  result.dataset.aligned = r.aligned;
  result.dataset.mapping = r.mapping;

  std::vector<PairCandidate> candidates;
  for (const auto& pair : mapping.pairs) {
    PairCandidate c;
    c.frame = pair.source;
    c.shot = static_cast<int>(std::upper_bound(mapping.sourceCuts.begin(), mapping.sourceCuts.end(), pair.source) -
                              mapping.sourceCuts.begin());
    if (pair.flagged())
      c.flag = "match: " + pair.flag;
    else if (auto it = alignment.flags.find(pair.source); it != alignment.flags.end())
      c.flag = it->second;
    else if (!source->has(pair.source))
      c.flag = "no source frame";
    else if (!aligned->has(pair.source))
      c.flag = "no aligned frame";
    candidates.push_back(std::move(c));
  }
  result.candidates = static_cast<int>(candidates.size());
  // Measure the usable candidates on a few threads.
  std::vector<size_t> todo;
  for (size_t i = 0; i < candidates.size(); ++i)
    if (candidates[i].flag.empty()) todo.push_back(i);
  std::atomic<size_t> done{0};
  std::mutex unreadableMutex;
  parallelFor(static_cast<int>(todo.size()), r.threads, [&](int k) {
    auto& c = candidates[todo[static_cast<size_t>(k)]];
    try {
      c.features = pairFeatures(source->read(c.frame), aligned->read(c.frame), crop);
    } catch (const FrameDefectError& e) {
      // Never a training pair: rejected with its reason, the others are measured.
      c.flag = "unreadable";
      std::lock_guard<std::mutex> lock(unreadableMutex);
      result.unreadable.push_back(e.defect);
    }
    reportProgress(progress, {"curate", static_cast<long long>(++done), static_cast<long long>(todo.size()),
                              "frame " + std::to_string(c.frame) + " measured"});
  }, &cancel);

  std::set<int> usableFrames;
  for (const auto& c : candidates)
    if (c.flag.empty()) usableFrames.insert(c.frame);
  for (int f : r.selection.add)
    if (!usableFrames.count(f)) result.ignoredAdditions.push_back(f);
  result.dataset.selection = selectPairs(candidates, r.selection);
  if (result.dataset.selection.train.empty())
    throw InputError("No usable pair to train on in " + r.mapping + ": every pair is flagged, removed or unaligned.");
  if (!r.output.empty()) writeDatasetFile(result.dataset, r.output);
  if (!r.contactSheet.empty()) {
    std::vector<ContactTile> tiles;
    for (const auto* list : {&result.dataset.selection.train, &result.dataset.selection.holdout})
      for (int f : *list) {
        ContactTile t;
        t.frame = f;
        t.role = list == &result.dataset.selection.train ? "train" : "holdout";
        t.source = source->read(f);
        t.aligned = aligned->read(f);
        tiles.push_back(std::move(t));
      }
    if (fs::path(r.contactSheet).has_parent_path()) fs::create_directories(fs::path(r.contactSheet).parent_path());
    writeImageAtomic(r.contactSheet, makeContactSheet(tiles));
  }
  return result;
}

}  // namespace filmrecover::curate
