#include "core/pipeline/report_builder.h"
#include "core/pipeline/report_temporal.h"
#include "core/pipeline/report_scope.h"

#include <algorithm>

#include <filesystem>
#include <fstream>

#include "core/align/transforms.h"
#include "core/analysis/sequence_metrics.h"
#include "core/curate/dataset_file.h"
#include "core/curate/quality_map.h"
#include "core/exec/errors.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/io/provenance.h"
#include "core/match/json_file.h"
#include "core/match/mapping.h"
#include "core/project/project_catalog.h"
#include "core/train/trainer.h"
#include "core/workflow/project_layout.h"

namespace filmrecover::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

report::SourceSummary summarise(const std::string& role, const FrameSource& s) {
  const auto& i = s.info();
  report::SourceSummary r;
  r.role = role;
  r.spec = i.spec;
  r.frameRange = formatFrameSet(i.frames);
  r.frames = static_cast<int>(i.frames.size());
  r.missing = static_cast<int>(i.missing.size());
  r.width = i.width;
  r.height = i.height;
  r.frameRate = i.frameRate;
  r.notes = i.kind + (i.codec.empty() ? "" : ", " + i.codec) + (i.dataType.empty() ? "" : ", " + i.dataType);
  return r;
}

std::shared_ptr<FrameSource> tryOpen(const std::string& spec) {
  try {
    return FrameSource::open(spec);
  } catch (const InputError&) {
    return nullptr;
  }
}

void addLosses(report::ReportData& d, const std::string& metricsPath) {
  std::ifstream in(metricsPath);
  report::LossSeries train{"train"}, holdout{"hold-out"};
  for (std::string line; std::getline(in, line);) {
    try {
      const json j = json::parse(line);
      const std::string name = j.value("name", "");
      if (name == "train_loss") {
        train.step.push_back(j.value("step", 0.0));
        train.loss.push_back(j.value("value", 0.0));
      } else if (name == "holdout_loss") {
        holdout.step.push_back(j.value("step", 0.0));
        holdout.loss.push_back(j.value("value", 0.0));
      }
    } catch (const json::exception&) {
      // A line cut by a kill: the rest of the curve is still worth showing.
    }
  }
  if (!train.step.empty()) d.losses.push_back(train);
  if (!holdout.step.empty()) d.losses.push_back(holdout);
}

void flatten(const json& j, const std::string& prefix, std::vector<report::KeyValue>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
  } else {
    out.push_back({prefix, j.is_string() ? j.get<std::string>() : j.dump()});
  }
}

}  // namespace

