#pragma once
// Rec.709 RGB <-> Y'CbCr on float values: chroma training works on Cb/Cr, detail on Y.
#include "core/image/image.h"

namespace filmrecover {

//! Rec.709 luma coefficients (ITU-R BT.709-6).
constexpr float kRec709Kr = 0.2126f;
constexpr float kRec709Kb = 0.0722f;
constexpr float kRec709Kg = 1.0f - kRec709Kr - kRec709Kb;

//! Rec.709 luma of (gamma-encoded) R'G'B'.
inline float luma709(float r, float g, float b) { return kRec709Kr * r + kRec709Kg * g + kRec709Kb * b; }

//! R'G'B' → Y'CbCr, full range float: Y in [0,1], Cb/Cr centred at 0 within ±0.5.
inline void rgbToYCbCr(float r, float g, float b, float& y, float& cb, float& cr) {
  y = luma709(r, g, b);
  cb = (b - y) / (2.0f * (1.0f - kRec709Kb));
  cr = (r - y) / (2.0f * (1.0f - kRec709Kr));
}

//! Exact inverse of rgbToYCbCr (round trip error < 1e-6 on [0,1]).
inline void yCbCrToRgb(float y, float cb, float cr, float& r, float& g, float& b) {
  r = y + 2.0f * (1.0f - kRec709Kr) * cr;
  b = y + 2.0f * (1.0f - kRec709Kb) * cb;
  g = (y - kRec709Kr * r - kRec709Kb * b) / kRec709Kg;
}

//! Whole image (3+ channels; channels past 3 are copied): channels become Y, Cb, Cr.
Image rgbToYCbCr(const Image& rgb);
//! Whole image: Y, Cb, Cr channels become R, G, B.
Image yCbCrToRgb(const Image& ycbcr);

}  // namespace filmrecover
