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

namespace filmrecover::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

void runRenderStage(RecoverContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string modelPath = ctx.work.model();
  const std::string output = fs::absolute(ctx.options.output).string();
  const std::string key = hashJson({{"train", ctx.keys["train"]}, {"model", fileFingerprint(modelPath)},
                                    {"output", output}, {"version", 1}});
  ctx.keys["render"] = key;
  StageOutcome out{"render"};
  // Frames found defective by match are not rendered (they are recorded already).
  const std::vector<int> frames = ctx.usableSourceFrames();
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
  RenderJob job;
  job.model = modelPath;
  job.input = ctx.options.source;
  job.output = output;
  job.skipExisting = resume;
  job.frames = frames;
  job.infer.threads = ctx.options.threads;
  job.write.attributes["filmrecover:workDir"] = ctx.work.root;
  job.write.attributes["filmrecover:reference"] = ctx.options.reference;
  if (!ctx.options.operatorName.empty()) job.write.attributes["filmrecover:operator"] = ctx.options.operatorName;
  project::RenderRecord record;
  record.output = output;
  record.frames = formatFrameSet(frames);
  const auto runs = ctx.catalog->trainingRuns();
  record.runId = runs.empty() ? 0 : runs.back().id;
  const int64_t renderId = ctx.catalog->beginRender(record);
  RenderResult r;
  try {
    r = renderSequence(job, ctx.progress, ctx.cancel);
  } catch (...) {
    ctx.catalog->finishRender(renderId, "failed", json::object());
    throw;
  }
  json provenance = job;
  provenance["result"] = r;
  // A frame whose input turned out defective only now is named and skipped like the ones
  // match found; any other failure (a full disk, a failed write) stops the run.
  if (r.failedFrames.size() > r.defects.size()) {
    ctx.catalog->finishRender(renderId, "failed", provenance);
    throw RunError(std::to_string(r.failedFrames.size()) + " frames failed to render (first: " +
                   (r.failures.empty() ? std::string("?") : r.failures.front()) + ").");
  }
  ctx.catalog->finishRender(renderId, "done", provenance);
  ctx.recordDefects("source", "render", r.defects);
  const int done = countDone();
  if (done + static_cast<int>(r.defects.size()) != static_cast<int>(frames.size()))
    throw RunError("The render left " + std::to_string(frames.size() - done) + " frames of " + output + " missing.");
  ctx.result->framesRendered = done;
  out.resumed = resume;
  std::ostringstream s;
  s << r.rendered << " frames rendered" << (r.skipped ? ", " + std::to_string(r.skipped) + " kept from before" : "")
    << " at " << r.framesPerSecond << " frames/s to " << output;
  out.summary = s.str();
  ctx.finish("render", key, {{"rendered", r.rendered}, {"skipped", r.skipped}, {"output", output}});
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ctx.result->stages.push_back(out);
}

}  // namespace filmrecover::pipeline
