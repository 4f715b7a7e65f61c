#include "core/pipeline/recover_context.h"

#include <algorithm>

#include "core/workflow/stage_records.h"

namespace filmrecover::pipeline {

bool RecoverContext::upToDate(const std::string& stage, const std::string& key) const {
  const auto s = catalog->stage(stage);
  return s && s->key == key && s->status == "done";
}

bool RecoverContext::interrupted(const std::string& stage, const std::string& key) const {
  const auto s = catalog->stage(stage);
  return s && s->key == key && s->status == "running";
}

void RecoverContext::begin(const std::string& stage, const std::string& key) {
  catalog->setStage({stage, key, "running", nlohmann::json::object(), ""});
}

void RecoverContext::finish(const std::string& stage, const std::string& key, const nlohmann::json& r) {
  catalog->setStage({stage, key, "done", r, ""});
}

void RecoverContext::noteDefects(const std::string& role, const std::string& stage,
                                 const std::vector<FrameDefect>& defects) {
  for (const auto& d : defects) {
    const bool known = std::any_of(result->skipped.begin(), result->skipped.end(), [&](const auto& s) {
      return s.role == role && s.defect.frame == d.frame;
    });
    if (known) continue;
    result->skipped.push_back({role, stage, d});
    if (warn) warn(d.message + " (" + role + ", skipped by " + stage + ")");
  }
}

void RecoverContext::recordDefects(const std::string& role, const std::string& stage,
                                   const std::vector<FrameDefect>& defects) {
  noteDefects(role, stage, defects);
  workflow::recordFrameDefects(*catalog, role, stage, defects);
}

std::vector<int> RecoverContext::defectiveSourceFrames() const {
  std::vector<int> frames;
  for (const auto& s : result->skipped)
    if (s.role == "source") frames.push_back(s.defect.frame);
  std::sort(frames.begin(), frames.end());
  frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
  return frames;
}

std::vector<int> RecoverContext::usableSourceFrames() const {
  const std::vector<int> defective = defectiveSourceFrames();
  std::vector<int> frames;
  for (int f : source->info().frames)
    if (!std::binary_search(defective.begin(), defective.end(), f)) frames.push_back(f);
  return frames;
}

nlohmann::json RecoverContext::stageResult(const std::string& stage) const {
  const auto s = catalog->stage(stage);
  return s ? s->result : nlohmann::json::object();
}

void RecoverContext::report(const std::string& stage, long long done, long long total,
                            const std::string& message) const {
  reportProgress(progress, {stage, done, total, message});
}

}  // namespace filmrecover::pipeline
