#pragma once
// The viewer's composite of A and B computed on the CPU, decimated: what the scopes read, and
// the reference the GPU path is checked against.
#include <functional>

#include "core/image/image.h"
#include "ui/viewer/compare_settings.h"

namespace filmrecover::ui {

//! Turns frame values into display values in place (the viewer's display transform).
using DisplayFunction = std::function<void(Image&)>;

//! Nearest-neighbour resize of `image` to at most `maxWidth` wide, aspect kept.
Image decimate(const Image& image, int maxWidth);

//! What the viewer shows of A and B under `compare`, as display values, at most `maxWidth`
//! wide (the canvas width: twice the frame for side by side). B is stretched over A's frame
//! when its size differs. An empty B shows black where B would be. `display` may be empty.
Image compositeDisplayed(const Image& a, const Image& b, const CompareSettings& compare,
                         const DisplayFunction& display, int maxWidth);

}  // namespace filmrecover::ui
