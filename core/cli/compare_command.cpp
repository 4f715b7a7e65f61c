#include <memory>

#include "core/analysis/sequence_metrics.h"
#include "core/cli/command.h"
#include "core/exec/errors.h"
#include "core/io/frame_defect.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"

namespace filmrecover::cli {
namespace {

struct CompareFlags {
  std::string a, b, source, frames;
  bool noDeltaE = false, noTemporal = false, noGrain = false;
};

}  // namespace

Command addCompareCommand(CLI::App& app) {
  auto flags = std::make_shared<CompareFlags>();
  Command c;
  c.parser = app.add_subcommand("compare", "PSNR, SSIM, delta E 2000, identity, flicker and grain of A against B");
  c.parser->footer(
      "Per frame and mean: PSNR (RGB, luma, chroma), SSIM, mean and 95th percentile CIEDE2000;\n"
      "with --source: luma identity (max |dY|) and chroma identity (max |dCbCr|) of A against it.\n"
      "Over consecutive frames: change in mean luma/chroma (flicker) and the warping error under\n"
      "DIS optical flow of the source (or B) with an occlusion mask. Grain: noise power spectra\n"
      "of B's flattest blocks in A and B. See docs/cli/compare.md and docs/qc.md.");
  c.parser->add_option("A", flags->a, "The sequence to judge (e.g. a restoration)")->required();
  c.parser->add_option("B", flags->b, "What it is compared with (e.g. the aligned reference)")->required();
  c.parser->add_option("--frames", flags->frames, "Frames to compare (default: all frames A and B share)");
  c.parser->add_option("--source", flags->source, "The source A was made from, for the identity checks");
  c.parser->add_flag("--no-delta-e", flags->noDeltaE, "Skip CIEDE2000 (the slowest metric)");
  c.parser->add_flag("--no-temporal", flags->noTemporal, "Skip flicker and warping error");
  c.parser->add_flag("--no-grain", flags->noGrain, "Skip the grain spectra");
  c.run = [flags](CliContext& ctx) {
    const auto a = FrameSource::open(flags->a);
    const auto b = FrameSource::open(flags->b);
    std::shared_ptr<FrameSource> source;
    if (!flags->source.empty()) source = FrameSource::open(flags->source);
    std::vector<int> frames;
    if (!flags->frames.empty()) {
      frames = parseFrameSet(flags->frames);
      for (int f : frames) {
        if (!a->has(f)) throw InputError("frame " + std::to_string(f) + " is not in " + flags->a + ".");
        if (!b->has(f)) throw InputError("frame " + std::to_string(f) + " is not in " + flags->b + ".");
        if (source && !source->has(f)) throw InputError("frame " + std::to_string(f) + " is not in " + flags->source + ".");
      }
    }
    analysis::CompareOptions options;
    options.deltaE = !flags->noDeltaE;
    options.temporal = !flags->noTemporal;
    options.grain = !flags->noGrain;
    const auto metrics = analysis::compareSequences(*a, *b, source.get(), frames, options, ctx.progress());
    nlohmann::json doc = analysis::toJson(metrics);
    doc["a"] = flags->a;
    doc["b"] = flags->b;
    if (source) doc["source"] = flags->source;
    doc["skipped"] = metrics.skipped;
    for (const auto& d : metrics.skipped) ctx.warn(d.message + "; left out of the comparison");
    std::string table = analysis::formatTable(metrics);
    if (!metrics.skipped.empty()) table += "skipped (damaged): " + defectSummary(metrics.skipped) + "\n";
    ctx.printResult(doc, table);
    return metrics.skipped.empty() ? 0 : 2;
  };
  return c;
}

}  // namespace filmrecover::cli
