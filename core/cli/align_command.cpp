#include <memory>
#include <sstream>

#include "core/align/align_pairs.h"
#include "core/cli/command.h"
#include "core/cli/project_flag.h"
#include "core/exec/errors.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"
#include "core/workflow/stage_records.h"
#include "core/workflow/stage_runs.h"

namespace filmrecover::cli {
namespace {

struct AlignFlags {
  std::string source, reference, mapping, output, model = "affine", frames, transforms, exrType = "half";
  bool includeFlagged = false;
  double maxResidual = align::AlignOptions{}.maxResidual;
  int threads = 0;
  ProjectFlag project;
};

}  // namespace

Command addAlignCommand(CLI::App& app) {
  auto flags = std::make_shared<AlignFlags>();
  Command c;
  c.parser = app.add_subcommand("align", "Register mapped reference frames onto their source frames");
  c.parser->footer(
      "For every usable pair of the mapping, registers the reference frame onto the source\n"
      "frame (ECC on luma edges from the mapping's framing, smoothed along steady shots, per\n"
      "frame where the gate weaves) and writes it at the source's resolution and frame number.\n"
      "transforms.json beside the frames holds per frame the 3x3 matrix (reference pixel to\n"
      "source pixel), ECC correlation, residual in pixels, inlier ratio, crop and flag, and the\n"
      "shared crop. Frames already written are kept when run again (resume).\n"
      "See docs/matching.md and docs/cli/align.md.");
  c.parser->add_option("SOURCE", flags->source, "The element to restore")->required();
  c.parser->add_option("REFERENCE", flags->reference, "The element to register onto it")->required();
  c.parser->add_option("--mapping", flags->mapping, "mapping.json written by match (default with --project: its mapping)");
  c.parser->add_option("-o,--output", flags->output,
                       "Pattern of the aligned frames, e.g. aligned/ref.####.exr (EXR half unless the extension says; "
                       "default with --project: its aligned/ folder)");
  c.parser->add_option("--model", flags->model, "translation | similarity | affine | homography (default affine)");
  c.parser->add_option("--frames", flags->frames, "Source frames to align (default: every usable pair)");
  c.parser->add_flag("--include-flagged", flags->includeFlagged, "Also align pairs the mapping flagged");
  c.parser->add_option("--max-residual", flags->maxResidual, "Residual in pixels above which a frame is flagged");
  c.parser->add_option("--transforms", flags->transforms, "Where to write transforms.json (default: beside the frames)");
  c.parser->add_option("--exr-type", flags->exrType, "half | float for EXR output (default half)");
  c.parser->add_option("--threads", flags->threads, "Threads (default: all cores)");
  flags->project.addTo(c.parser);
  c.run = [flags](CliContext& ctx) {
    const auto& project = flags->project;
    flags->mapping = project.valueOr(flags->mapping, "--mapping", [](const auto& l) { return l.mapping(); });
    flags->output = project.valueOr(flags->output, "-o/--output", [](const auto& l) { return l.alignedPattern(); });
    align::AlignOptions options;
    options.registration.model = align::motionModelFromName(flags->model);
    if (flags->exrType != "half" && flags->exrType != "float")
      throw InputError("--exr-type must be half or float, not '" + flags->exrType + "'");
    options.write.exrDataType = flags->exrType;
    options.includeFlaggedPairs = flags->includeFlagged;
    options.maxResidual = flags->maxResidual;
    options.transformsPath = flags->transforms;
    options.mappingPath = flags->mapping;
    options.threads = flags->threads;
    if (!flags->frames.empty()) options.frames = parseFrameSet(flags->frames);
    const match::Mapping mapping = match::readMapping(flags->mapping);
    const auto source = FrameSource::open(flags->source);
    const auto reference = FrameSource::open(flags->reference);
    if (mapping.sourceWidth && mapping.sourceWidth != source->info().width)
      throw InputError("mapping " + flags->mapping + " was made for a source " + std::to_string(mapping.sourceWidth) +
                       " pixels wide, not " + flags->source);
    const auto catalog = project.given() ? project.open() : nullptr;
    const align::Transforms t =
        workflow::runAlign(source, reference, mapping, flags->output, options, catalog.get(), ctx.progress()).transforms;
    if (catalog) workflow::writeProjectExports(*catalog);

    int flagged = 0;
    for (const auto& f : t.frames) flagged += f.flagged();
    const std::string transformsPath =
        flags->transforms.empty() ? align::defaultTransformsPath(flags->output) : flags->transforms;
    nlohmann::json doc = {{"transforms", transformsPath},
                          {"aligned", t.frames.size()},
                          {"flagged", flagged},
                          {"skipped", t.skipped.size()},
                          {"shared_crop", {t.sharedCrop.x0, t.sharedCrop.y0, t.sharedCrop.x1, t.sharedCrop.y1}}};
    std::ostringstream human;
    human << t.frames.size() << " frames aligned (" << flagged << " flagged), " << t.skipped.size()
          << " pairs skipped; shared crop x " << t.sharedCrop.x0 << "-" << t.sharedCrop.x1 << ", y " << t.sharedCrop.y0
          << "-" << t.sharedCrop.y1 << "\ntransforms written to " << transformsPath << "\n";
    // Pairs left out because a frame could not be read: named, and not everything asked for
    // was done.
    int unreadable = 0;
    for (const auto& s : t.skipped)
      if (s.unreadable) {
        ++unreadable;
        ctx.warn(s.reason + "; pair " + std::to_string(s.source) + " / " + std::to_string(s.reference) + " not aligned");
      }
    doc["unreadable"] = unreadable;
    if (unreadable) human << unreadable << " pair(s) not aligned: a frame could not be read (see the warnings)\n";
    ctx.printResult(doc, human.str());
    return (t.frames.empty() && !mapping.pairs.empty()) || unreadable ? 2 : 0;
  };
  return c;
}

}  // namespace filmrecover::cli
