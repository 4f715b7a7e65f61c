#pragma once
// Colour that changes where the picture changes, and nowhere else. A chroma recovery infers
// each pixel's colour from a grainy, faded source, so its Cb, Cr carry per-pixel noise (the
// source's grain, passed through the network), and its loss compares colour through a blur,
// so nothing holds that noise down. The output's luma (the source's own, in chroma recovery)
// says where the colour may change. A guided filter (He, Sun and Tang, "Guided Image
// Filtering", 2013) with Y' as the guide makes Cb and Cr, in each window of (2 radius + 1)^2
// pixels, the best linear function of Y' there: across a luma edge the colour keeps its
// edge, within a region of like luma it is averaged (eps regularises the fit: where the luma
// varies by less than about its square root, 0.01, the window counts as flat). Measured on the generated films (docs/quality.md): the colour error
// falls on every seed, and the stabiliser's temporal filter keeps its gain after it. Y' is
// never changed. Plain C++ (no OpenCV): it runs in the engine-only build, inside every render.
#include "core/image/image.h"

namespace filmrecover {

//! How far and how readily the colour follows the luma.
struct ChromaGuideSettings {
  int radius = 1;      //!< window half-size in pixels (0 = off)
  double eps = 1e-4;   //!< regularisation of the fit: a window whose luma variance is well below it counts as flat
};

//! Filters channels 1 and 2 (Cb, Cr) of the Y'CbCr image `ycc` in place with channel 0 (Y')
//! as the guide; channel 0 and any channels after 2 are untouched, bit for bit. Windows are
//! cut at the frame's edge (means over the pixels inside). radius 0 leaves the image as it is.
//! Throws InputError when the image has fewer than 3 channels or a setting is out of range.
void guideChromaByLuma(Image& ycc, const ChromaGuideSettings& settings);

//! Throws InputError naming the setting when radius is outside 0..8 or eps is not above 0.
void validateChromaGuideSettings(const ChromaGuideSettings& settings);

}  // namespace filmrecover
