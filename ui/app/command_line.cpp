#include "ui/app/command_line.h"

namespace filmrecover::ui {

CommandLine parseCommandLine(const QStringList& args) {
  CommandLine cl;
  for (int i = 0; i < args.size(); ++i) {
    const QString& a = args[i];
    auto value = [&](QString* out) {
      if (i + 1 >= args.size()) {
        cl.error = QStringLiteral("%1 needs a value").arg(a);
        return;
      }
      *out = args[++i];
    };
    if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
      cl.help = true;
    } else if (a == QLatin1String("--project")) {
      value(&cl.project);
    } else if (a == QLatin1String("--compare")) {
      value(&cl.compareMode);
      if (!QStringList{"a", "b", "wipe", "side", "diff"}.contains(cl.compareMode))
        cl.error = QStringLiteral("--compare takes a, b, wipe, side or diff, not '%1'").arg(cl.compareMode);
    } else if (a == QLatin1String("--screenshot")) {
      value(&cl.screenshot);
    } else if (a == QLatin1String("--bench-playback")) {
      value(&cl.benchPlayback);
    } else if (a == QLatin1String("--bench-seconds")) {
      QString s;
      value(&s);
      bool ok = false;
      cl.benchSeconds = s.toDouble(&ok);
      if (!ok || cl.benchSeconds <= 0) cl.error = QStringLiteral("--bench-seconds takes a positive number");
    } else if (a.startsWith(QLatin1Char('-')) && a.size() > 1) {
      // Qt's own options (-platform, -style ...) are consumed by QApplication before us.
      cl.error = QStringLiteral("unknown option %1 (see --help)").arg(a);
    } else {
      cl.sources << a;
    }
    if (!cl.error.isEmpty()) return cl;
  }
  if (cl.sources.size() > 2)
    cl.error = QStringLiteral("at most two sources (A and B) can be opened, got %1").arg(cl.sources.size());
  else if (!cl.project.isEmpty() && !cl.sources.isEmpty())
    cl.error = QStringLiteral("give either --project DIR or sources, not both");
  return cl;
}

QString commandLineHelp() {
  return QStringLiteral(
      "Usage: filmrecover [SOURCE_A [SOURCE_B]] [--compare a|b|wipe|side|diff]\n"
      "       filmrecover --project DIR\n\n"
      "The filmrecover workstation: viewer with wipe and difference, scopes, pixel probe.\n\n"
      "  SOURCE_A            sequence (plate.####.exr, plate.%04d.dpx, a folder) or movie, shown as A (source)\n"
      "  SOURCE_B            a second one, shown as B (restored); opens in wipe mode\n"
      "  --project DIR       a project folder: its saved session; else a project (recover work dir,\n"
      "                      --project folder): its source against its newest restored render;\n"
      "                      else source/reference/aligned/restored/baseline sub-folders\n"
      "  --compare MODE      start in a, b, wipe, side (side by side) or diff (difference)\n"
      "  --screenshot PNG    save a picture of the window once the frames are shown, then quit\n"
      "  --bench-playback DIR  write a 2K EXR sequence in DIR, play it from the cache, print JSON\n"
      "  --bench-seconds S   how long the benchmark plays (default 10)\n"
      "  -h, --help          this text\n");
}

}  // namespace filmrecover::ui
