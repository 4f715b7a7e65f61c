#pragma once
// The viewer's display transform as data: input colour space, OCIO display/view, exposure, gamma.
#include <QString>

namespace filmrecover::ui {

//! What turns a frame's values into screen values.
struct DisplaySettings {
  QString inputSpace;   //!< OCIO colour space of the frames ("" = the config's guess)
  QString display;      //!< OCIO display ("" = the config's default)
  QString view;         //!< OCIO view ("" = the display's default)
  double exposure = 0;  //!< stops, applied before the display transform (x 2^exposure)
  double gamma = 1;     //!< applied after it (value^(1/gamma))

  bool operator==(const DisplaySettings& o) const {
    return inputSpace == o.inputSpace && display == o.display && view == o.view &&
           exposure == o.exposure && gamma == o.gamma;
  }
  bool operator!=(const DisplaySettings& o) const { return !(*this == o); }
  //! True when only exposure or gamma differ (no new OCIO processor needed).
  bool sameTransform(const DisplaySettings& o) const {
    return inputSpace == o.inputSpace && display == o.display && view == o.view;
  }
};

}  // namespace filmrecover::ui
