#include <filesystem>
#include <sstream>

#include "core/cli/command.h"
#include "core/cli/project_flag.h"
#include "core/workflow/render_run.h"
#include "core/workflow/stage_records.h"
#include "core/exec/errors.h"
#include "core/infer/renderer.h"
#include "core/io/frame_set.h"
#include "core/match/mapping.h"

namespace filmrecover::cli {
namespace {

struct RenderFlags {
  RenderJob job;
  std::string frames, device = "auto", precision = "auto", cuts;
  bool stabilise = false;
  ProjectFlag project;
};

int run(RenderFlags& f, CliContext& ctx) {
  RenderJob& job = f.job;
  if (!f.frames.empty()) job.frames = parseFrameSet(f.frames);
  job.infer.device = parseDeviceChoice(f.device, "--device");
  job.infer.precision = parsePrecision(f.precision, "--precision");
  const ProjectFlag& project = f.project;
  job.input = project.elementOr(job.input, "--input", "source");
  job.model = project.valueOr(job.model, "--model", [](const auto& l) { return l.model(); });
  job.output = project.valueOr(job.output, "-o/--output", [&job](const auto& l) {
    return l.rendersDir() + "/" + std::filesystem::path(job.model).stem().string() + "/restored.####.exr";
  });
  if (f.stabilise) {
    job.stabilise.enabled = true;
    if (!f.cuts.empty())
      job.stabilise.cuts = parseFrameSet(f.cuts);
    else if (project.given())
      job.stabilise.cuts = match::sourceCutsIn(project.layout().mapping());
  } else if (!f.cuts.empty()) {
    throw InputError("--cuts is for --stabilise (the shots the temporal filter must not cross).");
  }
  const auto catalog = project.given() ? project.open() : nullptr;
  const workflow::RenderOutcome outcome = workflow::runRender(job, catalog.get(), 0, ctx.progress());
  if (catalog) workflow::writeProjectExports(*catalog);
  const RenderResult& r = outcome.result;
  nlohmann::json doc = r;
  doc["output"] = job.output;
  if (outcome.renderId) doc["render"] = outcome.renderId;
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
  sub->add_option("--model", j.model, "Model file (from train; default with --project: its models/model.frm)");
  sub->add_option("--input", j.input, "SOURCE (may be another render's output; default with --project: its source)");
  sub->add_option("-o,--output", j.output,
                  "Output pattern, e.g. out.####.exr (default with --project: its renders/MODEL/restored.####.exr)");
  sub->add_option("--frames", f->frames, "Frame set (default: every frame of the source)");
  sub->add_option("--mix", j.infer.mix, "Blend the recovered channels with the source (0..1)")->capture_default_str();
  sub->add_option("--chroma-guide-radius", j.infer.chromaGuide.radius,
                  "Chroma and combined models: the recovered colour follows the output's luma edges within this "
                  "many pixels (guided filter; 0 = off)")
      ->capture_default_str();
  sub->add_flag("--skip-existing", j.skipExisting, "Leave frames whose output exists (resume)");
  sub->add_option("--format", j.write.format, "Output format exr, dpx, tif, png or jpg (default: from the extension)");
  sub->add_option("--exr-type", j.write.exrDataType, "EXR sample type half or float")->capture_default_str();
  sub->add_option("--tile", j.infer.tileSize, "Largest tile side (multiple of 4; 0 = auto: 2048 on the CPU, from free memory on a GPU); bounds memory")->capture_default_str();
  sub->add_option("--threads", j.infer.threads, "Compute threads (0 = all cores)")->capture_default_str();
  sub->add_option("--device", f->device, "auto, cpu or cuda")->capture_default_str();
  sub->add_option("--precision", f->precision, "auto, fp32, bf16 or fp16 (fp16: CUDA only)")->capture_default_str();
  sub->add_flag("--stabilise", f->stabilise,
                "Filter the recovered colour along the source's motion over a few frames, never across a cut "
                "(chroma and combined models; the luma is left as rendered)");
  sub->add_option("--stabilise-target", j.stabilise.target,
                  "chroma (the output's Cb, Cr) or correction (output minus source: the source's chroma noise stays)")
      ->capture_default_str();
  sub->add_option("--stabilise-radius", j.stabilise.radius, "Frames each side the filter reaches (0..4)")
      ->capture_default_str();
  sub->add_option("--cuts", f->cuts,
                  "First frames of shots for --stabilise (default with --project: the source's cuts from its mapping)");
  f->project.addTo(sub);
  Command c;
  c.parser = sub;
  c.run = [f](CliContext& ctx) { return run(*f, ctx); };
  return c;
}

}  // namespace filmrecover::cli
