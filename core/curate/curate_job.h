#pragma once
#include <string>

#include "core/curate/dataset_file.h"
#include "core/curate/pair_selection.h"
#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/io/frame_defect.h"

namespace filmrecover::curate {

//! What `filmrecover-cli curate` does, as a value.
struct CurateRequest {
  std::string source;        //!< the element to restore (pattern, movie, folder)
  std::string aligned;       //!< aligned reference frames, numbered like the source
  std::string mapping;       //!< mapping.json from match
  std::string transforms;    //!< transforms.json from align ("" = beside the aligned frames, if there)
  std::string output;        //!< dataset.json to write ("" = do not write)
  std::string contactSheet;  //!< contact sheet image to write ("" = none)
  SelectionOptions selection;
  Rect crop;                 //!< overrides the shared crop when not empty
  int threads = 0;           //!< 0 = all cores
};

//! What came out.
struct CurateResult {
  DatasetFile dataset;
  int candidates = 0;        //!< source frames with a pair
  std::vector<int> ignoredAdditions;  //!< --add frames that have no usable pair
  std::vector<FrameDefect> unreadable; //!< pairs rejected because a frame could not be read
};

//! Reads the mapping and the alignment flags, measures every paired frame (pairFeatures),
//! selects train / hold-out pairs (selectPairs), writes dataset.json and the contact sheet.
//! Progress stage "curate". A pair whose source or aligned frame cannot be read is rejected
//! ("unreadable") and listed in `unreadable`. InputError when an input is missing.
CurateResult runCurate(const CurateRequest& request, const CancelToken& cancel = {},
                       const ProgressCallback& progress = {});

//! transforms.json beside an aligned pattern ("" when the pattern has no folder).
std::string transformsBeside(const std::string& alignedPattern);

}  // namespace filmrecover::curate
