#pragma once
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/exec/progress.h"
#include "core/image/image.h"
#include "core/synth/degrade.h"
#include "core/synth/retime.h"
#include "core/synth/synthetic_film.h"

namespace filmrecover::synth {

//! How the source element (the one to restore) was damaged.
struct SourceDamage {
  bool fade = false;           //!< dye fade (chroma recovery material)
  FadeOptions fadeOptions;
  bool monochrome = false;     //!< a black-and-white element
  double blur = 0.0;           //!< softness (spatial recovery material), Gaussian sigma in px
  double grain = 0.02;         //!< grain sigma at mid-grey
  bool damage = false;         //!< dust, scratch, blotches
  DamageOptions damageOptions;
};

//! How the reference element (the one that holds the better information) was made from the film.
struct ReferenceMaking {
  int width = 0, height = 0;   //!< frame size (e.g. 720x576 SD); 0 = the film's size
  double scale = 1.0;          //!< reframing about the centre (> 1: overscan crops the edges)
  double rotation = 0.0;       //!< degrees
  double shiftX = 0.0, shiftY = 0.0;  //!< pixels, in the film's coordinates
  double letterbox = 0.0;      //!< picture aspect inside the frame (0 = no bars)
  int jpegQuality = 0;         //!< compression (0 = none; lower = worse)
  double blur = 0.0;           //!< softness of the reference
  double grain = 0.0;          //!< grain of the reference
  RetimeOptions retime;        //!< rate change, missing shots, offsets
};

//! A second scene whose colour is unlike the first's (material for recover --scope): from
//! film shot `firstShot` on, the film has another look (an offset in Cb and Cr) and the truth
//! and the reference show it. With `lookInSource` false the source does not: the look is a
//! grade of the reference alone (a colourist's night look on one scene of a transfer), which
//! the restoration must follow; the source of that scene fades with `fade`. One model fitted
//! to both scenes must map the same faded colours two ways.
struct SecondScene {
  int firstShot = -1;               //!< -1: one scene
  double gradeCb = 0, gradeCr = 0;  //!< the look: added to the film's Cb, Cr
  double lumaGain = 1, lumaLift = 0;  //!< ... and Y' -> gain Y' + lift (a denser or lighter element)
  bool lookInSource = false;        //!< the source was printed from the graded film too
  FadeOptions fade;                 //!< the source's fade in this scene (with SourceDamage::fade)
  //! A blue-green look of the reference alone, the source faded as the first scene's.
  static SecondScene unlike(int firstShot);
  //! Spatial material: the better element of this scene was printed denser (Y' 0.8x, its
  //! colour as the first scene's), the soft source alike throughout. One model must map the
  //! same source tones two ways; a spatial recovery takes its luma from the reference.
  static SecondScene denser(int firstShot);
};

//! Everything writeScenario() makes: a clean film, a damaged source of all of it and a
//! re-timed, reframed, rescaled, compressed reference of part of it.
struct ScenarioOptions {
  SyntheticFilmOptions film;
  SourceDamage source;
  ReferenceMaking reference;
  SecondScene secondScene;        //!< none by default
  std::string extension = "png";  //!< "png" (16-bit) or "jpg"; frames are display-referred

  //! A faded, grainy source and a colour reference covering part of it (chroma recovery).
  static ScenarioOptions chroma(int width, int height, int frames, uint32_t seed = 1);
  //! A soft, regrained source and a sharp reference covering part of it (spatial recovery).
  static ScenarioOptions spatial(int width, int height, int frames, uint32_t seed = 1);
};

//! What was written, with the ground truth needed to judge a match, an alignment or a recovery.
struct Scenario {
  std::string root;               //!< the folder holding everything
  std::string cleanPattern;       //!< e.g. ROOT/clean/clean.####.png (frames 1..N)
  std::string sourcePattern;      //!< ROOT/source/source.####.png (frames 1..N)
  std::string referencePattern;   //!< ROOT/reference/reference.####.png (frames 1..M)
  int sourceFrames = 0, referenceFrames = 0;
  int sourceWidth = 0, sourceHeight = 0, referenceWidth = 0, referenceHeight = 0;
  std::vector<RetimedFrame> mapping;   //!< per reference frame (index j = frame j+1): film frames (0-based)
  cv::Matx33d referenceToSource;       //!< reference pixel coords -> source pixel coords (pixel centres at integers)
  Rect sharedCrop;                     //!< source-space rectangle where the reference holds valid picture
  std::vector<int> coveredSource;      //!< source frame numbers (1-based) shown unblended by some reference frame
  std::vector<int> uncoveredSource;    //!< source frame numbers the reference never shows
  std::vector<ShotInfo> shots;         //!< the film's shots (0-based film frames)
};

//! Generates the scenario into `dir` (created; existing frames are overwritten), writing
//! clean/, source/, reference/ sequences and truth.json (see docs/synth.md).
Scenario writeScenario(const std::string& dir, const ScenarioOptions& options,
                       const ProgressCallback& progress = {});
//! Reads back the truth.json that writeScenario() left in `dir`.
Scenario loadScenario(const std::string& dir);
//! Path of frame `number` of a `####` pattern.
std::string scenarioFramePath(const std::string& pattern, int number);

}  // namespace filmrecover::synth
