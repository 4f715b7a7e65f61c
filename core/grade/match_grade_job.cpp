#include "core/grade/match_grade_job.h"

#include <filesystem>
#include <map>

#include "core/exec/errors.h"
#include "core/grade/cube_file.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/io/output_pattern.h"
#include "core/io/provenance.h"

namespace filmrecover::grade {
namespace {

std::string cropText(const Rect& r) {
  if (r.empty()) return "full frame";
  return std::to_string(r.x0) + "," + std::to_string(r.y0) + "," + std::to_string(r.x1) + "," + std::to_string(r.y1);
}

std::map<std::string, std::string> provenanceFields(const MatchGradeRequest& request, const LutFitReport& fit) {
  return {{"recovery", "match-grade"},
          {"source", request.input},
          {"reference", request.target},
          {"trainingFrames", formatFrameSet(request.trainingFrames)},
          {"lutSize", std::to_string(request.fit.size)},
          {"lutPreSpace", "log(1+a x)/log(1+a), a=" + std::to_string(request.fit.shaperStrength)},
          {"lutSmoothness", std::to_string(request.fit.smoothness)},
          {"crop", cropText(request.fit.crop)},
          {"lutFitRms", std::to_string(fit.rmsError)}};
}

}  // namespace

MatchGradeResult runMatchGrade(const MatchGradeRequest& request, const ProgressCallback& progress,
                               const CancelToken& cancel) {
  if (request.trainingFrames.empty()) throw InputError("--frames names no training frames.");
  const auto input = FrameSource::open(request.input);
  const auto target = FrameSource::open(request.target);
  const OutputPattern pattern(request.output);
  for (int f : request.trainingFrames) {
    if (!input->has(f)) throw InputError("training frame " + std::to_string(f) + " is not in " + request.input + ".");
    if (!target->has(f)) throw InputError("training frame " + std::to_string(f) + " is not in " + request.target + ".");
  }
  const std::vector<int> render = request.renderFrames.empty() ? input->info().frames : request.renderFrames;
  for (int f : render)
    if (!input->has(f)) throw InputError("frame " + std::to_string(f) + " to grade is not in " + request.input + ".");

  // Training pairs: read all (a few dozen frames at most in practice), then fit.
  std::vector<Image> sources, targets;
  const long long steps = static_cast<long long>(request.trainingFrames.size());
  for (size_t i = 0; i < request.trainingFrames.size(); ++i) {
    cancel.throwIfCancelled();
    const int f = request.trainingFrames[i];
    sources.push_back(input->read(f));
    targets.push_back(target->read(f));
    if (sources.back().width != targets.back().width || sources.back().height != targets.back().height)
      throw InputError("frame " + std::to_string(f) + " of " + request.target + " is " +
                       std::to_string(targets.back().width) + "x" + std::to_string(targets.back().height) +
                       " but the source is " + std::to_string(sources.back().width) + "x" +
                       std::to_string(sources.back().height) + "; grade needs aligned frames (run align first).");
    reportProgress(progress, {"read pairs", static_cast<long long>(i + 1), steps, "pair " + std::to_string(f) + " read"});
  }
  std::vector<LutTrainingPair> pairs;
  for (size_t i = 0; i < sources.size(); ++i) pairs.push_back({&sources[i], &targets[i]});
  MatchGradeResult result;
  reportProgress(progress, {"fit lut", 0, 1, "fitting the " + std::to_string(request.fit.size) + "^3 LUT"});
  result.lut = fitLut(pairs, request.fit, &result.fit, cancel);
  reportProgress(progress, {"fit lut", 1, 1, "LUT fitted"});
  sources.clear();
  targets.clear();

  const auto fields = provenanceFields(request, result.fit);
  if (!request.cubePath.empty()) {
    std::vector<std::string> comments{"filmrecover match-grade (display-referred Rec.709 in and out)"};
    for (const auto& [k, v] : fields) comments.push_back(k + ": " + v);
    writeCube(result.lut, request.cubePath, comments);
  }

  const auto outDir = std::filesystem::path(pattern.pathFor(render.empty() ? 0 : render.front())).parent_path();
  if (!outDir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(outDir, ec);
  }
  for (size_t i = 0; i < render.size(); ++i) {
    cancel.throwIfCancelled();
    const int f = render[i];
    const std::string path = pattern.pathFor(f);
    if (request.skipExisting && std::filesystem::exists(path)) {
      result.skipped.push_back(f);
    } else {
      try {
        Image frame = input->read(f);
        Image graded = applyLut(result.lut, frame, request.fit.threads);
        addProvenance(graded.attributes, fields, /*composite=*/false);
        graded.attributes["filmrecover:sourceFrame"] = std::to_string(f);
        writeImageAtomic(path, graded);
        result.written.push_back(f);
      } catch (const InputError& e) {
        result.failures.push_back(std::string("frame ") + std::to_string(f) + ": " + e.what());
      } catch (const RunError& e) {
        result.failures.push_back(std::string("frame ") + std::to_string(f) + ": " + e.what());
      }
    }
    reportProgress(progress, {"grade", static_cast<long long>(i + 1), static_cast<long long>(render.size()),
                              "frame " + std::to_string(f) + " done"});
  }
  return result;
}

}  // namespace filmrecover::grade
