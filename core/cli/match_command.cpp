#include <filesystem>
#include <memory>
#include <sstream>

#include "core/cli/command.h"
#include "core/exec/errors.h"
#include "core/io/frame_defect.h"
#include "core/io/frame_source.h"
#include "core/match/match_sources.h"
#include "core/cli/project_flag.h"
#include "core/workflow/stage_records.h"
#include "core/workflow/stage_runs.h"

namespace filmrecover::cli {
namespace {

struct MatchFlags {
  std::string source, reference, output, cacheDir;
  bool noCache = false, noTimecode = false;
  float minConfidence = match::MatchOptions{}.minConfidence;
  int threads = 0;
  ProjectFlag project;
};

std::string rangesText(const std::vector<match::FrameRange>& ranges) {
  if (ranges.empty()) return "none";
  std::ostringstream s;
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (i) s << ",";
    s << ranges[i].first;
    if (ranges[i].last != ranges[i].first) s << "-" << ranges[i].last;
  }
  return s.str();
}

}  // namespace

Command addMatchCommand(CLI::App& app) {
  auto flags = std::make_shared<MatchFlags>();
  Command c;
  c.parser = app.add_subcommand("match", "Temporal overlap between a source and a reference");
  c.parser->footer(
      "Finds which reference frame shows the same picture as which source frame, despite\n"
      "different frame rates (24/25, duplicated or dropped frames, 3:2 pulldown), starts,\n"
      "missing shots, resolution, framing, colour, compression, grain and dust. Writes\n"
      "mapping.json: pairs with a confidence and a flag (low-confidence, interlaced), unmatched\n"
      "ranges on both sides, cuts, continuous segments, rate ratio and offset, and the framing\n"
      "align starts from. Descriptors of each element are cached (--cache-dir).\n"
      "See docs/matching.md and docs/cli/match.md.");
  c.parser->add_option("SOURCE", flags->source, "The element to restore (sequence, movie or folder)")->required();
  c.parser->add_option("REFERENCE", flags->reference, "The element holding the better information")->required();
  c.parser->add_option("-o,--output", flags->output, "mapping.json to write (default with --project: its mapping.json)");
  c.parser->add_option("--cache-dir", flags->cacheDir,
                       "Where frame descriptors are cached (default: descriptor-cache/ beside the mapping)");
  c.parser->add_flag("--no-cache", flags->noCache, "Describe both elements again and cache nothing");
  c.parser->add_flag("--no-timecode", flags->noTimecode, "Ignore start timecodes even when both elements carry one");
  c.parser->add_option("--min-confidence", flags->minConfidence,
                       "Pairs whose fine similarity is below this are flagged low-confidence (0..1), unless it is "
                       "at least 0.2 and the reference frame is still the best match among the reference frames "
                       "+-2, or the pairs before and after are its good diagonal neighbours (a damaged frame)")
      ->check(CLI::Range(0.0, 1.0));
  c.parser->add_option("--threads", flags->threads, "Decode threads (default: all cores)");
  flags->project.addTo(c.parser);
  c.run = [flags](CliContext& ctx) {
    const auto& project = flags->project;
    flags->output = project.valueOr(flags->output, "-o/--output", [](const auto& l) { return l.mapping(); });
    if (project.given() && flags->cacheDir.empty()) flags->cacheDir = project.layout().matchCache();
    const auto source = FrameSource::open(flags->source);
    const auto reference = FrameSource::open(flags->reference);
    match::MatchOptions options;
    options.minConfidence = flags->minConfidence;
    options.useTimecode = !flags->noTimecode;
    options.threads = flags->threads;
    if (!flags->noCache) {
      const std::filesystem::path dir = std::filesystem::path(flags->output).parent_path();
      options.cacheDir = !flags->cacheDir.empty() ? flags->cacheDir
                                                   : ((dir.empty() ? std::filesystem::path(".") : dir) / "descriptor-cache").string();
    }
    // With --project: the elements, the pairs and what could not be read, as recover records them.
    const auto catalog = project.given() ? project.open() : nullptr;
    if (catalog) {
      workflow::recordElement(*catalog, "source", *source);
      workflow::recordElement(*catalog, "reference", *reference);
    }
    const match::Mapping m =
        workflow::runMatch(source, reference, options, flags->output, catalog.get(), ctx.progress()).mapping;
    if (catalog) workflow::writeProjectExports(*catalog);

    int flagged = 0;
    for (const auto& p : m.pairs) flagged += p.flagged();
    nlohmann::json doc = {{"mapping", flags->output},
                          {"pairs", m.pairs.size()},
                          {"flagged", flagged},
                          {"rate_ratio", m.rateRatio},
                          {"offset", m.offset},
                          {"segments", m.segments.size()},
                          {"unmatched_source", match::mappingToJson(m)["unmatched_source"]},
                          {"unmatched_reference", match::mappingToJson(m)["unmatched_reference"]}};
    std::ostringstream human;
    human << m.pairs.size() << " pairs (" << flagged << " flagged) in " << m.segments.size()
          << " segments, rate " << m.rateRatio << ", offset " << m.offset << "\n"
          << "unmatched source frames: " << rangesText(m.unmatchedSource) << "\n"
          << "unmatched reference frames: " << rangesText(m.unmatchedReference) << "\n"
          << "mapping written to " << flags->output << "\n";
    // Defective frames were matched around; the mapping is written, but not every frame
    // asked for took part: exit 2, each one named.
    const std::vector<FrameDefect> skipped = [&m] {
      std::vector<FrameDefect> all = m.sourceDefects;
      all.insert(all.end(), m.referenceDefects.begin(), m.referenceDefects.end());
      return all;
    }();
    doc["defects"] = {{"source", m.sourceDefects}, {"reference", m.referenceDefects}};
    for (const auto& d : skipped) ctx.warn(d.message + "; left out of matching");
    if (!m.sourceDefects.empty()) human << "skipped source frames: " << defectSummary(m.sourceDefects) << "\n";
    if (!m.referenceDefects.empty())
      human << "skipped reference frames: " << defectSummary(m.referenceDefects) << "\n";
    ctx.printResult(doc, human.str());
    return skipped.empty() ? 0 : 2;
  };
  return c;
}

}  // namespace filmrecover::cli
