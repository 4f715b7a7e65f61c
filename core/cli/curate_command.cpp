#include <memory>
#include <sstream>

#include "core/cli/command.h"
#include "core/cli/crop_flag.h"
#include "core/cli/project_flag.h"
#include "core/io/frame_source.h"
#include "core/workflow/stage_records.h"
#include "core/workflow/stage_runs.h"
#include "core/curate/curate_job.h"
#include "core/exec/errors.h"
#include "core/io/frame_defect.h"
#include "core/io/frame_set.h"

namespace filmrecover::cli {
namespace {

struct CurateFlags {
  curate::CurateRequest request;
  std::string add, remove, crop;
  ProjectFlag project;
};

}  // namespace

Command addCurateCommand(CLI::App& app) {
  auto flags = std::make_shared<CurateFlags>();
  auto& r = flags->request;
  Command c;
  c.parser = app.add_subcommand("curate", "Suggest training and hold-out pairs");
  c.parser->footer(
      "Picks diverse pairs (brightness, colour, texture, spread over shots and time) with\n"
      "greedy k-centre selection; pairs flagged by match or align are rejected with the reason.\n"
      "Writes dataset.json: {\"train\":[..],\"holdout\":[..],\"rejected\":[{\"frame\",\"reason\"}],\"crop\":{..}}.\n"
      "See docs/cli/curate.md.");
  c.parser->add_option("SOURCE", r.source,
                       "The element to restore (sequence pattern, movie or folder; default with --project: its source)");
  c.parser->add_option("ALIGNED", r.aligned,
                       "Aligned reference frames, numbered like the source (default with --project: its aligned/ frames)");
  c.parser->add_option("--mapping", r.mapping, "mapping.json written by match (default with --project: its mapping)");
  c.parser->add_option("-o,--output", r.output, "dataset.json to write (default with --project: its dataset.json)");
  c.parser->add_option("--train", r.selection.train, "Training pairs to pick")->capture_default_str();
  c.parser->add_option("--holdout", r.selection.holdout, "Hold-out pairs to pick (never trained on)")
      ->capture_default_str();
  c.parser->add_option("--add", flags->add, "Frames that must be in training (frame set, e.g. 1012,1040-1042)");
  c.parser->add_option("--remove", flags->remove, "Frames to reject (frame set)");
  c.parser->add_option("--contact-sheet", r.contactSheet, "Write a contact sheet image of the chosen pairs");
  c.parser->add_option("--transforms", r.transforms,
                       "transforms.json written by align (default: beside the aligned frames)");
  c.parser->add_option("--crop", flags->crop, "Crop x0,y0,x1,y1 in source pixels (default: align's shared crop)");
  c.parser->add_option("--threads", r.threads, "Threads measuring frames (0 = all cores)")->capture_default_str();
  flags->project.addTo(c.parser);
  c.run = [flags](CliContext& ctx) {
    auto req = flags->request;
    const auto& project = flags->project;
    req.source = project.elementOr(req.source, "SOURCE", "source");
    req.aligned = project.valueOr(req.aligned, "ALIGNED", [](const auto& l) { return l.alignedPattern(); });
    req.mapping = project.valueOr(req.mapping, "--mapping", [](const auto& l) { return l.mapping(); });
    req.output = project.valueOr(req.output, "-o/--output", [](const auto& l) { return l.dataset(); });
    if (project.given() && req.contactSheet.empty()) req.contactSheet = project.layout().contactSheet();
    if (req.selection.train < 1) throw InputError("--train must be at least 1.");
    if (req.selection.holdout < 0) throw InputError("--holdout cannot be negative.");
    if (!flags->add.empty()) req.selection.add = parseFrameSet(flags->add);
    if (!flags->remove.empty()) req.selection.remove = parseFrameSet(flags->remove);
    if (!flags->crop.empty()) req.crop = parseCropFlag("--crop", flags->crop);
    const auto catalog = project.given() ? project.open() : nullptr;
    const auto result = workflow::runCurate(req, catalog.get(), "auto", {}, ctx.progress()).result;
    if (catalog) workflow::writeProjectExports(*catalog);
    for (int f : result.ignoredAdditions)
      ctx.warn("Frame " + std::to_string(f) + " given to --add has no usable pair; it was not added.");
    const auto& s = result.dataset.selection;
    if (static_cast<int>(s.train.size()) < req.selection.train)
      ctx.warn("Only " + std::to_string(s.train.size()) + " training pairs could be picked (" +
               std::to_string(req.selection.train) + " asked).");
    nlohmann::json doc = curate::datasetToJson(result.dataset);
    doc["output"] = req.output;
    if (!req.contactSheet.empty()) doc["contactSheet"] = req.contactSheet;
    std::ostringstream human;
    human << "train " << formatFrameSet(s.train) << " (" << s.train.size() << ")\n"
          << "holdout " << formatFrameSet(s.holdout) << " (" << s.holdout.size() << ")\n"
          << "rejected " << s.rejected.size() << " of " << result.candidates << " pairs\n"
          << "wrote " << req.output;
    if (!req.contactSheet.empty()) human << " and " << req.contactSheet;
    for (const auto& d : result.unreadable) ctx.warn(d.message + "; the pair is rejected");
    doc["unreadable"] = result.unreadable;
    if (!result.unreadable.empty()) human << "\nunreadable: " << defectSummary(result.unreadable);
    ctx.printResult(doc, human.str());
    return result.unreadable.empty() ? 0 : 2;
  };
  return c;
}

}  // namespace filmrecover::cli
