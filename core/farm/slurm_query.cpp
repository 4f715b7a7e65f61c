#include "core/farm/slurm_query.h"

#include <filesystem>
#include <sstream>
#include <vector>

#include "core/exec/errors.h"
#include "core/farm/run_process.h"
#include "core/io/frame_set.h"

namespace filmrecover::farm {
namespace {

std::vector<std::string> splitFields(const std::string& line, char sep) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string f;
  while (std::getline(ss, f, sep)) fields.push_back(f);
  return fields;
}

std::string firstWord(const std::string& s) {
  const auto start = s.find_first_not_of(' ');
  if (start == std::string::npos) return "";
  const auto end = s.find(' ', start);
  return s.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

bool allDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Task indices of "3" or "[5-9,12%2]" (sacct's pending ranges; %N is the throttle).
std::vector<int> taskIndices(std::string spec) {
  if (allDigits(spec)) return {std::stoi(spec)};
  if (spec.size() < 3 || spec.front() != '[' || spec.back() != ']') return {};
  spec = spec.substr(1, spec.size() - 2);
  const auto throttle = spec.find('%');
  if (throttle != std::string::npos) spec = spec.substr(0, throttle);
  for (char c : spec)
    if (!((c >= '0' && c <= '9') || c == '-' || c == ',')) return {};
  try {
    return parseFrameSet(spec);
  } catch (const InputError&) {
    return {};
  }
}

std::string clientMessage(const ProcessResult& r) {
  const std::string text = trimTrailing(r.err.empty() ? r.out : r.err);
  return text.empty() ? "exit status " + std::to_string(r.exitCode) : text;
}

}  // namespace

SlurmTaskStates parseSqueueTasks(const std::string& text, const std::string& jobId) {
  SlurmTaskStates tasks;
  std::stringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const auto f = splitFields(trimTrailing(line), '|');
    if (f.size() < 3 || f[0] != jobId) continue;
    for (int t : taskIndices(f[1])) tasks[t] = {firstWord(f[2]), "", "squeue"};
  }
  return tasks;
}

SlurmTaskStates parseSacctTasks(const std::string& text, const std::string& jobId) {
  SlurmTaskStates tasks;
  std::stringstream lines(text);
  std::string line;
  const std::string prefix = jobId + "_";
  while (std::getline(lines, line)) {
    const auto f = splitFields(trimTrailing(line), '|');
    if (f.size() < 3 || f[0].rfind(prefix, 0) != 0) continue;
    for (int t : taskIndices(f[0].substr(prefix.size()))) tasks[t] = {firstWord(f[1]), f[2], "sacct"};
  }
  return tasks;
}

SlurmJobQuery querySlurmArrayJob(const std::string& jobId) {
  SlurmJobQuery query;
  const ProcessResult sacct = runProcess({"sacct", "--jobs=" + jobId, "--allocations", "--noheader",
                                          "--parsable2", "--format=JobID,State,ExitCode"});
  if (!sacct.started) {
    query.accountingNote = "sacct is not installed here";
  } else if (sacct.exitCode != 0) {
    query.accountingNote = "sacct: " + clientMessage(sacct);
  } else {
    query.accounting = true;
    query.tasks = parseSacctTasks(sacct.out, jobId);
  }

  const ProcessResult squeue = runProcess({"squeue", "--jobs=" + jobId, "--array", "--states=all",
                                           "--noheader", "--format=%F|%K|%T"});
  if (!squeue.started)
    throw InputError("squeue (Slurm's client) is not on PATH here: cannot ask Slurm about job " + jobId + ".");
  if (squeue.exitCode != 0) {
    // The controller forgot the job (older than MinJobAge): accounting alone tells.
    const bool forgotten = squeue.err.find("Invalid job id") != std::string::npos;
    if (!forgotten)
      throw RunError("squeue could not ask Slurm about job " + jobId + ": " + clientMessage(squeue));
  } else {
    for (const auto& [task, state] : parseSqueueTasks(squeue.out, jobId)) query.tasks[task] = state;
  }
  return query;
}

std::string slurmJobFolderOf(const std::string& jobId) {
  const ProcessResult r = runProcess({"scontrol", "--oneliner", "show", "job", jobId});
  if (!r.started) throw InputError("scontrol (Slurm's client) is not on PATH here: cannot find job " + jobId + ".");
  if (r.exitCode != 0)
    throw InputError("Slurm does not know job " + jobId + " (" + clientMessage(r) +
                     "); name its job folder instead (submit --status DIR, or --job-dir DIR).");
  // "... StdOut=/jobs/x.farm/logs/x-42_3.log Power= ..." on one line per record; a path
  // may hold spaces, so it runs up to the next " Key=" field.
  const std::string line = r.out.substr(0, r.out.find('\n'));
  const auto at = line.find(" StdOut=");
  if (at == std::string::npos)
    throw InputError("Slurm reports no log path for job " + jobId + "; name its job folder (--job-dir DIR).");
  std::string rest = line.substr(at + 8);
  size_t end = rest.size();
  for (size_t i = 0; i + 1 < rest.size(); ++i) {
    if (rest[i] != ' ') continue;
    const auto eq = rest.find('=', i + 1);
    const auto sp = rest.find(' ', i + 1);
    if (eq != std::string::npos && (sp == std::string::npos || eq < sp)) {
      end = i;
      break;
    }
  }
  const std::filesystem::path log = rest.substr(0, end);
  const auto dir = log.parent_path().parent_path().string();
  if (log.parent_path().filename() != "logs" ||
      !std::filesystem::is_regular_file(std::filesystem::path(dir) / "chunks.json"))
    throw InputError("job " + jobId + " logs to '" + log.string() +
                     "', which is not in a filmrecover job folder; name its job folder (--job-dir DIR).");
  return dir;
}

}  // namespace filmrecover::farm
