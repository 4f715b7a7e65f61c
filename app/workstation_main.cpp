// filmrecover: the Qt workstation. Everything it does is in ui/ (views) and core/ (engine).
#include "ui/app/workstation_app.h"

int main(int argc, char** argv) { return filmrecover::ui::runWorkstation(argc, argv); }
