#pragma once
#include <string>
#include <vector>

#include "core/image/image.h"

namespace filmrecover::curate {

//! A source frame that may become a training pair.
struct PairCandidate {
  int frame = 0;                 //!< source frame number
  int shot = 0;                  //!< index of the shot it belongs to
  std::vector<float> features;   //!< pairFeatures()
  std::string flag;              //!< why it must not be used ("" = usable)
};

//! A frame left out, and why.
struct RejectedPair {
  int frame = 0;
  std::string reason;
};

//! How many pairs to pick and what the operator forced.
struct SelectionOptions {
  int train = 12;                //!< training pairs wanted
  int holdout = 3;               //!< hold-out pairs wanted (never trained on)
  std::vector<int> add;          //!< frames the operator wants in training
  std::vector<int> remove;       //!< frames the operator rejects
  double timeWeight = 1.0;       //!< weight of position in time against content
};

//! The chosen pairs.
struct Selection {
  std::vector<int> train, holdout;     //!< ascending
  std::vector<RejectedPair> rejected;  //!< ascending frame
};

//! Picks diverse pairs: greedy k-centre over standardised features (brightness, colour,
//! texture) plus position in time, seeded with one frame per shot so every shot is
//! represented, after the operator's additions; hold-out pairs are spread over time among
//! the picks. Flagged and removed candidates are rejected with their reason. Asking for
//! more than there are gives all usable candidates (hold-out first kept when possible).
Selection selectPairs(const std::vector<PairCandidate>& candidates, const SelectionOptions& options);

}  // namespace filmrecover::curate
