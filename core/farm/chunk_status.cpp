#include "core/farm/chunk_status.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "core/farm/shell_quote.h"
#include "core/io/frame_set.h"
#include "core/io/output_pattern.h"

namespace filmrecover::farm {
namespace fs = std::filesystem;

std::string chunkVerdictName(ChunkVerdict v) {
  switch (v) {
    case ChunkVerdict::Done: return "done";
    case ChunkVerdict::Active: return "active";
    case ChunkVerdict::Failed: return "failed";
    case ChunkVerdict::NotSubmitted: return "not_submitted";
    case ChunkVerdict::Incomplete: return "incomplete";
  }
  return "unknown";
}

int FarmJobStatus::count(ChunkVerdict v) const {
  return static_cast<int>(std::count_if(chunks.begin(), chunks.end(), [v](const ChunkStatus& c) { return c.verdict == v; }));
}

std::vector<int> FarmJobStatus::failedTasks() const {
  std::vector<int> tasks;
  for (const auto& c : chunks)
    if (c.verdict == ChunkVerdict::Failed) tasks.push_back(c.task);
  return tasks;
}

std::vector<int> missingOutputFrames(const std::string& outputPattern, const std::vector<int>& frames) {
  const OutputPattern pattern(outputPattern);
  std::vector<int> missing;
  for (int f : frames) {
    std::error_code ec;
    // Frames are written under a temp name and renamed: a file there is a whole frame.
    if (!fs::is_regular_file(pattern.pathFor(f), ec)) missing.push_back(f);
  }
  return missing;
}

bool slurmStateIsActive(const std::string& state) {
  static const std::set<std::string> active = {
      "PENDING",      "CONFIGURING", "RUNNING",       "COMPLETING", "REQUEUED", "REQUEUE_FED",
      "REQUEUE_HOLD", "RESIZING",    "SUSPENDED",     "STAGE_OUT",  "SIGNALING", "RESV_DEL_HOLD",
      "STOPPED",      "POWER_UP_NODE", "UPDATE_DB"};
  return active.count(state) > 0;
}

ChunkStatus judgeSlurmChunk(int task, std::vector<int> frames, std::vector<int> missing, const std::string& jobId,
                            const std::optional<SlurmTaskState>& state, const std::string& logPath) {
  ChunkStatus c;
  c.task = task;
  c.frames = std::move(frames);
  c.missing = std::move(missing);
  c.jobId = jobId;
  c.logPath = logPath;
  if (state) {
    c.schedulerState = state->state;
    c.exitCode = state->exitCode;
  }
  const std::string taskName = "task " + std::to_string(task) + " of job " + jobId;
  const std::string missingText = "frames " + formatFrameSet(c.missing) + " not on disk";
  const std::string exitText = c.exitCode.empty() ? "" : " (exit " + c.exitCode + ")";
  if (state && slurmStateIsActive(state->state)) {
    c.verdict = ChunkVerdict::Active;
    return c;
  }
  if (c.missing.empty()) {
    c.verdict = ChunkVerdict::Done;
    if (state && state->state != "COMPLETED")
      c.why = taskName + " ended " + state->state + exitText + " after writing every frame";
    return c;
  }
  if (jobId.empty()) {
    c.verdict = ChunkVerdict::NotSubmitted;
    c.why = "never submitted, with " + missingText;
    return c;
  }
  c.verdict = ChunkVerdict::Failed;
  if (!state)
    c.why = "Slurm has no record of " + taskName +
            " (ended longer ago than the controller's MinJobAge with no accounting, or cancelled while pending), "
            "with " + missingText;
  else if (state->state == "COMPLETED")
    c.why = taskName + " completed with " + missingText + " (see " + logPath + ")";
  else
    c.why = taskName + " ended " + state->state + exitText + " with " + missingText + " (see " + logPath + ")";
  return c;
}

namespace {

std::string slurmLogPath(const JobFolder& folder, const std::string& jobId, int task) {
  // The sbatch script's --output: JOBDIR/logs/%x-%A_%a.log.
  return (fs::path(folder.dir) / "logs" / (folder.jobName + "-" + jobId + "_" + std::to_string(task) + ".log")).string();
}

// The job that last ran each task: later submissions replace earlier ones.
std::vector<std::string> latestJobOfEachTask(const JobFolder& folder, const std::string& extraJobId) {
  std::vector<std::string> latest(folder.chunks.size());
  bool extraRecorded = extraJobId.empty();
  for (const auto& s : folder.submissions) {
    if (s.jobId == extraJobId) extraRecorded = true;
  }
  if (!extraRecorded) std::fill(latest.begin(), latest.end(), extraJobId);
  for (const auto& s : folder.submissions)
    for (int t : s.tasks) latest[static_cast<size_t>(t)] = s.jobId;
  return latest;
}

}  // namespace

FarmJobStatus farmJobStatusFrom(const JobFolder& folder, const std::map<std::string, SlurmTaskStates>& states,
                                const std::string& extraJobId) {
  FarmJobStatus status;
  status.folder = folder;
  status.schedulerAsked = true;
  const auto latest = latestJobOfEachTask(folder, extraJobId);
  for (size_t i = 0; i < folder.chunks.size(); ++i) {
    const int task = static_cast<int>(i);
    std::optional<SlurmTaskState> state;
    const auto job = states.find(latest[i]);
    if (job != states.end()) {
      const auto t = job->second.find(task);
      if (t != job->second.end()) state = t->second;
    }
    const std::string log = latest[i].empty() ? "" : slurmLogPath(folder, latest[i], task);
    status.chunks.push_back(judgeSlurmChunk(task, folder.chunks[i], missingOutputFrames(folder.output, folder.chunks[i]),
                                            latest[i], state, log));
  }
  return status;
}

FarmJobStatus queryFarmJobStatus(const JobFolder& folder, const std::string& extraJobId) {
  if (folder.engine == FarmEngine::OpenCue) {
    FarmJobStatus status;
    status.folder = folder;
    for (size_t i = 0; i < folder.chunks.size(); ++i) {
      ChunkStatus c;
      c.task = static_cast<int>(i);
      c.frames = folder.chunks[i];
      c.missing = missingOutputFrames(folder.output, c.frames);
      if (!folder.submissions.empty()) c.jobId = folder.submissions.back().jobId;
      c.verdict = c.missing.empty() ? ChunkVerdict::Done : ChunkVerdict::Incomplete;
      if (!c.missing.empty())
        c.why = "frames " + formatFrameSet(c.missing) + " are not on disk; CueGUI or cueadmin show whether they are "
                "running or dead";
      status.chunks.push_back(std::move(c));
    }
    return status;
  }
  std::set<std::string> jobIds;
  for (const auto& job : latestJobOfEachTask(folder, extraJobId))
    if (!job.empty()) jobIds.insert(job);
  std::map<std::string, SlurmTaskStates> states;
  std::string note;
  for (const auto& id : jobIds) {
    auto q = querySlurmArrayJob(id);
    states[id] = std::move(q.tasks);
    if (!q.accounting) note = q.accountingNote;
  }
  FarmJobStatus status = farmJobStatusFrom(folder, states, extraJobId);
  status.schedulerAsked = !jobIds.empty();
  status.accountingNote = note;
  return status;
}

nlohmann::json farmJobStatusJson(const FarmJobStatus& status) {
  nlohmann::json chunks = nlohmann::json::array();
  for (const auto& c : status.chunks) {
    nlohmann::json j = {{"task", c.task},
                        {"frames", formatFrameSet(c.frames)},
                        {"frames_on_disk", c.frames.size() - c.missing.size()},
                        {"missing", formatFrameSet(c.missing)},
                        {"job_id", c.jobId},
                        {"scheduler_state", c.schedulerState},
                        {"state", chunkVerdictName(c.verdict)}};
    if (!c.exitCode.empty()) j["exit_code"] = c.exitCode;
    if (!c.logPath.empty()) j["log"] = c.logPath;
    if (!c.why.empty()) j["why"] = c.why;
    chunks.push_back(std::move(j));
  }
  nlohmann::json submissions = nlohmann::json::array();
  for (const auto& s : status.folder.submissions)
    submissions.push_back({{"job_id", s.jobId}, {"tasks", s.tasks}, {"submitted_at", s.submittedAt}});
  const bool complete = status.count(ChunkVerdict::Done) == static_cast<int>(status.chunks.size());
  nlohmann::json doc = {{"job", status.folder.jobName},
                        {"job_dir", status.folder.dir},
                        {"engine", farmEngineName(status.folder.engine)},
                        {"output", status.folder.output},
                        {"complete", complete},
                        {"done", status.count(ChunkVerdict::Done)},
                        {"active", status.count(ChunkVerdict::Active)},
                        {"failed", status.count(ChunkVerdict::Failed)},
                        {"not_submitted", status.count(ChunkVerdict::NotSubmitted)},
                        {"incomplete", status.count(ChunkVerdict::Incomplete)},
                        {"failed_tasks", status.failedTasks()},
                        {"submissions", submissions},
                        {"chunks", chunks}};
  if (!status.accountingNote.empty()) doc["accounting"] = status.accountingNote;
  return doc;
}

std::string farmJobStatusTable(const FarmJobStatus& status, bool everyChunk, bool suggestResubmit) {
  std::ostringstream s;
  const auto& f = status.folder;
  s << f.jobName << " (" << farmEngineName(f.engine) << ", " << f.dir << "): " << status.chunks.size()
    << " chunks: " << status.count(ChunkVerdict::Done) << " done, " << status.count(ChunkVerdict::Active)
    << " pending or running, " << status.count(ChunkVerdict::Failed) << " failed";
  if (int n = status.count(ChunkVerdict::NotSubmitted)) s << ", " << n << " never submitted";
  if (int n = status.count(ChunkVerdict::Incomplete)) s << ", " << n << " with frames missing";
  s << "\n";
  bool header = false;
  for (const auto& c : status.chunks) {
    if (!everyChunk && c.verdict == ChunkVerdict::Done && c.why.empty()) continue;
    if (!header) {
      s << "  task  frames         job       slurm        on disk  state\n";
      header = true;
    }
    char line[160];
    const std::string onDisk = std::to_string(c.frames.size() - c.missing.size()) + "/" + std::to_string(c.frames.size());
    std::snprintf(line, sizeof line, "  %-5d %-14s %-9s %-12s %-8s %s", c.task, formatFrameSet(c.frames).c_str(),
                  c.jobId.empty() ? "-" : c.jobId.c_str(), c.schedulerState.empty() ? "-" : c.schedulerState.c_str(),
                  onDisk.c_str(), chunkVerdictName(c.verdict).c_str());
    s << line << (c.why.empty() ? "" : ": " + c.why) << "\n";
  }
  if (!status.accountingNote.empty() && status.schedulerAsked)
    s << "(Slurm accounting not used: " << status.accountingNote << "; ended tasks are known while the controller "
      << "keeps them, MinJobAge)\n";
  if (status.count(ChunkVerdict::NotSubmitted) > 0)
    s << "no recorded submission ran some chunks; for a job submitted by hand give its id: filmrecover-cli submit "
      << "--status JOBID --job-dir " << shellQuote(f.dir) << "\n";
  if (suggestResubmit && status.count(ChunkVerdict::Failed) > 0)
    s << "resubmit the failed chunks only: filmrecover-cli submit --resubmit " << shellQuote(f.dir) << "\n";
  return s.str();
}

}  // namespace filmrecover::farm
