#pragma once
// Whether the model beats the other candidates, judged by what its mode must achieve:
// chroma recovery on colour (ΔE2000 and chroma PSNR) with the source's luma kept as a
// condition (an RGB measure would reward a grade that moves the luma towards the
// reference, which chroma recovery must not do); spatial recovery on luma PSNR; combined
// on ΔE2000 and RGB PSNR.
#include <string>
#include <vector>

#include "core/report/report_data.h"

namespace filmrecover::report {

//! Largest max |ΔY'| against the source that still counts as keeping the source's luma:
//! half an 8-bit code value (the model of a chroma recovery stays near 3e-4).
constexpr double kLumaIdentityTolerance = 0.002;

//! True when chroma recovery in `mode` must keep the luma (mode "chroma").
bool keepsLumaByMode(const std::string& mode);

//! True when `c` keeps the source's luma within kLumaIdentityTolerance (true without a source).
bool keepsLuma(const CandidateMetrics& c);

//! The judgement of the first candidate (the model) against the others.
struct Verdict {
  bool judged = false;          //!< false with fewer than two candidates
  bool wins = false;            //!< better than every other candidate on every measure, condition met
  std::string measures;         //!< e.g. "chroma (ΔE2000, chroma PSNR)"
  std::string sentence;         //!< what the report shows (plain text, UTF-8)
  std::vector<std::string> notes;  //!< other candidates that break the mode's condition, and why
};

//! Judges d.candidates[0] against the rest by d.mode's measures.
Verdict judgeModel(const ReportData& d);

}  // namespace filmrecover::report
