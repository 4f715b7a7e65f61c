#include <memory>
#include <sstream>

#include "core/cli/command.h"
#include "core/pipeline/demo_run.h"
#include "core/pipeline/qc_summary.h"

namespace filmrecover::cli {

Command addDemoCommand(CLI::App& app) {
  auto o = std::make_shared<pipeline::DemoOptions>();
  // recover's own choice by default: its CPU minimum (1500 steps) is what it takes to beat
  // the match-grade LUT on uncovered frames of generated fades.
  auto steps = std::make_shared<long long>(0);
  Command c;
  c.parser = app.add_subcommand("demo", "Generate a faded film and a colour reference, and recover it");
  c.parser->footer(
      "Paints a short procedural film (shots of landscapes, faces, neutrals, primaries, edges,\n"
      "text; camera moves; hard cuts), makes a faded, grainy, dusty print of all of it and a\n"
      "re-timed, reframed, SD, compressed colour reference of part of it, then runs recover.\n"
      "DIR/material holds the frames and truth.json, DIR/restored the result, DIR/work the\n"
      "work dir and report.html. See docs/demo.md.");
  c.parser->add_option("DIR", o->dir, "Folder for the material and the result")->required();
  c.parser->add_option("--frames", o->frames, "Frames of the film")->capture_default_str();
  c.parser->add_option("--width", o->width, "Frame width")->capture_default_str();
  c.parser->add_option("--height", o->height, "Frame height")->capture_default_str();
  c.parser->add_option("--seed", o->seed, "Seed of the generated material")->capture_default_str();
  c.parser->add_option("--mode", o->mode, "chroma (faded print) or spatial (soft print)")
      ->check(CLI::IsMember({"chroma", "spatial"}))
      ->capture_default_str();
  c.parser->add_option("--steps", *steps, "Training steps (0 = let recover choose)")->capture_default_str();
  c.parser->add_option("--threads", o->recover.threads, "Threads (0 = all cores)")->capture_default_str();
  c.parser->add_flag("--generate-only", o->generateOnly, "Write the material only");
  c.run = [o, steps](CliContext& ctx) {
    auto opts = *o;
    if (*steps > 0) opts.recover.steps = *steps;
    pipeline::RecoverListeners l;
    l.progress = ctx.progress();
    l.note = [&ctx](const std::string& s) { ctx.note(s); };
    l.warn = [&ctx](const std::string& s) { ctx.warn(s); };
    const auto r = pipeline::runDemo(opts, {}, l);
    nlohmann::json doc = {{"source", r.sourcePattern}, {"reference", r.referencePattern},
                          {"clean", r.cleanPattern}};
    std::ostringstream human;
    human << "source (faded print): " << r.sourcePattern << "\nreference: " << r.referencePattern
          << "\nground truth: " << r.cleanPattern;
    if (!opts.generateOnly) {
      doc["recover"] = r.recover.summary;
      doc["output"] = r.outputPattern;
      doc["report"] = r.report;
      doc["workDir"] = r.workDir;
      human << "\nrecovered: " << r.outputPattern << " (" << r.recover.framesRendered << " frames)"
            << "\nreport: " << r.report;
      if (!r.recover.qc.is_null()) human << "\n\n" << pipeline::qcSummaryText(r.recover.qc);
    }
    ctx.printResult(doc, human.str());
    return 0;
  };
  return c;
}

}  // namespace filmrecover::cli
