// Render stage: the model over every source frame, resumable frame by frame.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>

#include "core/exec/errors.h"
#include "core/infer/renderer.h"
#include "core/io/frame_set.h"
#include "core/io/output_pattern.h"
#include "core/pipeline/fingerprint.h"
#include "core/pipeline/recover_context.h"
#include "core/pipeline/render_stabilise.h"
#include "core/pipeline/scope_plan.h"
#include "core/workflow/render_run.h"

namespace filmrecover::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

void runRenderStage(RecoverContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string modelPath = ctx.work.model();
  const std::string output = fs::absolute(ctx.options.output).string();
  // The flow-guided stabiliser of the colour correction (render_stabilise.h); its settings
  // are part of the key (only when on, so earlier work dirs keep theirs).
  const StabiliseSettings stabilise = stabiliseSettingsFor(ctx.options.mode, ctx.work.mapping(), ctx.options.stabilise);
  json keyParts = {{"train", ctx.keys["train"]}, {"model", fileFingerprint(modelPath)}, {"output", output}, {"version", 1}};
  if (stabilise.enabled) keyParts["stabilise"] = stabilise;
  // The chroma guide (core/color/chroma_guide.h) is part of the key when it is on.
  InferSettings infer;
  infer.threads = ctx.options.threads;
  if (!ctx.options.chromaGuide || ctx.options.mode == "spatial") infer.chromaGuide.radius = 0;
  if (infer.chromaGuide.radius > 0)
    keyParts["chromaGuide"] = {{"radius", infer.chromaGuide.radius}, {"eps", infer.chromaGuide.eps}};
  // Frames found defective by match are not rendered (they are recorded already).
  const std::vector<int> frames = ctx.usableSourceFrames();
  // Each range of the scope stage with its own model, the broad model the rest; one model
  // for all keeps the key it had before scopes.
  const std::vector<RenderRange> ranges = renderRanges(ctx.stageResult("scope"), modelPath, frames);
  if (ranges.size() != 1 || ranges.front().model != modelPath) {
    json scoped = json::array();
    for (const auto& r : ranges)
      scoped.push_back({{"name", r.name}, {"model", fileFingerprint(r.model)}, {"frames", formatFrameSet(r.frames)}});
    keyParts["scope"] = scoped;
  }
  const std::string key = hashJson(keyParts);
  ctx.keys["render"] = key;
  StageOutcome out{"render"};
  const OutputPattern pattern(output);
  auto countDone = [&] {
    int n = 0;
    for (int f : frames) n += fs::exists(pattern.pathFor(f));
    return n;
  };
  if (ctx.upToDate("render", key) && countDone() == static_cast<int>(frames.size())) {
    out.reused = true;
    ctx.result->framesRendered = static_cast<int>(frames.size());
    out.summary = std::to_string(frames.size()) + " frames in " + output;
    ctx.result->stages.push_back(out);
    return;
  }
  // Same model and output: the frames already written are complete (atomic writes), keep them.
  const bool resume = ctx.interrupted("render", key);
  ctx.begin("render", key);
  RenderResult r;
  for (const auto& range : ranges) {
    RenderJob job;
    job.model = range.model;
    job.input = ctx.options.source;
    job.output = output;
    job.skipExisting = resume;
    job.frames = range.frames;
    job.infer = infer;
    job.stabilise = stabilise;  // ranges are whole shots: the stabiliser never crosses a cut anyway
    job.write.attributes["filmrecover:workDir"] = ctx.work.root;
    job.write.attributes["filmrecover:reference"] = ctx.options.reference;
    if (ranges.size() > 1) job.write.attributes["filmrecover:scopeRange"] = range.name;
    if (!ctx.options.operatorName.empty()) job.write.attributes["filmrecover:operator"] = ctx.options.operatorName;
    if (ranges.size() > 1)
      ctx.note("render: " + range.name + " (frames " + formatFrameSet(range.frames) + ") with " + range.model);
    const workflow::RenderOutcome rendered = workflow::runRender(job, ctx.catalog, 0, ctx.progress, ctx.cancel);
    const RenderResult& part = rendered.result;
    // A frame whose input turned out defective only now is named and skipped like the ones
    // match found; any other failure (a full disk, a failed write) stops the run.
    if (!rendered.onlyInputDefects())
      throw RunError(std::to_string(part.failedFrames.size()) + " frames failed to render (first: " +
                     (part.failures.empty() ? std::string("?") : part.failures.front()) + ").");
    r.rendered += part.rendered;
    r.skipped += part.skipped;
    r.seconds += part.seconds;
    r.defects.insert(r.defects.end(), part.defects.begin(), part.defects.end());
  }
  r.framesPerSecond = r.seconds > 0 ? r.rendered / r.seconds : 0;
  // runRender recorded each range's defects in the catalog (on that range's frames only);
  // the run's result and warnings name them once for all ranges.
  ctx.noteDefects("source", "render", r.defects);
  const int done = countDone();
  if (done + static_cast<int>(r.defects.size()) != static_cast<int>(frames.size()))
    throw RunError("The render left " + std::to_string(frames.size() - done) + " frames of " + output + " missing.");
  ctx.result->framesRendered = done;
  out.resumed = resume;
  std::ostringstream s;
  s << r.rendered << " frames rendered" << (r.skipped ? ", " + std::to_string(r.skipped) + " kept from before" : "")
    << " at " << r.framesPerSecond << " frames/s to " << output;
  if (ranges.size() > 1) s << " (" << ranges.size() << " models)";
  out.summary = s.str();
  ctx.finish("render", key, {{"rendered", r.rendered}, {"skipped", r.skipped}, {"output", output}});
  out.seconds = secondsSince(t0);
  ctx.result->stages.push_back(out);
}

}  // namespace filmrecover::pipeline
