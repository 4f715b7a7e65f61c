#include "core/pipeline/demo_run.h"

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/exec/errors.h"
#include "core/pipeline/fingerprint.h"
#include "core/synth/scenario.h"

namespace filmrecover::pipeline {
namespace fs = std::filesystem;

DemoResult runDemo(const DemoOptions& o, const CancelToken& cancel, const RecoverListeners& l) {
  if (o.dir.empty()) throw InputError("The demo needs a folder to write into.");
  if (o.mode != "chroma" && o.mode != "spatial") throw InputError("The demo mode is chroma or spatial, not '" + o.mode + "'.");
  if (o.frames < 12 || o.width < 64 || o.height < 64)
    throw InputError("The demo needs at least 12 frames of 64x64 pixels.");
  const fs::path root = fs::absolute(o.dir);
  const fs::path material = root / "material";
  auto scenario = o.mode == "chroma" ? synth::ScenarioOptions::chroma(o.width, o.height, o.frames, o.seed)
                                     : synth::ScenarioOptions::spatial(o.width, o.height, o.frames, o.seed);
  scenario.source.damage = true;  // the demo print is dirty too
  scenario.source.damageOptions.dust = 3;
  scenario.source.damageOptions.blotches = 0;
  const std::string key = hashJson({{"w", o.width}, {"h", o.height}, {"frames", o.frames}, {"seed", o.seed},
                                    {"mode", o.mode}, {"version", 1}});
  const fs::path stamp = material / "demo.key";
  std::string existing;
  if (std::ifstream in(stamp); in) std::getline(in, existing);
  DemoResult r;
  synth::Scenario s;
  if (existing == key && fs::exists(material / "truth.json")) {
    s = synth::loadScenario(material.string());
  } else {
    s = synth::writeScenario(material.string(), scenario, l.progress);
    std::ofstream(stamp) << key << "\n";
  }
  r.sourcePattern = s.sourcePattern;
  r.referencePattern = s.referencePattern;
  r.cleanPattern = s.cleanPattern;
  r.outputPattern = (root / "restored" / "restored.####.exr").string();
  r.workDir = (root / "work").string();
  r.report = (root / "work" / "report.html").string();
  if (o.generateOnly) return r;
  RecoverOptions ro = o.recover;
  ro.mode = o.mode;
  ro.source = s.sourcePattern;
  ro.reference = s.referencePattern;
  ro.output = r.outputPattern;
  ro.workDir = r.workDir;
  if (ro.report.empty()) ro.report = r.report;
  r.report = ro.report;
  r.recover = runRecover(ro, cancel, l);
  return r;
}

}  // namespace filmrecover::pipeline
