#include "core/train/published_train_job.h"

#include "core/exec/errors.h"
#include "core/train/process_group.h"
#include "core/train/trainer.h"

namespace filmrecover {

std::string describeTrainJob(const TrainJob& job) {
  std::vector<int> train, holdout;
  for (const auto& p : job.trainPairs) train.push_back(p.frame);
  for (const auto& p : job.holdoutPairs) holdout.push_back(p.frame);
  // Whether a grade comes first is what rank 0 does (a grade in its job), not what its settings
  // asked for: a joining rank fits the grade only when rank 0 has one (and then takes rank 0's).
  TrainSettings settings = job.settings;
  settings.gradeFirst = !job.grade.empty();
  const nlohmann::json j = {{"settings", settings},
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
