#include <algorithm>
#include <memory>
#include <sstream>

#include "core/cli/command.h"
#include "core/cli/crop_flag.h"
#include "core/cli/project_flag.h"
#include "core/curate/dataset_file.h"
#include "core/workflow/stage_records.h"
#include "core/exec/errors.h"
#include "core/grade/match_grade_job.h"
#include "core/io/frame_set.h"

namespace filmrecover::cli {
namespace {

struct GradeFlags {
  grade::MatchGradeRequest request;
  std::string frames, renderFrames, crop;
  ProjectFlag project;
};

}  // namespace

Command addGradeCommand(CLI::App& app) {
  auto flags = std::make_shared<GradeFlags>();
  auto& r = flags->request;
  Command c;
  c.parser = app.add_subcommand("grade", "The match-grade baseline: a 3D LUT fitted on pairs, applied to the source");
  c.parser->footer(
      "Fits a 3D LUT (in a log pre-space, regularised least squares) that maps the source\n"
      "frames of --frames onto their aligned target frames, then applies it to every source\n"
      "frame (or --render-frames). Output frames keep the source frame numbers and carry\n"
      "provenance. --cube exports the LUT for a grading system. See docs/cli/grade.md.");
  c.parser->add_option("--input", r.input,
                       "The element to grade (sequence pattern, movie or folder; default with --project: its source)");
  c.parser->add_option("--target", r.target,
                       "Aligned reference frames, numbered like the source (default with --project: its aligned/ frames)");
  c.parser->add_option("--frames", flags->frames,
                       "Training frames (frame set, e.g. 1001-1100x10; default with --project: its dataset's training frames)");
  c.parser->add_option("-o,--output", r.output,
                       "Output pattern (e.g. graded.####.exr; default with --project: its baseline/ folder)");
  c.parser->add_option("--lut-size", r.fit.size, "Lattice nodes per axis: 33 or 65 (2..129 accepted)")
      ->capture_default_str();
  c.parser->add_option("--cube", r.cubePath, "Also write the LUT as a .cube file (Resolve/Adobe format)");
  c.parser->add_option("--crop", flags->crop, "Train only on x0,y0,x1,y1 of each pair (source pixels)");
  c.parser->add_option("--smoothness", r.fit.smoothness, "Weight of the LUT's smoothness against the pairs")
      ->capture_default_str();
  c.parser->add_option("--render-frames", flags->renderFrames, "Frames to grade (default: every source frame)");
  c.parser->add_flag("--skip-existing", r.skipExisting, "Keep output frames that already exist (resume)");
  flags->project.addTo(c.parser);
  c.run = [flags](CliContext& ctx) {
    auto req = flags->request;
    const auto& project = flags->project;
    req.input = project.elementOr(req.input, "--input", "source");
    req.target = project.valueOr(req.target, "--target", [](const auto& l) { return l.alignedPattern(); });
    req.output = project.valueOr(req.output, "-o/--output", [](const auto& l) { return l.baselinePattern(); });
    if (project.given() && req.cubePath.empty()) req.cubePath = project.layout().baselineLut();
    if (flags->frames.empty() && project.given()) {
      const auto dataset = curate::readDatasetFile(project.layout().dataset());
      req.trainingFrames = dataset.selection.train;
      if (flags->crop.empty()) req.fit.crop = dataset.crop;
    } else {
      req.trainingFrames = parseFrameSet(project.valueOr(flags->frames, "--frames", [](const auto&) { return std::string(); }));
    }
    if (!flags->renderFrames.empty()) req.renderFrames = parseFrameSet(flags->renderFrames);
    if (!flags->crop.empty()) req.fit.crop = parseCropFlag("--crop", flags->crop);
    if (req.fit.size < 2 || req.fit.size > 129)
      throw InputError("--lut-size must be between 2 and 129 (33 or 65 usually), not " + std::to_string(req.fit.size) + ".");
    if (!(req.fit.smoothness > 0)) throw InputError("--smoothness must be positive.");
    const auto result = grade::runMatchGrade(req, ctx.progress());
    for (const auto& f : result.failures) ctx.warn(f);
    if (project.given()) {
      const auto catalog = project.open();
      std::vector<int> graded = result.written;
      graded.insert(graded.end(), result.skipped.begin(), result.skipped.end());
      std::sort(graded.begin(), graded.end());
      workflow::recordBaselineGrade(*catalog, req.input, req.output, graded, req.trainingFrames,
                                    req.cubePath.empty() ? std::string() : req.cubePath,
                                    {{"size", result.lut.size}, {"samples", result.fit.samples},
                                     {"rmsError", result.fit.rmsError}, {"seconds", result.fit.seconds}});
      workflow::recordFrameDefects(*catalog, "source", "grade", result.unreadable, req.renderFrames);
      workflow::writeProjectExports(*catalog);
    }
    nlohmann::json doc = {{"output", req.output},
                          {"written", formatFrameSet(result.written)},
                          {"frames_written", result.written.size()},
                          {"skipped", formatFrameSet(result.skipped)},
                          {"failed", result.failures},
                          {"training_frames", formatFrameSet(req.trainingFrames)},
                          {"lut",
                           {{"size", result.lut.size},
                            {"shaper_strength", result.lut.shaperStrength},
                            {"samples", result.fit.samples},
                            {"iterations", result.fit.iterations},
                            {"rms_error", result.fit.rmsError},
                            {"seconds", result.fit.seconds}}}};
    if (!req.cubePath.empty()) doc["cube"] = req.cubePath;
    std::ostringstream human;
    human << "fitted a " << result.lut.size << "^3 LUT on " << req.trainingFrames.size() << " pairs ("
          << result.fit.samples << " pixels, rms error " << result.fit.rmsError << ", " << result.fit.seconds << " s)\n"
          << "graded " << result.written.size() << " frames to " << req.output;
    if (!result.skipped.empty()) human << " (" << result.skipped.size() << " existing kept)";
    if (!req.cubePath.empty()) human << "\nwrote " << req.cubePath;
    if (!result.failures.empty()) human << "\n" << result.failures.size() << " frames failed";
    ctx.printResult(doc, human.str());
    return result.failures.empty() ? 0 : 2;
  };
  return c;
}

}  // namespace filmrecover::cli
