#pragma once
#include "core/dataset/pair_settings.h"
#include "core/image/image.h"

namespace filmrecover {

//! One training example held in memory: network input and target, both already cropped to
//! the valid area (so any crop taken from them lies inside it).
struct TrainingPair {
  int frame = 0;   //!< source frame number (the aligned target carries the same number)
  Image input;     //!< inputChannelCount(mode) channels (Y,Cb,Cr or Y)
  Image target;    //!< outputChannelCount(mode) channels
};

//! Builds a pair from R'G'B' frames: optional highlight clamp on both sides, median
//! pre-filter on the reference(s), Rec.709 Y'CbCr split, channel selection per mode
//! (see channel_layout.h), crop to `settings.validArea` (clipped to the frame).
//! `detailRgb` is the combined mode's detail reference (nullptr: Y from `targetRgb`).
//! Throws InputError naming `frame` when sizes differ or the valid area is empty.
TrainingPair buildTrainingPair(int frame, const Image& sourceRgb, const Image& targetRgb,
                               const Image* detailRgb, const PairSettings& settings);

//! `rect` clipped to a width x height frame; an empty rect means the whole frame.
Rect effectiveValidArea(const Rect& rect, int width, int height);

//! The part of `image` inside `rect` (which must lie inside it).
Image cropImage(const Image& image, const Rect& rect);

//! R'G'B' values clamped to [0,1].
Image clampUnit(const Image& image);

}  // namespace filmrecover
