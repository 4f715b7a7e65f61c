#include "ui/viewer/compare_settings.h"

#include <cmath>

namespace filmrecover::ui {

QString compareModeLabel(CompareMode mode) {
  switch (mode) {
    case CompareMode::A: return QStringLiteral("A");
    case CompareMode::B: return QStringLiteral("B");
    case CompareMode::Wipe: return QStringLiteral("Wipe");
    case CompareMode::SideBySide: return QStringLiteral("Side by side");
    case CompareMode::Difference: return QStringLiteral("Difference");
  }
  return {};
}

CompareSettings CompareSettings::toggled() const {
  CompareSettings s = *this;
  if (mode == CompareMode::A)
    s.mode = CompareMode::B;
  else if (mode == CompareMode::B)
    s.mode = CompareMode::A;
  else
    s.swapped = !swapped;
  return s;
}

bool CompareSettings::wipeShowsA(double x, double y, int width, int height) const {
  // The wipe line passes through the centre; its normal points to B's side. Angles in pixel
  // space, so a 45 degree wipe is 45 degrees on screen whatever the aspect ratio.
  const double a = wipeAngle * M_PI / 180.0;
  const double nx = std::cos(a), ny = std::sin(a);
  const double dx = x - wipeX * width, dy = y - wipeY * height;
  return dx * nx + dy * ny < 0.0;
}

}  // namespace filmrecover::ui
