#pragma once
#include <vector>

namespace filmrecover {

//! One tile along an axis: where its input starts, and its blend weights at each position.
struct TileSpan {
  int start = 0;              //!< first pixel of the tile (multiple of `align`)
  std::vector<float> weight;  //!< per position inside the tile: 0 in the context band of an
                              //!< interior side, a linear ramp over the feather, 1 elsewhere
};

//! Tiles covering [0, length) (length a multiple of `align`) with tiles of `tile` pixels: starts
//! and lengths are multiples of `align` (the U-Net's size multiple, 4 at 3 levels, so its
//! pooling grid matches the untiled one), neighbours overlap by at least 2*context + feather,
//! and the weights of every position sum to more than 0. One span of the whole length when it
//! fits in one tile.
std::vector<TileSpan> planTiles(int length, int tile, int context, int feather, int align = 4);

}  // namespace filmrecover
