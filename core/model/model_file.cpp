#include "core/model/model_file.h"

#include <mutex>
#include <sstream>

#include <caffe2/serialize/inline_container.h>

#include "core/exec/errors.h"
#include "core/model/global_generator.h"
#include "core/version.h"

namespace filmrecover {

std::string serializeModule(torch::nn::Module& module) {
  torch::serialize::OutputArchive archive;
  module.save(archive);
  std::ostringstream out;
  archive.save_to(out);
  return out.str();
}

namespace {

// A weights blob is a LibTorch archive, and LibTorch archives may carry TorchScript: loading
// one compiles its code/ files and runs a class's __setstate__ (checked: a crafted archive
// ran its method). filmrecover's archives declare classes with attributes only, so a file
// whose code defines any method is refused before LibTorch loads it.
void refuseCodeInArchive(const std::string& bytes, const std::string& path) {
  std::istringstream in(bytes);
  try {
    caffe2::serialize::PyTorchStreamReader reader(&in);
    for (const std::string& name : reader.getAllRecords()) {
      if (name.size() < 3 || name.compare(name.size() - 3, 3, ".py") != 0) continue;
      const auto [data, size] = reader.getRecord(name);
      std::istringstream lines(std::string(static_cast<const char*>(data.get()), size));
      for (std::string line; std::getline(lines, line);) {
        const size_t start = line.find_first_not_of(" \t");
        if (start != std::string::npos && line.compare(start, 4, "def ") == 0)
          throw InputError("model file '" + path + "' holds code in its weights (a TorchScript method in " + name +
                           "); a filmrecover model holds tensors only, so it is refused.");
      }
    }
  } catch (const c10::Error&) {
    throw InputError("model file '" + path + "' holds weights that are no LibTorch archive (corrupt?).");
  }
}

}  // namespace

void deserializeModule(torch::nn::Module& module, const std::string& bytes, const std::string& path) {
  refuseCodeInArchive(bytes, path);
  try {
    torch::serialize::InputArchive archive;
    std::istringstream in(bytes);
    archive.load_from(in);
    module.load(archive);
  } catch (const c10::Error& e) {
    throw InputError("model file '" + path + "' holds weights that do not fit its network (corrupt?).");
  }
}

ModelContainer makeModelContainer(ModelInfo info, RecoveryNet& net) {
  ModelContainer c;
  c.blobs["weights"] = serializeModule(*net);
  // The file describes the network it holds: its levels, and its grade (whose table is a
  // blob of its own, checksummed and sealed like the weights).
  info.levels = net->shape().levels;
  if (net->shape().graded) {
    c.blobs["grade"] = gradeBlob(net->grade());
    if (!info.graded()) info.grade = describeGrade(net->grade(), nlohmann::json::object());
    info.grade["size"] = net->grade().size;
    info.grade["shaperStrength"] = net->grade().shaperStrength;
    info.grade["checksum"] = checksumHex(c.blobs["grade"]);
    info.grade["base"] = net->shape().gradedBase ? "graded" : "source";
  } else {
    info.grade = nullptr;
  }
  info.formatVersion = requiredFormatVersion(info);
  info.softwareVersion = FILMRECOVER_VERSION;
  info.date = isoTimestampUtc();
  info.weightsChecksum = checksumHex(c.blobs["weights"]);
  c.header["info"] = info;
  return c;
}

void saveModelFile(const std::string& path, const ModelInfo& info, RecoveryNet& net) {
  writeModelContainer(path, makeModelContainer(info, net));
}

LoadedModel loadModelFromContainer(const ModelContainer& c, const std::string& path,
                                   std::optional<RecoveryMode> expectedMode) {
  if (!c.header.contains("info") || !c.header["info"].is_object())
    throw InputError("model file '" + path + "' is corrupt (no model metadata).");
  int version = 0;
  try {
    version = c.header["info"].value("formatVersion", 0);
  } catch (const std::exception&) {  // a nlohmann type_error names no file: say which
    throw InputError("model file '" + path + "' is corrupt (its formatVersion is not a number).");
  }
  checkModelFormatVersion(version, path);
  LoadedModel m;
  m.sealed = c.sealed;
  try {
    m.info = c.header["info"].get<ModelInfo>();
  } catch (const std::exception&) {
    throw InputError("model file '" + path + "' is corrupt (its metadata has wrong types).");
  }
  if (expectedMode && m.info.mode != *expectedMode)
    throw InputError("model file '" + path + "' is a " + toString(m.info.mode) +
                     " model, but a " + toString(*expectedMode) + " model is needed.");
  const auto it = c.blobs.find("weights");
  if (it == c.blobs.end()) throw InputError("model file '" + path + "' holds no weights.");
  if (checksumHex(it->second) != m.info.weightsChecksum)
    throw InputError("model file '" + path + "' is corrupt (weights checksum does not match its metadata).");
  if (m.info.width <= 0 || m.info.width > 1024)
    throw InputError("model file '" + path + "' is corrupt (network width " + std::to_string(m.info.width) + ").");
  if (m.info.levels < kMinUNetLevels || m.info.levels > kMaxUNetLevels)
    throw InputError("model file '" + path + "' is corrupt (a U-Net of " + std::to_string(m.info.levels) + " levels).");
  if (m.info.graded() && m.info.mode == RecoveryMode::Spatial)
    throw InputError("model file '" + path + "' is corrupt (a spatial model with a colour grade).");
  ModelGrade grade;
  if (m.info.graded()) {
    const auto g = c.blobs.find("grade");
    if (g == c.blobs.end()) throw InputError("model file '" + path + "' holds no grade, yet its metadata names one.");
    grade = gradeFromBlob(m.info.grade, g->second, path);
  }
  NetworkShape shape{m.info.residual, m.info.levels, m.info.graded()};
  if (m.info.graded()) shape.gradedBase = m.info.grade.value("base", std::string("graded")) != "source";
  {
    // The constructor draws initial weights (replaced below) from the global generator.
    const std::lock_guard<std::mutex> generator(globalGeneratorMutex());
    m.net = RecoveryNet(m.info.mode, m.info.width, shape);
  }
  deserializeModule(*m.net, it->second, path);
  if (m.info.graded()) m.net->setGrade(grade);
  return m;
}

LoadedModel loadModelFile(const std::string& path, std::optional<RecoveryMode> expectedMode) {
  return loadModelFromContainer(readModelContainer(path, true), path, expectedMode);
}

}  // namespace filmrecover
