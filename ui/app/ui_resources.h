#pragma once

namespace filmrecover::ui {

//! Registers the shaders and resources compiled into the static filmrecover_ui library
//! (Qt needs Q_INIT_RESOURCE for .qrc files in static libraries). Safe to call often.
void initUiResources();

}  // namespace filmrecover::ui
