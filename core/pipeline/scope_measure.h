#pragma once
// The measurements the scope decisions (scope_plan.h) rest on: which pairs of a shot the
// broad model never saw, a model's error on them, and each shot's colour transfer from
// source to reference (what groups shots into scenes).
#include <string>
#include <vector>

#include "core/exec/cancel_token.h"
#include "core/image/image.h"
#include "core/pipeline/scope_plan.h"

namespace filmrecover {
class FrameSource;
}

namespace filmrecover::pipeline {

//! Per shot, the aligned pairs no model was trained on: the curated hold-out pairs first,
//! then the paired frames curation left unused (never those it rejected), spread evenly over
//! the shot, at most `perShot` (0: none). `paired`: source frames with an aligned frame.
std::vector<std::vector<int>> unseenPairsPerShot(const std::vector<ShotSpan>& shots, const std::vector<int>& paired,
                                                 const std::vector<int>& train, const std::vector<int>& holdout,
                                                 const std::vector<int>& rejected, int perShot);

//! How a recovered frame is compared with its aligned reference frame, inside the shared
//! crop: chroma and combined by the mean CIEDE2000 after a Gaussian blur of `blur` source
//! pixels on both (the reference resolves colour only to its own pixel footprint: the
//! training loss compares them the same way); spatial by the mean |ΔY'| in percent.
struct ErrorMeasure {
  std::string mode = "chroma";
  double blur = 0;
  std::string unit() const { return mode == "spatial" ? "% luma" : "dE2000"; }
};
double frameError(const Image& recovered, const Image& reference, const Rect& crop, const ErrorMeasure& measure);

//! The error of the model at `modelPath` on each of `frames` (recovered from `source`,
//! compared with `aligned`), in order.
std::vector<double> modelErrors(const std::string& modelPath, const FrameSource& source, const FrameSource& aligned,
                                const std::vector<int>& frames, const Rect& crop, const ErrorMeasure& measure,
                                int threads, const CancelToken& cancel = {});

//! A shot's colour samples: the source's and the reference's CIE L*a*b* of the pairs,
//! averaged over blocks (grain, dust and compression average out), inside the crop.
struct ColourSamples {
  std::vector<float> source, reference;  //!< L, a, b per sample
  bool empty() const { return source.empty(); }
};
ColourSamples colourSamples(const FrameSource& source, const FrameSource& aligned, const std::vector<int>& frames,
                            const Rect& crop);
//! A shot's colour transfer: the reference's a* and b* each as a gain and an offset of the
//! source's (least squares): how much chroma the print lost and which way it cast.
struct ColourTransfer {
  double m[2][4] = {{0, 0, 0, 0}, {0, 0, 0, 0}};
};
ColourTransfer fitColourTransfer(const ColourSamples& samples);
//! RMS a*b* distance between the transfer's prediction and the reference over `samples`.
double transferError(const ColourTransfer& transfer, const ColourSamples& samples);
//! Compares two shots' transfers both ways.
ShotPairAgreement colourAgreement(const ColourSamples& a, const ColourSamples& b);

}  // namespace filmrecover::pipeline
