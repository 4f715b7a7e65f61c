#pragma once
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/image/image.h"

namespace filmrecover {

//! One point of the metrics stream: e.g. {120, "train_loss", 0.013}. Names: train_loss,
//! lr, holdout_loss, holdout_psnr, identity_psnr, untrained_psnr, steps_per_s.
struct MetricEvent {
  long long step = 0;
  std::string name;
  double value = 0;
};
//! Receives metrics on the training thread (keep it quick; GUIs queue them).
using MetricCallback = std::function<void(const MetricEvent&)>;

//! {"step":..,"name":..,"value":..}, one line of metrics.jsonl.
void to_json(nlohmann::json& j, const MetricEvent& e);
//! Reads one metrics.jsonl line.
void from_json(const nlohmann::json& j, MetricEvent& e);

//! A preview of the current model on a fixed crop (hold-out if any): R'G'B' images of the
//! input, the target (the recombined training target) and the output.
struct PreviewEvent {
  long long step = 0;
  int frame = 0;
  Image input, target, output;
};
//! Receives previews on the training thread.
using PreviewCallback = std::function<void(const PreviewEvent&)>;

//! Receives one-sentence notes (over-fitting, plateau, resumed from step N ...).
using NoteCallback = std::function<void(const std::string&)>;

}  // namespace filmrecover
