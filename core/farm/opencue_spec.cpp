#include "core/farm/opencue_spec.h"

#include <regex>
#include <sstream>

#include "core/exec/errors.h"
#include "core/exec/xml_escape.h"
#include "core/farm/render_command_line.h"

namespace filmrecover::farm {
namespace {

// Cuebot's JobSpec turns '-' into '_' and then wants at least three word characters or
// periods in shot names and job-name suffixes (NAME_REGEX); the DTD wants the job name an
// XML NMTOKEN. Refusing here names the flag instead of a SpecBuilderException on the farm.
const std::regex& cueName() {
  static const std::regex pattern("^[A-Za-z0-9_.-]{3,}$");
  return pattern;
}

void checkCueNames(const FarmJobOptions& o) {
  if (!std::regex_match(o.jobName, cueName()))
    throw InputError("--job-name '" + o.jobName +
                     "' is not an OpenCue job name: at least 3 letters, digits, '_', '-' or '.'.");
  if (!std::regex_match(o.show, cueName()))
    throw InputError("--show '" + o.show + "' is not an OpenCue show name: at least 3 letters, digits, '_', '-' or '.'.");
  if (!std::regex_match(o.shot, cueName()))
    throw InputError("--shot '" + o.shot + "' is not an OpenCue shot name: at least 3 letters, digits, '_', '-' or '.'.");
  // root is written as it is: Cuebot answers "Cannot launch jobs as root", which submit
  // relays, while a --dry-run spec made on a root build box stays inspectable.
  if (o.user.empty() || o.user.find_first_of("<>&\n\r\t ") != std::string::npos)
    throw InputError("the OpenCue user '" + o.user + "' (from $USER) is empty or holds spaces or markup.");
  if (o.memoryGb < 1) throw InputError("--mem must be at least 1 (GB).");
}

// XML 1.0 allows no control characters but tab, newline and carriage return, not even as
// references: a path holding one cannot travel in a spec.
void checkXmlText(const std::string& text, const std::string& what) {
  for (unsigned char c : text)
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
      throw InputError(what + " holds a control character, which an OpenCue spec (XML) cannot carry.");
}

std::string frameRange(int first, int last) {
  return first == last ? std::to_string(first) : std::to_string(first) + "-" + std::to_string(last);
}

}  // namespace

std::string openCueSpec(const FarmJob& job) {
  const auto& o = job.options;
  checkCueNames(o);
  const std::string cmd =
      renderCommandLine(o, "#FRAME_START#-#FRAME_END#") + " --threads " + std::to_string(o.cpusPerTask);
  checkXmlText(cmd, "the render command (model, input or output path)");
  // Contiguous runs of the frame set: a layer's range must not cover frames not asked for.
  std::vector<std::pair<int, int>> runs;
  for (int f : o.frames) {
    if (!runs.empty() && runs.back().second + 1 == f) runs.back().second = f;
    else runs.emplace_back(f, f);
  }
  std::ostringstream s;
  // Cuebot parses with a validating parser and maps this system id (its SPCUE_DTD_URL
  // prefix) to the cjsl DTD it ships; the element order below is that DTD's.
  s << "<?xml version=\"1.0\"?>\n"
    << "<!DOCTYPE spec PUBLIC \"SPI Cue Specification Language\" "
       "\"http://localhost:8080/spcue/dtd/cjsl-1.12.dtd\">\n"
    << "<!-- filmrecover farm render, written by filmrecover-cli submit -->\n"
    << "<spec>\n"
    // No <facility>: Cuebot then places the job in the show's default facility.
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
      << "        <cmd>" << escapeXml(cmd) << "</cmd>\n"
      << "        <range>" << frameRange(runs[i].first, runs[i].second) << "</range>\n"
      << "        <chunk>" << o.chunkSize << "</chunk>\n"
      // Cuebot reads a whole number as core points (100 to a core, values under 10 reset
      // to one core) and a decimal as cores: "4.0" reserves the 4 cores --threads uses.
      << "        <cores>" << o.cpusPerTask << ".0</cores>\n"
      << "        <memory>" << o.memoryGb << "g</memory>\n"
      << "        <services><service>shell</service></services>\n"
      << "      </layer>\n";
  }
  s << "    </layers>\n  </job>\n</spec>\n";
  return s.str();
}

}  // namespace filmrecover::farm
