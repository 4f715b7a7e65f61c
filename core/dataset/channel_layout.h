#pragma once
#include <vector>

#include "core/dataset/recovery_mode.h"
#include "core/image/image.h"

namespace filmrecover {

//! For each network output channel, the network input channel it is a residual of:
//! the network predicts a correction added to that input channel (chroma: Cb,Cr → {1,2};
//! spatial: Y → {0}; combined: Y,Cb,Cr → {0,1,2}).
std::vector<int> residualInputChannels(RecoveryMode mode);

//! The network input taken from a Y,Cb,Cr image of the source (Y,Cb,Cr or Y alone).
Image networkInput(const Image& sourceYcc, RecoveryMode mode);

//! The training target from the aligned reference(s), Y,Cb,Cr each. Combined mode takes Y
//! from `detailYcc` when given (else from `chromaYcc`) and Cb,Cr from `chromaYcc`.
Image networkTarget(const Image& chromaYcc, const Image* detailYcc, RecoveryMode mode);

//! The recovered Y,Cb,Cr frame: the network prediction in its channels and the source in the
//! others, copied bit for bit (chroma keeps source Y exactly, spatial keeps source Cb,Cr).
Image recombinePrediction(const Image& sourceYcc, const Image& prediction, RecoveryMode mode);

//! Output channel positions (0=Y, 1=Cb, 2=Cr) the network predicts for `mode`.
std::vector<int> predictedYccChannels(RecoveryMode mode);

//! Copies channels `from` of `src` (in order) into a new image of from.size() channels.
Image selectChannels(const Image& src, const std::vector<int>& from);

}  // namespace filmrecover
