#pragma once
#include <nlohmann/json.hpp>

#include "core/model/compute_settings.h"
#include "core/model/model_preset.h"

namespace filmrecover {

//! What `filmrecover-cli bench` measures; defaults match shared/bench/torch_reference.py.
struct BenchSettings {
  ModelPreset preset = ModelPreset::M;  //!< M = the peer's width 32
  int batch = 4;
  int crop = 256;
  int steps = 20;                       //!< timed training steps (after 3 warm-up steps)
  int inferWidth = 1920, inferHeight = 1080;
  int inferRuns = 3;                    //!< timed inference runs (after 1 warm-up run)
  int threads = 0;                      //!< 0 = all cores
  DeviceChoice device = DeviceChoice::Auto;
  Precision precision = Precision::Auto;
};

//! Times the trainer's own step (crop sampling from frames in memory, upload, forward, L1,
//! backward, Adam) on the chroma network; returns {"train_steps_per_s","train_gflops",
//! "threads","width","batch","crop","precision","device"}.
nlohmann::json benchTrain(const BenchSettings& s);

//! Times the renderer's own frame inference (FramePredictor::predict on a frame of
//! inferWidth x inferHeight, tiling as configured by default); returns
//! {"infer_frames_per_s","infer_gflops","infer_size","threads","width",...}.
nlohmann::json benchInfer(const BenchSettings& s);

//! Floating-point operations (2 x multiply-adds) of every convolution of the U-Net for one
//! h x w image, as torch_reference.py counts them.
double unetFlops(double h, double w, int inChannels, int outChannels, int width);

}  // namespace filmrecover
