#include "core/train/published_train_job.h"

#include "core/exec/errors.h"
#include "core/train/process_group.h"
#include "core/train/trainer.h"

namespace filmrecover {

std::string describeTrainJob(const TrainJob& job) {
  std::vector<int> train, holdout;
  for (const auto& p : job.trainPairs) train.push_back(p.frame);
  for (const auto& p : job.holdoutPairs) holdout.push_back(p.frame);
  const nlohmann::json j = {{"settings", job.settings},
                            {"graded", !job.grade.empty()},
                            {"sources", {{"source", job.sources.source},
                                         {"target", job.sources.target},
                                         {"detail", job.sources.detail}}},
                            {"trainFrames", train},
                            {"holdoutFrames", holdout},
                            {"validArea", job.validArea},
                            {"modelPath", job.modelPath},
                            {"resume", job.resume}};
  return j.dump();
}

PublishedTrainJob parsePublishedTrainJob(const std::string& text) {
  try {
    const auto j = nlohmann::json::parse(text);
    PublishedTrainJob p;
    p.settings = j.at("settings").get<TrainSettings>();
    const auto& src = j.at("sources");
    p.sources = {src.at("source").get<std::string>(), src.at("target").get<std::string>(),
                 src.at("detail").get<std::string>()};
    p.trainFrames = j.at("trainFrames").get<std::vector<int>>();
    p.holdoutFrames = j.at("holdoutFrames").get<std::vector<int>>();
    p.validArea = j.at("validArea").get<Rect>();
    p.modelPath = j.at("modelPath").get<std::string>();
    p.resume = j.at("resume").get<bool>();
    p.graded = j.value("graded", false);
    return p;
  } catch (const std::exception& e) {
    throw RunError(std::string("rank 0 published a training run this build cannot read (") + e.what() +
                   "): are all ranks the same filmrecover version?");
  }
}

PublishedTrainJob fetchPublishedTrainJob(const DistributedSettings& settings) {
  return parsePublishedTrainJob(fetchPublishedTrainJobText(settings));
}

}  // namespace filmrecover
