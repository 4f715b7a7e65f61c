#include "core/report/report_html.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"
#include "core/exec/xml_escape.h"
#include "core/report/report_sections.h"
#include "core/report/report_style.h"
#include "core/report/svg_plot.h"

namespace filmrecover::report {
namespace {

std::string nowText() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M %Z", &tm);
  return buf;
}

}  // namespace

std::string renderReportHtml(const ReportData& input) {
  ReportData d = input;
  if (d.generated.empty()) d.generated = nowText();
  std::string html;
  html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<title>" + escapeXml(d.title + (d.film.empty() ? "" : " — " + d.film)) + "</title>\n";
  html += "<style>\n" + reportStyleSheet() + "</style>\n</head>\n<body>\n<div class=\"page\">\n";
  html += sections::header(d);
  html += sections::summary(d);
  html += sections::warnings(d);
  html += sections::skippedFrames(d);
  html += sections::sources(d);
  html += sections::mapping(d);
  html += sections::alignment(d);
  html += sections::dataset(d);
  html += sections::training(d);
  html += sections::metrics(d);
  html += sections::scope(d);
  html += sections::perFrame(d);
  html += sections::temporal(d);
  html += sections::stills(d);
  html += sections::provenance(d);
  html += sections::signOff(d);
  html += "</div>\n</body>\n</html>\n";
  return html;
}

void writeReport(const ReportData& data, const std::string& path) {
  const std::string html = renderReportHtml(data);
  writeFileAtomic(path, html);
}

}  // namespace filmrecover::report
