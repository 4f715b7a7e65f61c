#include "core/farm/opencue_spec.h"

#include <sstream>

#include "core/exec/xml_escape.h"
#include "core/farm/render_command_line.h"
#include "core/farm/shell_quote.h"

namespace filmrecover::farm {

std::string openCueSpec(const FarmJob& job) {
  const auto& o = job.options;
  // Contiguous runs of the frame set: a layer's range must not cover frames not asked for.
  std::vector<std::pair<int, int>> runs;
  for (int f : o.frames) {
    if (!runs.empty() && runs.back().second + 1 == f) runs.back().second = f;
    else runs.emplace_back(f, f);
  }
  std::ostringstream s;
  s << "<?xml version=\"1.0\"?>\n"
    << "<!DOCTYPE spec PUBLIC \"SPI Cue Specification Language\" "
       "\"http://localhost:8080/spcue/dtd/cjsl-1.12.dtd\">\n"
    << "<!-- filmrecover farm render, written by filmrecover-cli submit -->\n"
    << "<spec>\n"
    << "  <facility>local</facility>\n"
    << "  <show>" << escapeXml(o.show) << "</show>\n"
    << "  <shot>" << escapeXml(o.shot) << "</shot>\n"
    << "  <user>" << escapeXml(o.user) << "</user>\n"
    << "  <job name=\"" << escapeXml(o.jobName) << "\">\n"
    << "    <paused>False</paused>\n"
    << "    <maxretries>" << o.maxRetries << "</maxretries>\n"
    << "    <autoeat>False</autoeat>\n"
    << "    <env/>\n"
    << "    <layers>\n";
  for (size_t i = 0; i < runs.size(); ++i) {
    s << "      <layer name=\"render" << i << "\" type=\"Render\">\n"
      << "        <cmd>" << escapeXml(renderCommandLine(o, "#FRAME_START#-#FRAME_END#") +
                                      " --threads " + std::to_string(o.cpusPerTask))
      << "</cmd>\n"
      << "        <range>" << runs[i].first << "-" << runs[i].second << "</range>\n"
      << "        <chunk>" << o.chunkSize << "</chunk>\n"
      << "        <cores>" << o.cpusPerTask << "</cores>\n"
      << "        <memory>" << o.memoryGb << "g</memory>\n"
      << "        <services><service>shell</service></services>\n"
      << "      </layer>\n";
  }
  s << "    </layers>\n  </job>\n</spec>\n";
  return s.str();
}

}  // namespace filmrecover::farm
