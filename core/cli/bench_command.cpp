#include <cstdio>
#include <iostream>

#include "core/bench/bench.h"
#include "core/cli/command.h"
#include "core/exec/errors.h"

namespace filmrecover::cli {
namespace {

struct BenchFlags {
  std::string what, size = "M", inferSize = "1920x1080", device = "auto", precision = "auto";
  BenchSettings s;
};

int run(BenchFlags& f, CliContext&) {
  BenchSettings& s = f.s;
  s.preset = parseModelPreset(f.size, "--size");
  s.device = parseDeviceChoice(f.device, "--device");
  s.precision = parsePrecision(f.precision, "--precision");
  char x = 0;
  if (std::sscanf(f.inferSize.c_str(), "%dx%d%c", &s.inferWidth, &s.inferHeight, &x) != 2)
    throw InputError("--infer-size must be WIDTHxHEIGHT, not '" + f.inferSize + "'.");
  nlohmann::json j;
  if (f.what == "train") j = benchTrain(s);
  else if (f.what == "infer") j = benchInfer(s);
  else throw InputError("bench measures train or infer, not '" + f.what + "'.");
  // One JSON line, like the peer script, whatever --json says.
  std::cout << j.dump() << std::endl;
  return 0;
}

}  // namespace

Command addBenchCommand(CLI::App& app) {
  auto f = std::make_shared<BenchFlags>();
  auto* sub = app.add_subcommand(
      "bench",
      "Throughput of the engine as one JSON line, comparable with\n"
      "shared/bench/torch_reference.py (same network, batch, crop and frame size).");
  BenchSettings& s = f->s;
  sub->add_option("what", f->what, "train or infer")->required();
  sub->add_option("--size", f->size, "Model size S, M or L (M = the peer's width 32)")->capture_default_str();
  sub->add_option("--batch", s.batch, "Crops per training step")->capture_default_str();
  sub->add_option("--crop", s.crop, "Crop side")->capture_default_str();
  sub->add_option("--steps", s.steps, "Timed training steps")->capture_default_str();
  sub->add_option("--infer-size", f->inferSize, "Frame size for inference, WIDTHxHEIGHT")->capture_default_str();
  sub->add_option("--runs", s.inferRuns, "Timed inference runs")->capture_default_str();
  sub->add_option("--threads", s.threads, "Compute threads (0 = all cores)")->capture_default_str();
  sub->add_option("--device", f->device, "auto, cpu or cuda")->capture_default_str();
  sub->add_option("--precision", f->precision, "auto, fp32, bf16 or fp16 (fp16: CUDA only)")->capture_default_str();
  Command c;
  c.parser = sub;
  c.run = [f](CliContext& ctx) { return run(*f, ctx); };
  return c;
}

}  // namespace filmrecover::cli
