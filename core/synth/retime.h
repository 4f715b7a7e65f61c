#pragma once
#include <vector>

#include "core/synth/synthetic_film.h"

namespace filmrecover::synth {

//! How a second element of the film was transferred in time.
enum class RateChange {
  None,         //!< one element frame per film frame
  Duplicate25,  //!< 24 -> 25 fps by repeating every 24th frame
  Drop,         //!< every `dropEvery`-th frame lost
  Pulldown32    //!< 3:2 pulldown: 4 film frames -> 5 video frames, 2 of them field blends
};

//! Re-timing of an element against the film: what it lacks and how its rate differs.
struct RetimeOptions {
  RateChange rate = RateChange::None;
  int dropEvery = 12;           //!< for RateChange::Drop
  int startOffset = 0;          //!< film frames missing at the start (a shifted start)
  int endTrim = 0;              //!< film frames missing at the end
  std::vector<int> cutShots;    //!< shot indices missing entirely (censorship cuts, reel loss)
};

//! One frame of the re-timed element and the film frame(s) it shows (0-based film indices).
struct RetimedFrame {
  int film = 0;          //!< the film frame shown (the first field's when blended)
  int secondField = -1;  //!< the film frame in the odd field of a pulldown blend, else -1
  bool blended() const { return secondField >= 0 && secondField != film; }
};

//! The element's frames in order, each with the film frame it shows: the ground truth
//! of a temporal match.
std::vector<RetimedFrame> retime(const SyntheticFilm& film, const RetimeOptions& options);

}  // namespace filmrecover::synth
