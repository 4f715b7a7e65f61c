#pragma once
// Temporal stabilisation of a recovery: every frame is inferred alone, so the recovered
// colour carries the source's frame-to-frame noise (flicker). The stabiliser filters the
// recovered colour along the source's own motion, over a few frames each side, never
// across a cut or a gap. The output's luma (the source's, grain included, in a chroma
// recovery) is left exactly as it was. What is filtered (StabiliseSettings::target):
// - "chroma" (default): the output's Cb and Cr, the channels the model recovered;
// - "correction": the model's change to them (output minus source), added back to the
//   source's own Cb and Cr, so the source's chroma noise passes through untouched.
// Measured end to end (docs/quality.md): on a faded, grainy print the model removes much of
// the source's chroma noise, and filtering the correction puts it back (no gain); filtering
// the recovered chroma lowers its warping error.
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/temporal_consistency.h"
#include "core/image/image.h"

namespace filmrecover {

//! How the correction is filtered.
struct StabiliseSettings {
  bool enabled = false;
  std::string target = "chroma";  //!< "chroma" (the output's Cb, Cr) or "correction" (output minus source)
  int radius = 4;             //!< frames each side (0..4)
  double sigma = 3.0;         //!< Gaussian weight of a neighbour |d| frames away: exp(-d^2 / 2 sigma^2)
  double lumaTolerance = 0.06;  //!< a neighbour's pixel is used only where the source's luma,
                              //!< warped, agrees within this (flow that went wrong is left out;
                              //!< a grainy source's luma differs by up to ~0.05 where it went right)
  double chromaTolerance = 0.15;  //!< ... and weighted by how near what is filtered (Cb, Cr), warped, is
                              //!< to the frame's own: (1 - (d / tolerance)^2)^2 (Tukey's biweight), 0
                              //!< from the tolerance on. A strong change of colour the luma does not
                              //!< show (a light turning red or blue) is kept, not smeared over the
                              //!< window; a recovery's frame-to-frame noise (~0.01) keeps nearly all
                              //!< its weight, a flicker of 0.06 two thirds of it
  int flowMaxSide = 960;      //!< optical flow is estimated on luma scaled to this longer side
  std::vector<int> cuts;      //!< first frames of shots: no frame borrows across one
  bool operator==(const StabiliseSettings& o) const {
    return enabled == o.enabled && target == o.target && radius == o.radius && sigma == o.sigma && lumaTolerance == o.lumaTolerance &&
           chromaTolerance == o.chromaTolerance && flowMaxSide == o.flowMaxSide && cuts == o.cuts;
  }
};

void to_json(nlohmann::json& j, const StabiliseSettings& s);
void from_json(const nlohmann::json& j, StabiliseSettings& s);
//! Throws InputError naming the setting when one is out of range.
void validateStabiliseSettings(const StabiliseSettings& s);

//! A frame leaving the stabiliser: its number and the stabilised output.
using StabilisedFrame = std::pair<int, Image>;

//! Streams frames in ascending order through a window of 2 radius + 1 frames: push each
//! frame's source and recovered output; frames come back (in order) once every neighbour
//! they may borrow from has been seen, and all of them after finish(). The motion between
//! two frames is estimated once for both (each frame needs it the other way round): about
//! 2 radius DIS runs a frame. Memory: the window, plus the motion the frames not yet
//! released keep from those released (radius (radius + 1) / 2 full-size flow fields, 9 bytes
//! a pixel each: about 290 MB at 2K and radius 4).
class CorrectionStabiliser {
 public:
  explicit CorrectionStabiliser(StabiliseSettings settings);
  //! Adds frame `frame` (greater than the last one pushed). `source` and `output` must be
  //! RGB of the same size (InputError otherwise). Returns the frames now final.
  std::vector<StabilisedFrame> push(int frame, Image source, Image output);
  //! Returns the frames still held.
  std::vector<StabilisedFrame> finish();

 private:
  struct Held {
    int frame = 0;
    Image source, output;
    Image sourceLuma;  //!< the source's Y'
    Image signal;  //!< 2 channels: what is filtered (Cb, Cr of the output, or of output minus source)
    //! Motion towards earlier frames, estimated when those were stabilised: for every pixel
    //! of this frame, where it is in frame `key`.
    std::map<int, analysis::MotionEstimate> towardsEarlier;
  };
  bool continues(int previous, int next) const;  //!< same shot, no gap
  StabilisedFrame stabilise(size_t index);
  std::vector<StabilisedFrame> release(size_t count);

  StabiliseSettings settings_;
  std::deque<Held> window_;  //!< consecutive frames of one shot
  size_t released_ = 0;      //!< how many frames at the window's front have been released
};

//! The whole of one shot at once (tests, tools): frames[i] with source[i] and output[i].
std::vector<Image> stabiliseShot(const std::vector<Image>& source, const std::vector<Image>& output,
                                 StabiliseSettings settings);

}  // namespace filmrecover
