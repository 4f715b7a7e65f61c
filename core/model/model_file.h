#pragma once
// LibTorch header: saving and loading networks in model files (see model_container.h).
#include <optional>
#include <string>

#include <torch/torch.h>

#include "core/model/model_container.h"
#include "core/model/model_info.h"
#include "core/model/unet.h"

namespace filmrecover {

//! A network loaded from a model file, with its metadata.
struct LoadedModel {
  ModelInfo info;
  RecoveryNet net{nullptr};
  //! False for a file from before the SHA-256 seal: only its blobs' checksums were checked
  //! (docs/reliability.md); a caller may say so to the user.
  bool sealed = false;
};

//! The module's parameters and buffers as bytes (LibTorch archive).
std::string serializeModule(torch::nn::Module& module);
//! Loads bytes from serializeModule into `module`; throws InputError naming `path` on a mismatch.
void deserializeModule(torch::nn::Module& module, const std::string& bytes, const std::string& path);

//! A container holding `net`'s weights and `info` (format version, software version, date and
//! weights checksum filled in); `extraBlobs` are added (checkpoints: optimizer, trainer state).
ModelContainer makeModelContainer(ModelInfo info, RecoveryNet& net);

//! Writes `net` and `info` to `path` atomically.
void saveModelFile(const std::string& path, const ModelInfo& info, RecoveryNet& net);

//! Reads a model (or checkpoint) file on the CPU. Throws InputError naming `path` when it is
//! missing, not a model file, of another format version, truncated, corrupt, or (when
//! `expectedMode` is given) of another recovery mode.
LoadedModel loadModelFile(const std::string& path, std::optional<RecoveryMode> expectedMode = {});

//! Like loadModelFile, from a container already read.
LoadedModel loadModelFromContainer(const ModelContainer& c, const std::string& path,
                                   std::optional<RecoveryMode> expectedMode = {});

}  // namespace filmrecover
