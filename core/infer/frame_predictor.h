#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/dataset/recovery_mode.h"
#include "core/image/image.h"
#include "core/infer/infer_settings.h"
#include "core/model/model_info.h"

namespace filmrecover {

//! Applies a model to whole frames of any size with bounded memory (tiles with context and
//! feathered blending, see InferSettings). LibTorch stays behind this header.
class FramePredictor {
 public:
  //! Loads `modelPath`; throws InputError naming it when it is unreadable, corrupt, or not of
  //! `expectedMode` (when given).
  FramePredictor(const std::string& modelPath, const InferSettings& settings,
                 std::optional<RecoveryMode> expectedMode = {});
  ~FramePredictor();
  FramePredictor(const FramePredictor&) = delete;
  FramePredictor& operator=(const FramePredictor&) = delete;

  //! The model's metadata.
  const ModelInfo& info() const;
  //! False for a model written before models carried a SHA-256 seal: its weights were
  //! checked, its metadata could not be (docs/reliability.md).
  bool sealed() const;
  //! The settings in effect.
  const InferSettings& settings() const;
  //! The tile side in effect: settings().tileSize, or when that is 0 (auto) 2048 on the CPU
  //! and on CUDA the largest that fits the card's free memory (tile_size.h).
  int tileSize() const;

  //! R'G'B' frame → recovered R'G'B' frame of the same size (attributes kept). The channels
  //! the model does not predict are the source's (chroma keeps source Y, spatial Cb,Cr).
  Image process(const Image& rgb) const;
  //! True when process() passes the recovered colour through the chroma guide: a chroma or
  //! combined model with settings().chromaGuide.radius > 0.
  bool guidesChroma() const;
  //! Y,Cb,Cr of the source → recovered Y,Cb,Cr (the recovered Cb,Cr through the chroma guide
  //! when guidesChroma(); predicted channels mixed by settings().mix; the others copied bit
  //! for bit). The network sees the source clamped to [0,1] when the
  //! model was trained on clamped data; the copied channels are never clamped.
  Image processYcc(const Image& sourceYcc) const;
  //! The raw network output (outputChannelCount channels) for a network input image
  //! (inputChannelCount channels), tiled when `tiled`, else in one piece (for tests).
  Image predict(const Image& networkInput, bool tiled = true) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace filmrecover
