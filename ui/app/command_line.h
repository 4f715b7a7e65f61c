#pragma once
// The workstation's command line: filmrecover [SOURCE_A [SOURCE_B]] | --project DIR.
#include <QString>
#include <QStringList>

namespace filmrecover::ui {

//! What the command line asks for.
struct CommandLine {
  QString project;          //!< --project DIR
  QStringList sources;      //!< 0, 1 (A) or 2 (A and B) sources
  QString compareMode;      //!< --compare a|b|wipe|side|diff
  QString screenshot;       //!< --screenshot PNG: save the window after loading, then quit
  QString benchPlayback;    //!< --bench-playback DIR: run the playback benchmark in DIR
  double benchSeconds = 10; //!< --bench-seconds S
  QString error;            //!< a usage error, one sentence ("" when fine)
  bool help = false;
};

//! Parses arguments (without the program name). Never exits.
CommandLine parseCommandLine(const QStringList& args);

//! The --help text.
QString commandLineHelp();

}  // namespace filmrecover::ui
