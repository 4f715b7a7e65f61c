// filmrecover-cli: the headless front end. Links the engine only, so a farm node needs
// no GUI libraries. Every command lives in core/cli.
#include "core/cli/command.h"

int main(int argc, char** argv) { return filmrecover::cli::runCli(argc, argv); }
