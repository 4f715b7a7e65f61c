#pragma once
#include <string>

#include <opencv2/core.hpp>

#include "core/image/image.h"

namespace filmrecover::align {

//! Geometric model of the registration of a reference frame onto a source frame.
enum class MotionModel { Translation, Similarity, Affine, Homography };

//! "translation" | "similarity" | "affine" | "homography"; InputError naming the value otherwise.
MotionModel motionModelFromName(const std::string& name);
//! The name of a model, as above.
std::string motionModelName(MotionModel model);

//! Settings of one registration.
struct RegistrationOptions {
  MotionModel model = MotionModel::Affine;
  int coarsestWidth = 96;    //!< the ECC pyramid starts with the source this wide
  int maxWorkingWidth = 2048;//!< finer levels stop at this width (2K+ scans are registered at 2K)
  int iterations = 60;       //!< ECC iterations per level
};

//! Result of registering one reference frame onto one source frame.
struct Registration {
  cv::Matx33d referenceToSource = cv::Matx33d::eye();  //!< reference pixel -> source pixel (centres at integers)
  double correlation = -1;   //!< ECC correlation at the finest level (1 = identical structure)
  bool converged = false;    //!< false when ECC failed at the finest level
};

//! Registers `refLuma` onto `srcLuma` (full-resolution luma of both): an ECC pyramid on
//! band-passed luma (tones of the reference first mapped onto the source's, so a faded or
//! monochrome element registers against a colour one), from `initial` (source pixel ->
//! reference pixel, e.g. the mapping's framing) over the picture areas only.
Registration registerFrames(const cv::Mat& srcLuma, const Rect& srcArea, const cv::Mat& refLuma,
                            const Rect& refArea, const cv::Matx33d& initialSourceToReference,
                            const RegistrationOptions& options);

//! Misregistration left after alignment, measured independently of ECC: phase correlation
//! of band-passed luma in a grid of tiles over `area` (source pixels). `residual` is the RMS
//! tile shift in pixels over textured tiles, `inlierRatio` the share of textured tiles
//! within half a pixel, `texturedTiles` how many tiles had enough structure to measure.
struct ResidualCheck {
  double residual = 0;
  double inlierRatio = 0;
  int texturedTiles = 0;
};
ResidualCheck measureResidual(const cv::Mat& srcLuma, const cv::Mat& alignedRefLuma, const Rect& area);

//! `image` (reference) resampled onto the source grid of `width` x `height` through
//! `referenceToSource` (bilinear; outside the reference: 0).
cv::Mat warpToSource(const cv::Mat& image, const cv::Matx33d& referenceToSource, int width, int height);

}  // namespace filmrecover::align
