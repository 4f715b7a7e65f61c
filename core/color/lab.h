#pragma once
// CIE Lab and the CIEDE2000 colour difference, for metrics and match quality.
#include "core/image/image.h"

namespace filmrecover {

//! A CIE L*a*b* colour (D65 white).
struct Lab {
  double L = 0, a = 0, b = 0;
};

//! Display-referred Rec.709 R'G'B' (decoded with BT.1886's gamma 2.4 to linear, Rec.709
//! primaries → XYZ D65) to CIE Lab with a D65 white. Values outside [0,1] are extrapolated.
Lab rgbToLab(float r, float g, float b);
//! Inverse of rgbToLab (for tests and synthetic material).
void labToRgb(const Lab& lab, float& r, float& g, float& b);

//! CIEDE2000 colour difference (kL = kC = kH = 1), as in Sharma, Wu & Dalal 2005.
double deltaE2000(const Lab& a, const Lab& b);

//! Mean CIEDE2000 between two display-referred RGB images of the same size, over `region`
//! (whole image when null). Throws InputError when the sizes differ or the region is empty.
double meanDeltaE2000(const Image& a, const Image& b, const Rect* region = nullptr);

}  // namespace filmrecover
