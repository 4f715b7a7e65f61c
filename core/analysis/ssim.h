#pragma once
#include "core/image/image.h"

namespace filmrecover::analysis {

//! Structural similarity of two same-sized images (values in [0,1], data range 1), the
//! mean over channels of the mean SSIM map. The map comes from OpenCV's
//! cv::quality::QualitySSIM (Gaussian window 11x11, sigma 1.5, K1 0.01, K2 0.03, Wang et al.
//! 2004); its mean is taken over the pixels whose window lies inside the image (a border
//! of 5 pixels is left out), which is what scikit-image's structural_similarity(...,
//! gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=1) reports.
//! Images smaller than 11 pixels use the whole map. Throws InputError on a size mismatch.
double ssim(const Image& a, const Image& b);

}  // namespace filmrecover::analysis
