#include "ui/app/ui_resources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initFilmrecoverQrc() {
  Q_INIT_RESOURCE(shaders);
  Q_INIT_RESOURCE(resources);
}

namespace filmrecover::ui {

void initUiResources() {
  static const bool done = (initFilmrecoverQrc(), true);
  (void)done;
}

}  // namespace filmrecover::ui
