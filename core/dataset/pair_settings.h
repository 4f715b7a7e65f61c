#pragma once
#include <nlohmann/json.hpp>

#include "core/dataset/recovery_mode.h"
#include "core/image/image.h"

namespace filmrecover {

//! How training pairs are built from a source frame and its aligned reference frame(s).
struct PairSettings {
  RecoveryMode mode = RecoveryMode::Chroma;
  //! Median pre-filter size on the reference (0/1 = off). Chroma: ~3–10 kills dust,
  //! compression blocks and banding; spatial: keep 0 (never blur the detail reference).
  int medianPrefilter = 0;
  //! Clamp source and reference R'G'B' to [0,1] before training (highlights).
  bool clampHighlights = true;
  //! The shared valid picture area (no borders, sprockets, subtitles); empty = whole frame.
  //! Pairs are cropped to it, so crops never sample outside it.
  Rect validArea;

  bool operator==(const PairSettings& o) const {
    return mode == o.mode && medianPrefilter == o.medianPrefilter &&
           clampHighlights == o.clampHighlights && validArea == o.validArea;
  }
};

//! JSON of a Rect: {"x0":..,"y0":..,"x1":..,"y1":..}.
void to_json(nlohmann::json& j, const Rect& r);
//! Reads a Rect; missing keys stay 0.
void from_json(const nlohmann::json& j, Rect& r);
//! JSON with keys mode, medianPrefilter, clampHighlights, validArea.
void to_json(nlohmann::json& j, const PairSettings& s);
//! Reads what to_json wrote; missing keys keep their defaults.
void from_json(const nlohmann::json& j, PairSettings& s);

}  // namespace filmrecover
