#pragma once
// The sections of the QC report, each a function of ReportData returning an HTML fragment
// ("" when the section has nothing to show). Internal to the report module.
#include <string>

#include "core/report/report_data.h"

namespace filmrecover::report::sections {

std::string header(const ReportData& d);
std::string summary(const ReportData& d);
std::string warnings(const ReportData& d);
std::string skippedFrames(const ReportData& d);
std::string sources(const ReportData& d);
std::string mapping(const ReportData& d);
std::string alignment(const ReportData& d);
std::string dataset(const ReportData& d);
std::string training(const ReportData& d);
std::string metrics(const ReportData& d);
std::string scope(const ReportData& d);
std::string perFrame(const ReportData& d);
std::string temporal(const ReportData& d);
std::string stills(const ReportData& d);
std::string provenance(const ReportData& d);
std::string signOff(const ReportData& d);

//! "12.35"-style number with `decimals` digits, "–" for non-finite values.
std::string fixed(double v, int decimals);
//! Opens a numbered section with an anchor id and a heading.
std::string open(const std::string& id, const std::string& heading, const std::string& lead = "");

}  // namespace filmrecover::report::sections