report::ReportData buildReportData(const std::string& workDir, const CancelToken& cancel,
                                   const ProgressCallback& progress) {
  if (!project::ProjectCatalog::isProject(workDir))
    throw InputError(workDir + " is not a recover work dir (it has no " + project::kCatalogFileName + ").");
  const auto work = workflow::ProjectLayout::at(workDir);
  project::ProjectCatalog catalog(work.root);
  report::ReportData d;
  d.film = catalog.meta("title").value_or("");
  // Each frame once (several stages may have met it).
  for (const auto& r : catalog.frameDefects()) {
    const bool known = std::any_of(d.skippedFrames.begin(), d.skippedFrames.end(), [&](const report::SkippedFrame& s) {
      return s.role == r.role && s.frame == r.frame;
    });
    if (!known) d.skippedFrames.push_back({r.role, r.frame, r.kind, r.stage, r.message});
  }
  if (!d.skippedFrames.empty())
    d.warnings.push_back(std::to_string(d.skippedFrames.size()) +
                         " frame(s) could not be used and have no restored frame; see Skipped frames.");
  d.mode = catalog.meta("mode").value_or("");
  d.operatorName = catalog.meta("operator").value_or("");
  d.institution = catalog.meta("institution").value_or("");
  d.title = "Recovery QC report" + (d.film.empty() ? std::string() : ": " + d.film);
  const auto srcRecord = catalog.sourceByRole("source");
  const auto refRecord = catalog.sourceByRole("reference");
  const auto source = srcRecord ? tryOpen(srcRecord->spec) : nullptr;
  const auto reference = refRecord ? tryOpen(refRecord->spec) : nullptr;
  if (source) d.sources.push_back(summarise("source", *source));
  if (reference) d.sources.push_back(summarise("reference", *reference));
  // The model's output: the last render of a trained model (the baseline grade is recorded
  // as a render too, with no training run).
  const auto renders = catalog.renders();
  const auto modelRender = std::find_if(renders.rbegin(), renders.rend(),
                                        [](const project::RenderRecord& r) { return r.runId != 0; });
  std::shared_ptr<FrameSource> output = modelRender == renders.rend() ? nullptr : tryOpen(modelRender->output);
  if (output) d.sources.push_back(summarise("output", *output));

  if (fs::exists(work.mapping())) {
    const auto m = match::readMapping(work.mapping());
    d.mapping.present = true;
    d.mapping.pairs = static_cast<int>(m.pairs.size());
    const double total = source ? static_cast<double>(source->info().frames.size()) : 0.0;
    d.mapping.coverage = total > 0 ? m.pairs.size() / total : 0;
    for (const auto& r : m.unmatchedSource)
      d.mapping.unmatched.push_back(std::to_string(r.first) + "-" + std::to_string(r.last));
    for (const auto& p : m.pairs) {
      d.mapping.sourceFrames.push_back(p.source);
      d.mapping.referenceFrames.push_back(p.reference);
      d.mapping.confidence.push_back(p.confidence);
    }
    d.mapping.confidenceThreshold = 0.35;
  }
  if (fs::exists(work.transforms())) {
    const auto t = align::readTransforms(work.transforms());
    for (const auto& f : t.frames) d.alignment.push_back({f.source, f.residual, !f.flag.empty(), f.flag});
    d.alignmentThreshold = 0.5;
  }
  curate::DatasetFile dataset;
  const bool haveDataset = fs::exists(work.dataset());
  if (haveDataset) dataset = curate::readDatasetFile(work.dataset());
  if (fs::exists(work.contactSheet())) {
    d.contactSheet = readImageFile(work.contactSheet());
    d.contactSheetCaption = "Training pairs (green) and hold-out pairs (orange): source above, aligned reference "
                            "below. Rejected: " + std::to_string(dataset.selection.rejected.size()) + ".";
  }
  const auto runs = catalog.trainingRuns();
  if (!runs.empty()) {
    // The film's model (recover --scope may have trained narrower ones after it; the Scope
    // section shows those).
    auto broad = std::find_if(runs.rbegin(), runs.rend(), [&](const project::TrainingRunRecord& r) {
      return fs::path(r.modelPath).lexically_normal() == fs::path(work.model()).lexically_normal();
    });
    const auto& run = broad == runs.rend() ? runs.back() : *broad;
    addLosses(d, run.metrics.value("metricsLog", TrainingOutputs::forModel(work.model()).metrics));
    flatten(run.settings, "", d.settings);
    for (const char* k : {"steps", "holdoutPsnr", "identityPsnr", "untrainedPsnr", "gradePsnr", "stepsPerSecond", "bestStep"})
      if (run.metrics.contains(k)) d.settings.push_back({std::string("result.") + k, run.metrics[k].dump()});
  }
  // Metrics on the hold-out frames: model, baseline and source against the aligned reference.
  const auto aligned = tryOpen(work.alignedPattern());
  const auto baseline = tryOpen(work.baselinePattern());
  std::vector<int> holdout = dataset.selection.holdout;
  if (holdout.empty() && haveDataset) holdout = dataset.selection.train;
  d.holdoutFrames = formatFrameSet(holdout);
  if (aligned && source && !holdout.empty()) {
    analysis::CompareOptions options;
    options.temporal = false;
    options.grain = false;
    auto add = [&](const std::string& name, const FrameSource* a) {
      if (!a) return;
      for (int f : holdout)
        if (!a->has(f)) return;
      d.candidates.push_back({name, analysis::compareSequences(*a, *aligned, source.get(), holdout, options, progress,
                                                               cancel)});
    };
    add("model", output.get());
    add("match-grade baseline", baseline.get());
    add("source", source.get());
    // Temporal consistency and grain over consecutive frames, split at the source's cuts.
    const std::vector<int> cuts = match::sourceCutsIn(work.mapping());
    addTemporalMeasures(d, {{"model", output.get()}, {"match-grade baseline", baseline.get()}}, *aligned, *source,
                        cuts, progress, cancel);
  }
  // Stills: a hold-out frame, and a frame the reference never shows.
  if (source && output) {
    std::vector<int> stillFrames;
    if (!holdout.empty()) stillFrames.push_back(holdout[holdout.size() / 2]);
    if (fs::exists(work.quality())) {
      const json q = match::readJsonFile(work.quality(), "quality map");
      if (q.contains("sourceUncovered") && !q["sourceUncovered"].empty()) {
        const auto range = q["sourceUncovered"][0];
        stillFrames.push_back((range[0].get<int>() + range[1].get<int>()) / 2);
      }
      curate::QualityMap map;
      map.betterColour = q.value("betterColour", "unknown");
      map.betterDetail = q.value("betterDetail", "unknown");
      map.source.chromaVariety = q["source"].value("chromaVariety", 0.0);
      map.reference.chromaVariety = q["reference"].value("chromaVariety", 0.0);
      map.source.edgeWidth = q["source"].value("edgeWidth", 0.0);
      map.reference.edgeWidth = q["reference"].value("edgeWidth", 0.0);
      const std::string w = curate::directionWarning(map, d.mode);
      if (!w.empty()) d.warnings.push_back(w);
    }
    for (int f : stillFrames) {
      if (!output->has(f) || !source->has(f)) continue;
      report::StillComparison s;
      s.frame = f;
      s.before = source->read(f);
      s.after = output->read(f);
      if (aligned && aligned->has(f)) s.reference = aligned->read(f);
      s.afterLabel = "recovered";
      d.stills.push_back(std::move(s));
    }
    const Image first = output->read(output->info().frames.front());
    for (const auto& [k, v] : provenanceOf(first.attributes)) d.provenance.push_back({k, v});
  }
  if (const auto scope = catalog.stage("scope")) d.scope = scopeSummaryOf(scope->result);
  for (const auto& r : dataset.selection.rejected)
    if (r.reason.rfind("removed", 0) != 0) {
      d.warnings.push_back(std::to_string(dataset.selection.rejected.size()) +
                           " pairs were rejected by curation (flagged by match or align); see dataset.json.");
      break;
    }
  return d;
}

}  // namespace filmrecover::pipeline
