#pragma once
// How the viewer combines its A and B inputs: plain data, testable without a GPU.
#include <QString>

namespace filmrecover::ui {

//! What the viewer shows of A and B.
enum class CompareMode {
  A,           //!< only A
  B,           //!< only B
  Wipe,        //!< A on one side of a movable, rotatable line, B on the other
  SideBySide,  //!< A left, B right
  Difference   //!< |A - B| of the displayed values, times a gain
};

//! Human label of a mode ("side by side").
QString compareModeLabel(CompareMode mode);

//! The compare state of a viewer.
struct CompareSettings {
  CompareMode mode = CompareMode::A;
  double wipeX = 0.5;          //!< wipe centre, fraction of the image width (0 left)
  double wipeY = 0.5;          //!< wipe centre, fraction of the image height (0 top)
  double wipeAngle = 0.0;      //!< degrees; 0 = vertical line with A on the left, clockwise
  double differenceGain = 1.0; //!< multiplies |A - B| in difference mode
  bool swapped = false;        //!< A and B exchanged in wipe, side by side and difference

  bool operator==(const CompareSettings& o) const {
    return mode == o.mode && wipeX == o.wipeX && wipeY == o.wipeY && wipeAngle == o.wipeAngle &&
           differenceGain == o.differenceGain && swapped == o.swapped;
  }
  bool operator!=(const CompareSettings& o) const { return !(*this == o); }

  //! Tab: A shows B, B shows A; in two-input modes the inputs swap sides.
  CompareSettings toggled() const;
  //! True when the image pixel (x, y) of a width x height frame shows A in wipe mode
  //! (before `swapped` applies).
  bool wipeShowsA(double x, double y, int width, int height) const;
  //! Width of the canvas in units of the frame width (2 for side by side, else 1).
  int canvasFrames() const { return mode == CompareMode::SideBySide ? 2 : 1; }
  //! True when the mode needs the B input.
  bool needsB() const { return mode != CompareMode::A; }
  //! True when the mode needs the A input.
  bool needsA() const { return mode != CompareMode::B; }
};

}  // namespace filmrecover::ui
