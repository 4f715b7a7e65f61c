#pragma once
// Playback benchmark: a 2K EXR sequence played from the frame cache at its frame rate in the
// real main window (viewer, OCIO shader, live scopes), reporting shown and dropped frames.
#include <QString>

namespace filmrecover::ui {

//! Writes (once) `frames` 2048x1080 half EXR frames in `dir`, opens them, fills the cache,
//! plays for `seconds` at `fps` and returns the result as one JSON object (text).
QString runPlaybackBenchmark(const QString& dir, double seconds, int frames = 48, double fps = 24.0);

}  // namespace filmrecover::ui
