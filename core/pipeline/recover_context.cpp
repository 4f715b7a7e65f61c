#include "core/pipeline/recover_context.h"

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

nlohmann::json RecoverContext::stageResult(const std::string& stage) const {
  const auto s = catalog->stage(stage);
  return s ? s->result : nlohmann::json::object();
}

void RecoverContext::report(const std::string& stage, long long done, long long total,
                            const std::string& message) const {
  reportProgress(progress, {stage, done, total, message});
}

}  // namespace filmrecover::pipeline
