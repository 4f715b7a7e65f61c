#pragma once
#include <string>

#include "core/match/gapped_alignment.h"

namespace filmrecover::match {

//! Settings of temporal matching (defaults suit ordinary film material; see docs/matching.md).
struct MatchOptions {
  float coarseThreshold = 0.55f;  //!< rank correlation above which frames may be the same picture
  float coarseFloor = 0.3f;       //!< ... lowered to no less than this where row and column agree (coarse_gain.h)
  float coarseMargin = 0.15f;     //!< ... for cells this close to the best of their row and column
  float fineThreshold = 0.45f;    //!< fine similarity above which frames may be the same picture
  AlignmentCosts costs;           //!< penalties of repeats, skips and gaps
  int maxCoarseGrid = 1500;       //!< longer elements are subsampled for the first pass
  int bandRadius = 4;             //!< frames around the first pass the second pass may move
  int framingSearch = 10;         //!< ... and frames around it the framing probes try (band reaches as far as they show)
  int maxShotBand = 400;          //!< ... or anywhere in the source shots it links a reference shot to, up to this many frames
  int maxTimeJump = 250;          //!< ... and how many more after a jump in time inside a shot (censorship)
  float minConfidence = 0.35f;    //!< pairs below this fine similarity are flagged
  float shotOutlier = 0.25f;      //!< ... or this far below the median of their stretch
  float minDistinctSimilarity = 0.2f; //!< ... unless at least this and above every reference frame +-2, or between two good diagonal neighbours (a damaged frame)
  float combFlag = 1.5f;          //!< comb score this many times the element's median flags "interlaced"
  bool useTimecode = true;        //!< use start timecodes when both elements carry one
  std::string cacheDir;           //!< where descriptors are cached ("" = no cache)
  int threads = 0;                //!< decode threads, 0 = all cores
};

}  // namespace filmrecover::match
