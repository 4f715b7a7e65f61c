#include <memory>

#include "core/cli/command.h"
#include "core/io/frame_defect.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"
#include "core/io/source_summary.h"
#include "core/pipeline/project_summary.h"
#include "core/project/project_catalog.h"

namespace filmrecover::cli {

namespace {

struct InfoOptions {
  std::string source;
  bool verify = false;
  std::string frames;
  int threads = 0;
};

}  // namespace

Command addInfoCommand(CLI::App& app) {
  auto options = std::make_shared<InfoOptions>();
  Command c;
  c.parser = app.add_subcommand(
      "info",
      "Frames, missing frames, resolution, channels, data type, frame rate and colour metadata of a source;\n"
      "for a project folder (a recover work dir): its elements, stages, curation, runs and quality map");
  c.parser->add_option("SOURCE", options->source,
                       "Image sequence (plate.####.exr, plate.%04d.dpx, plate.1001-1100#.exr, @ unpadded), "
                       "movie file (frames from 1), folder holding one sequence, or project folder")
      ->required();
  c.parser->add_flag("--verify", options->verify,
                     "Decode every frame (or --frames) and list every defect: missing, empty, truncated, corrupt,\n"
                     "another size or channel count, NaN/Inf, concealed movie frames; exit 2 when any is found");
  c.parser->add_option("--frames", options->frames, "With --verify: the frames to check (oiiotool frame set)");
  c.parser->add_option("--threads", options->threads, "With --verify: decoding threads (0 = all cores)")
      ->check(CLI::NonNegativeNumber);
  c.run = [options](CliContext& ctx) {
    // Everything is read and checked before anything is printed: no partial output.
    std::vector<int> frames;
    if (!options->frames.empty()) {
      if (!options->verify) throw InputError("--frames is only used with --verify");
      frames = parseFrameSet(options->frames);
    }
    if (project::ProjectCatalog::isProject(options->source)) {
      if (options->verify) throw InputError("--verify checks a source, not the project folder '" + options->source + "'");
      std::string text;
      const nlohmann::json doc = pipeline::projectSummary(options->source, text);
      ctx.printResult(doc, text);
      return 0;
    }
    const auto source = FrameSource::open(options->source);
    // Without --verify only what costs a stat per file: empty files and short DPX frames.
    const std::vector<FrameDefect> defects = options->verify
                                                 ? verifyFrames(*source, frames, options->threads, ctx.progress())
                                                 : suspectFramesBySize(*source);
    nlohmann::json doc = sourceSummaryJson(source->info());
    std::string text = sourceSummaryText(source->info());
    doc[options->verify ? "defects" : "suspects"] = defects;
    for (const auto& d : defects) ctx.warn(d.message);
    if (options->verify) {
      doc["verified"] = frames.empty() ? formatFrameSet(source->info().frames) : formatFrameSet(frames);
      text += "verified:   " + (defects.empty() ? std::string("every frame checked is whole")
                                                 : defectSummary(defects)) + "\n";
    } else if (!defects.empty()) {
      text += "suspect:    " + defectSummary(defects) + " (run info --verify)\n";
    }
    ctx.printResult(doc, text);
    return options->verify && !defects.empty() ? 2 : 0;
  };
  return c;
}

}  // namespace filmrecover::cli
