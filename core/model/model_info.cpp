#include "core/model/model_info.h"

#include <ctime>

#include "core/exec/errors.h"
#include "core/model/model_container.h"

namespace filmrecover {

ModelInfo ModelInfo::forNetwork(RecoveryMode mode, ModelPreset preset) {
  ModelInfo info;
  info.mode = mode;
  info.preset = preset;
  info.width = presetWidth(preset);
  info.inputChannels = inputChannelNames(mode);
  info.outputChannels = outputChannelNames(mode);
  info.pairSettings.mode = mode;
  return info;
}

void to_json(nlohmann::json& j, const ModelInfo& i) {
  j = {{"formatVersion", i.formatVersion},   {"mode", i.mode},
       {"preset", i.preset},                 {"width", i.width},
       {"inputChannels", i.inputChannels},   {"outputChannels", i.outputChannels},
       {"residual", i.residual},             {"colourHandling", i.colourHandling},
       {"pairSettings", i.pairSettings},     {"trainingFrames", i.trainingFrames},
       {"holdoutFrames", i.holdoutFrames},   {"steps", i.steps},
       {"loss", i.loss},                     {"seed", i.seed},
       {"softwareVersion", i.softwareVersion}, {"date", i.date},
       {"source", i.source},                 {"target", i.target},
       {"detailTarget", i.detailTarget},     {"holdoutLoss", i.holdoutLoss},
       {"holdoutPsnr", i.holdoutPsnr},       {"settings", i.settings},
       {"weightsChecksum", i.weightsChecksum}, {"levels", i.levels},
       {"grade", i.grade}};
}

void from_json(const nlohmann::json& j, ModelInfo& i) {
  ModelInfo d;
  i.formatVersion = j.value("formatVersion", 0);
  i.mode = j.contains("mode") ? j.at("mode").get<RecoveryMode>() : d.mode;
  i.preset = j.contains("preset") ? j.at("preset").get<ModelPreset>() : d.preset;
  i.width = j.value("width", d.width);
  i.inputChannels = j.value("inputChannels", inputChannelNames(i.mode));
  i.outputChannels = j.value("outputChannels", outputChannelNames(i.mode));
  i.residual = j.value("residual", d.residual);
  i.colourHandling = j.value("colourHandling", d.colourHandling);
  i.pairSettings = j.contains("pairSettings") ? j.at("pairSettings").get<PairSettings>() : d.pairSettings;
  i.trainingFrames = j.value("trainingFrames", d.trainingFrames);
  i.holdoutFrames = j.value("holdoutFrames", d.holdoutFrames);
  i.steps = j.value("steps", d.steps);
  i.loss = j.value("loss", d.loss);
  i.seed = j.value("seed", d.seed);
  i.softwareVersion = j.value("softwareVersion", d.softwareVersion);
  i.date = j.value("date", d.date);
  i.source = j.value("source", d.source);
  i.target = j.value("target", d.target);
  i.detailTarget = j.value("detailTarget", d.detailTarget);
  i.holdoutLoss = j.value("holdoutLoss", d.holdoutLoss);
  i.holdoutPsnr = j.value("holdoutPsnr", d.holdoutPsnr);
  i.settings = j.value("settings", nlohmann::json::object());
  i.weightsChecksum = j.value("weightsChecksum", d.weightsChecksum);
  i.levels = j.value("levels", d.levels);
  i.grade = j.contains("grade") && j.at("grade").is_object() ? j.at("grade") : nlohmann::json();
}

int requiredFormatVersion(const ModelInfo& info) {
  return info.graded() || info.levels != 3 ? kModelFormatVersion : 1;
}

void checkModelFormatVersion(int version, const std::string& path) {
  if (version < kOldestModelFormatVersion || version > kModelFormatVersion)
    throw InputError("model file '" + path + "' has format version " + std::to_string(version) +
                     "; this build reads versions " + std::to_string(kOldestModelFormatVersion) + " to " +
                     std::to_string(kModelFormatVersion) + ".");
}

ModelInfo readModelInfo(const std::string& path) {
  const ModelContainer c = readModelContainer(path, false);
  if (!c.header.contains("info") || !c.header["info"].is_object())
    throw InputError("model file '" + path + "' is corrupt (no model metadata).");
  int version = 0;
  try {
    version = c.header["info"].value("formatVersion", 0);
  } catch (const std::exception&) {  // a nlohmann type_error names no file (found by fuzz_model_file)
    throw InputError("model file '" + path + "' is corrupt (its formatVersion is not a number).");
  }
  checkModelFormatVersion(version, path);
  try {
    return c.header["info"].get<ModelInfo>();
  } catch (const InputError& e) {
    throw InputError("model file '" + path + "': " + e.what());
  } catch (const std::exception&) {
    throw InputError("model file '" + path + "' is corrupt (its metadata has wrong types).");
  }
}

std::string isoTimestampUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace filmrecover
