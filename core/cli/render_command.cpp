#include <sstream>

#include "core/cli/command.h"
#include "core/exec/errors.h"
#include "core/infer/renderer.h"
#include "core/io/frame_set.h"

namespace filmrecover::cli {
namespace {

struct RenderFlags {
  RenderJob job;
  std::string frames, device = "auto", precision = "auto";
};

int run(RenderFlags& f, CliContext& ctx) {
  RenderJob& job = f.job;
  if (!f.frames.empty()) job.frames = parseFrameSet(f.frames);
  job.infer.device = parseDeviceChoice(f.device, "--device");
  job.infer.precision = parsePrecision(f.precision, "--precision");
  const RenderResult r = renderSequence(job, ctx.progress());
  nlohmann::json doc = r;
  doc["output"] = job.output;
  std::ostringstream h;
  h << "rendered " << r.rendered << " frame(s)";
  if (r.skipped) h << ", skipped " << r.skipped << " existing";
  h << " → " << job.output << " (" << r.framesPerSecond << " frames/s)";
  if (!r.modelSealed)
    ctx.warn("model '" + job.model + "' carries no SHA-256 seal (written before filmrecover sealed its models): its "
             "weights were checked, its metadata was not; train it again to seal it.");
  for (const auto& why : r.failures) ctx.warn(why);
  if (!r.failedFrames.empty()) h << "\nfailed frames: " << formatFrameSet(r.failedFrames);
  ctx.printResult(doc, h.str());
  return r.failedFrames.empty() ? 0 : 2;
}

}  // namespace

Command addRenderCommand(CLI::App& app) {
  auto f = std::make_shared<RenderFlags>();
  auto* sub = app.add_subcommand(
      "render",
      "Apply a model to a sequence. Output frames are numbered like the source, written\n"
      "atomically with provenance; decode, inference and encode overlap.");
  RenderJob& j = f->job;
  sub->add_option("--model", j.model, "Model file (from train)")->required();
  sub->add_option("--input", j.input, "SOURCE (may be another render's output)")->required();
  sub->add_option("-o,--output", j.output, "Output pattern, e.g. out.####.exr")->required();
  sub->add_option("--frames", f->frames, "Frame set (default: every frame of the source)");
  sub->add_option("--mix", j.infer.mix, "Blend the recovered channels with the source (0..1)")->capture_default_str();
  sub->add_flag("--skip-existing", j.skipExisting, "Leave frames whose output exists (resume)");
  sub->add_option("--format", j.write.format, "Output format exr, dpx, tif, png or jpg (default: from the extension)");
  sub->add_option("--exr-type", j.write.exrDataType, "EXR sample type half or float")->capture_default_str();
  sub->add_option("--tile", j.infer.tileSize, "Largest tile side (multiple of 4; 0 = auto: 2048 on the CPU, from free memory on a GPU); bounds memory")->capture_default_str();
  sub->add_option("--threads", j.infer.threads, "Compute threads (0 = all cores)")->capture_default_str();
  sub->add_option("--device", f->device, "auto, cpu or cuda")->capture_default_str();
  sub->add_option("--precision", f->precision, "auto, fp32, bf16 or fp16 (fp16: CUDA only)")->capture_default_str();
  Command c;
  c.parser = sub;
  c.run = [f](CliContext& ctx) { return run(*f, ctx); };
  return c;
}

}  // namespace filmrecover::cli
