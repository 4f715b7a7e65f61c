#pragma once
#include <functional>
#include <utility>
#include <vector>

namespace filmrecover::match {

//! Penalties of the monotonic alignment (in units of the cell gain, see alignBanded).
struct AlignmentCosts {
  float uniform = 0.15f;    //!< repeat or skip on an axis without event evidence
  float likely = 0.05f;     //!< repeat or skip where the element shows it (duplicate, jump, blend)
  float unlikely = 0.8f;    //!< repeat or skip where the element shows nothing of the kind
  float gapAtCut = 0.5f;    //!< jump over unmatched frames landing on a shot start (or a jump in time)
  float oneSidedStart = 1.0f; //!< added to gapAtCut when only one element starts a shot there
  float gapInShot = 3.0f;   //!< jump over unmatched frames landing inside a shot
  float cutMismatch = 2.0f; //!< a step that crosses a cut on one element but not on the other
  float headLost = 0.6f;    //!< a skip of a shot's first or last frame on one element, at a cut both show
  float ignoredEvent = 0.5f; //!< a diagonal step into a frame its element shows repeated or after a lost frame
};

//! What one element's own frames say about its timeline, one entry per frame (or per
//! grid cell of a subsampled pass). Vectors may be left empty except shotStart.
struct AxisEvents {
  std::vector<bool> shotStart;  //!< first frame of a shot (hard cut before it)
  std::vector<bool> softStart;  //!< a jump in time inside a shot (a censorship cut): cheap to gap
  std::vector<bool> duplicate;  //!< same picture as the previous frame
  std::vector<bool> jump;       //!< about twice the usual motion since the previous frame (a frame lost)
  std::vector<bool> blend;      //!< woven from two moments (pulldown field blend)
  std::vector<bool> unreadable; //!< shows no picture of the film (a flash, a burnt frame): its cells say nothing
  bool evidence = false;        //!< duplicate/jump/blend are meaningful (else uniform costs)
};

//! Columns [lo, hi) of one row that the alignment may use.
struct BandRow {
  int lo = 0, hi = 0;
};

//! One matched cell of the alignment: row (reference index) and column (source index).
struct AlignedCell {
  int row = 0, col = 0;
  float gain = 0;  //!< the cell's gain (score minus threshold) as given
};

//! Monotonic local alignment with gaps, over a banded grid of rows x columns.
//! `gain(i, j)` is the similarity of row i and column j minus the threshold above which
//! two frames count as the same picture. A path steps by (1,1); by (1,0)/(0,1) (a frame
//! repeated on one element); by (1,2)/(2,1) (a frame missing on one element); or jumps to
//! any cell down-right of an earlier one (unmatched frames on either side). Repeats and
//! skips cost `likely` where the element's own timeline shows a duplicate, a doubled motion
//! or a field blend there, `unlikely` where it does not (with evidence off: `uniform`);
//! a diagonal step into a frame its element shows repeated or after a lost frame costs
//! `ignoredEvent` (the path would pair one of the frames around it wrongly);
//! jumps cost `gapAtCut` when they land on a shot start or a jump in time, else `gapInShot`;
//! a step crossing a cut on one element only costs `cutMismatch` more. Skipping the first
//! or last frame of a shot on one element at a cut both show costs at most `headLost`
//! (frames lost at a splice, or a transfer's drop falling on the cut, which no timeline
//! can see: no motion crosses a cut). Each landing cell
//! adds its gain weighted by the frames the step advances (symmetric DTW weighting, so a
//! staircase never beats the diagonal), except that a repeat the element's timeline shows
//! weighs as a diagonal step (its cadence is kept where the pictures cannot tell).
//! Returns the best path, first cell first; weak stretches whose total falls below a jump's cost are dropped, as in Smith-Waterman.
std::vector<AlignedCell> alignBanded(int rows, int cols, const std::vector<BandRow>& band,
                                     const std::function<float(int, int)>& gain,
                                     const AxisEvents& rowEvents, const AxisEvents& colEvents,
                                     const AlignmentCosts& costs = {});

}  // namespace filmrecover::match
