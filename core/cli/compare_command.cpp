#include <algorithm>
#include <memory>

#include "core/analysis/sequence_metrics.h"
#include "core/cli/command.h"
#include "core/exec/errors.h"
#include "core/io/frame_defect.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"
#include "core/match/descriptor_set.h"
#include "core/match/shot_cuts.h"

namespace filmrecover::cli {
namespace {

struct CompareFlags {
  std::string a, b, source, frames, cuts = "auto";
  bool noDeltaE = false, noTemporal = false, noGrain = false;
};

// The shots of the guide (the source, else B) over the compared frames, found the way
// `match` finds them, so no temporal measure spans a cut.
std::vector<int> detectGuideCuts(const FrameSource& guide, const std::vector<int>& frames, const ProgressCallback& progress) {
  match::FrameAccess access;
  access.spec = guide.info().spec;
  access.frames = frames;
  std::sort(access.frames.begin(), access.frames.end());
  access.width = guide.info().width;
  access.height = guide.info().height;
  access.read = [&guide](int f) { return guide.read(f); };
  const match::DescriptorSet set = match::extractDescriptors(access, 0, {}, progress, "cuts");
  std::vector<int> cuts;
  for (int i : match::detectCuts(set.frames)) cuts.push_back(set.frames[static_cast<size_t>(i)].frame);
  return cuts;
}

std::vector<int> commonFrames(const FrameSource& a, const FrameSource& b, const FrameSource* source) {
  std::vector<int> frames;
  for (int f : a.info().frames)
    if (b.has(f) && (!source || source->has(f))) frames.push_back(f);
  return frames;
}

}  // namespace

Command addCompareCommand(CLI::App& app) {
  auto flags = std::make_shared<CompareFlags>();
  Command c;
  c.parser = app.add_subcommand("compare", "PSNR, SSIM, delta E 2000, identity, flicker and grain of A against B");
  c.parser->footer(
      "Per frame and mean: PSNR (RGB, luma, chroma), SSIM, mean and 95th percentile CIEDE2000;\n"
      "with --source: luma identity (max |dY|) and chroma identity (max |dCbCr|) of A against it.\n"
      "Over consecutive frames: change in mean luma/chroma (flicker) and the warping error under\n"
      "DIS optical flow of the source (or B) with an occlusion mask (of A, B and the source), and\n"
      "colour distribution consistency (CDC: Jensen-Shannon divergence of the R, G, B histograms\n"
      "of frames t and t+1, t+2, t+4), overall and per shot; no temporal measure spans a cut\n"
      "(--cuts). Grain: noise power spectra of B's flattest blocks in A, B and the source.\n"
      "See docs/cli/compare.md and docs/qc.md.");
  c.parser->add_option("A", flags->a, "The sequence to judge (e.g. a restoration)")->required();
  c.parser->add_option("B", flags->b, "What it is compared with (e.g. the aligned reference)")->required();
  c.parser->add_option("--frames", flags->frames, "Frames to compare (default: all frames A and B share)");
  c.parser->add_option("--source", flags->source, "The source A was made from, for the identity checks");
  c.parser->add_flag("--no-delta-e", flags->noDeltaE, "Skip CIEDE2000 (the slowest metric)");
  c.parser->add_flag("--no-temporal", flags->noTemporal, "Skip flicker and warping error");
  c.parser->add_flag("--no-grain", flags->noGrain, "Skip the grain spectra");
  c.parser->add_option("--cuts", flags->cuts,
                       "First frames of shots (a frame set), 'auto' to detect them on the source (or B), or 'none'; "
                       "no temporal measure spans a cut, and CDC and warping error are also given per shot")
      ->capture_default_str();
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
    if (options.temporal && flags->cuts == "auto") {
      const FrameSource& guide = source ? *source : *b;
      const std::vector<int> all = frames.empty() ? commonFrames(*a, *b, source.get()) : frames;
      if (all.size() > 2) options.cuts = detectGuideCuts(guide, all, ctx.progress());
    } else if (flags->cuts != "none" && flags->cuts != "auto") {
      try {
        options.cuts = parseFrameSet(flags->cuts);
      } catch (const InputError& e) {
        throw InputError(std::string("--cuts: ") + e.what());
      }
    }
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
