#pragma once
#include "core/image/image.h"

namespace filmrecover {

//! Median filter of `size` x `size` per channel (size <= 1 returns a copy). The window of
//! pixel (x, y) spans [x - size/2, x - size/2 + size) and likewise in y, clipped to the image;
//! the result is element n/2 of its n sorted values: OIIO's ImageBufAlgo::median_filter,
//! value for value (tested against it), without OIIO, so the engine builds on LibTorch alone.
Image medianFilter(const Image& image, int size);

}  // namespace filmrecover
