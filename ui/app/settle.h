#pragma once
// Waiting until the window has shown what it was asked to (sources open, frames decoded,
// display transform built, scopes drawn), for screenshots, benchmarks and tests.

namespace filmrecover::ui {

class MainWindow;

//! Processes events until nothing is loading or computing (at least `minMs`), or `timeoutMs`
//! passes; true when settled.
bool waitUntilSettled(MainWindow& window, int timeoutMs, int minMs = 0);

}  // namespace filmrecover::ui
