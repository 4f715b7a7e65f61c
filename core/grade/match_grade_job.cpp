#include "core/grade/match_grade_job.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "core/exec/errors.h"
#include "core/grade/cube_file.h"
#include "core/io/frame_defect.h"
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
          {"lutFitRms", std::to_string(fit.rmsError)},
          {"lut", request.cubePath.empty() ? std::string("not exported") : request.cubePath}};
}

// The training pixels of one frame: the crop cut out, then every k-th row and column so a
// pair holds at most ~maxPixels (decimation, not averaging, keeps each source colour with
// its own target colour). Keeps dozens of 2K/4K pairs within memory.
Image trainingPixels(const Image& frame, const Rect& crop, size_t maxPixels) {
  Rect r = crop.empty() ? Rect{0, 0, frame.width, frame.height}
                        : Rect{std::max(0, crop.x0), std::max(0, crop.y0), std::min(frame.width, crop.x1),
                               std::min(frame.height, crop.y1)};
  if (r.empty())
    throw InputError("the crop " + cropText(crop) + " lies outside the " + std::to_string(frame.width) + "x" +
                     std::to_string(frame.height) + " training frames.");
  const double area = static_cast<double>(r.width()) * r.height();
  const int step = std::max(1, static_cast<int>(std::ceil(std::sqrt(area / static_cast<double>(maxPixels)))));
  Image out((r.width() + step - 1) / step, (r.height() + step - 1) / step, 3);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x)
      for (int c = 0; c < 3; ++c) out.at(x, y, c) = frame.at(r.x0 + x * step, r.y0 + y * step, c);
  return out;
}

}  // namespace

MatchGradeFit fitMatchGrade(const std::string& inputSpec, const std::string& targetSpec, const std::vector<int>& frames,
                            const LutFitOptions& options, const ProgressCallback& progress, const CancelToken& cancel) {
  if (frames.empty()) throw InputError("no training frames to fit the match-grade on.");
  const auto input = FrameSource::open(inputSpec);
  const auto target = FrameSource::open(targetSpec);
  for (int f : frames) {
    if (!input->has(f)) throw InputError("training frame " + std::to_string(f) + " is not in " + inputSpec + ".");
    if (!target->has(f)) throw InputError("training frame " + std::to_string(f) + " is not in " + targetSpec + ".");
  }
  // Training pairs: cropped and decimated as they are read, so the frames themselves are
  // not all held at once; the sample budget of the fit is shared between the pairs.
  const size_t perPair = std::max<size_t>(4096, options.maxSamples / std::max<size_t>(1, frames.size()) * 2);
  MatchGradeFit result;
  std::vector<Image> sources, targets;
  const long long steps = static_cast<long long>(frames.size());
  for (size_t i = 0; i < frames.size(); ++i) {
    cancel.throwIfCancelled();
    const int f = frames[i];
    Image src, dst;
    try {
      src = input->read(f);
      dst = target->read(f);
    } catch (const FrameDefectError& e) {
      // A damaged pair is left out of the fit and named; the other pairs still fit the LUT.
      result.failures.push_back("training " + std::string(e.what()));
      continue;
    }
    if (src.width != dst.width || src.height != dst.height)
      throw InputError("frame " + std::to_string(f) + " of " + targetSpec + " is " + std::to_string(dst.width) +
                       "x" + std::to_string(dst.height) + " but the source is " + std::to_string(src.width) + "x" +
                       std::to_string(src.height) + "; grade needs aligned frames (run align first).");
    sources.push_back(trainingPixels(src, options.crop, perPair));
    targets.push_back(trainingPixels(dst, options.crop, perPair));
    result.frames.push_back(f);
    reportProgress(progress, {"read pairs", static_cast<long long>(i + 1), steps, "pair " + std::to_string(f) + " read"});
  }
  if (sources.empty())
    throw InputError("no training pair of " + inputSpec + " and " + targetSpec + " can be read (" +
                     (result.failures.empty() ? std::string("none given") : result.failures.front()) + ").");
  std::vector<LutTrainingPair> pairs;
  for (size_t i = 0; i < sources.size(); ++i) pairs.push_back({&sources[i], &targets[i]});
  reportProgress(progress, {"fit lut", 0, 1, "fitting the " + std::to_string(options.size) + "^3 LUT"});
  LutFitOptions fit = options;
  fit.crop = Rect{};  // already applied by trainingPixels
  result.lut = fitLut(pairs, fit, &result.report, cancel);
  reportProgress(progress, {"fit lut", 1, 1, "LUT fitted"});
  return result;
}

MatchGradeResult runMatchGrade(const MatchGradeRequest& request, const ProgressCallback& progress,
                               const CancelToken& cancel) {
  if (request.trainingFrames.empty()) throw InputError("--frames names no training frames.");
  const auto input = FrameSource::open(request.input);
  const OutputPattern pattern(request.output);
  // Frames asked for (or inside the source's range) that are not there are named as
  // missing, as render names them; the others are graded.
  std::vector<int> render, absent = request.renderFrames.empty() ? input->info().missing : std::vector<int>{};
  for (int f : request.renderFrames.empty() ? input->info().frames : request.renderFrames)
    (input->has(f) ? render : absent).push_back(f);
  if (render.empty())
    throw InputError("source '" + request.input + "' holds none of the frames to grade" +
                     (absent.empty() ? std::string(".") : " (" + formatFrameSet(absent) + " asked for)."));

  MatchGradeResult result;
  MatchGradeFit fitted =
      fitMatchGrade(request.input, request.target, request.trainingFrames, request.fit, progress, cancel);
  result.lut = std::move(fitted.lut);
  result.fit = fitted.report;
  result.pairsLeftOut = fitted.failures;
  result.failures = std::move(fitted.failures);
  for (int f : absent) {
    result.unreadable.push_back(missingFrameDefect(*input, f));
    result.failures.push_back(result.unreadable.back().message);
  }

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
      Image frame;
      try {
        frame = input->read(f);
      } catch (const InputError& e) {
        result.unreadable.push_back(defectOf(e, f, input->framePath(f)));
        // A FrameDefectError's sentence names frame and file already; another error does not.
        const bool named = dynamic_cast<const FrameDefectError*>(&e) != nullptr;
        result.failures.push_back(named ? std::string(e.what())
                                        : "frame " + std::to_string(f) + " (" + input->framePath(f) + "): " + e.what());
      }
      if (!frame.empty()) {
        Image graded = applyLut(result.lut, frame, request.fit.threads);
        addProvenance(graded.attributes, fields, /*composite=*/false);
        graded.attributes["filmrecover:sourceFrame"] = std::to_string(f);
        try {
          writeImageAtomic(path, graded);
          result.written.push_back(f);
        } catch (const RunError& e) {
          if (request.stopOnWriteError) throw;
          result.failures.push_back(std::string("frame ") + std::to_string(f) + ": " + e.what());
        } catch (const InputError& e) {  // an output the writer refuses (format, path)
          if (request.stopOnWriteError) throw;
          result.failures.push_back(std::string("frame ") + std::to_string(f) + ": " + e.what());
        }
      }
    }
    reportProgress(progress, {"grade", static_cast<long long>(i + 1), static_cast<long long>(render.size()),
                              "frame " + std::to_string(f) + " done"});
  }
  return result;
}

}  // namespace filmrecover::grade
