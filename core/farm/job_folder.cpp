#include "core/farm/job_folder.h"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"
#include "core/exec/json_guard.h"
#include "core/io/frame_set.h"

namespace filmrecover::farm {
namespace fs = std::filesystem;
namespace {

nlohmann::json readJson(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read '" + path + "'.");
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::exception& e) {
    throw InputError("'" + path + "' is not valid JSON (" + e.what() + ").");
  }
  requireSaneJson(doc, "'" + path + "'");
  return doc;
}

template <typename T>
T field(const nlohmann::json& doc, const char* key, const std::string& path) {
  try {
    return doc.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw InputError("'" + path + "' has no valid '" + key + "' field (not a filmrecover job folder?).");
  }
}

nlohmann::json submissionJson(const Submission& s) {
  return {{"job_id", s.jobId}, {"tasks", s.tasks}, {"submitted_at", s.submittedAt}, {"command", s.command}};
}

std::vector<Submission> readSubmissions(const std::string& path) {
  std::vector<Submission> list;
  if (!fs::exists(path)) return list;
  const auto doc = readJson(path);
  const auto entries = field<nlohmann::json>(doc, "submissions", path);
  if (!entries.is_array()) throw InputError("'" + path + "': 'submissions' is not a list.");
  for (const auto& e : entries) {
    Submission s;
    s.jobId = field<std::string>(e, "job_id", path);
    s.tasks = field<std::vector<int>>(e, "tasks", path);
    s.submittedAt = e.value("submitted_at", "");
    s.command = e.value("command", std::vector<std::string>{});
    list.push_back(std::move(s));
  }
  return list;
}

}  // namespace

std::string chunksJsonPath(const std::string& jobDir) { return (fs::path(jobDir) / "chunks.json").string(); }
std::string submissionsJsonPath(const std::string& jobDir) {
  return (fs::path(jobDir) / "submissions.json").string();
}

JobFolder openJobFolder(const std::string& jobDir) {
  const std::string path = chunksJsonPath(jobDir);
  if (!fs::is_regular_file(path))
    throw InputError("'" + jobDir + "' is not a farm job folder: it has no chunks.json (written by submit).");
  const auto doc = readJson(path);
  JobFolder folder;
  folder.dir = fs::absolute(jobDir).lexically_normal().string();
  folder.engine = parseFarmEngine(field<std::string>(doc, "engine", path));
  folder.jobName = field<std::string>(doc, "job", path);
  folder.output = field<std::string>(doc, "output", path);
  folder.scriptPath = field<std::string>(doc, "script", path);
  const auto chunks = field<nlohmann::json>(doc, "chunks", path);
  if (!chunks.is_array() || chunks.empty()) throw InputError("'" + path + "' lists no chunks.");
  for (size_t i = 0; i < chunks.size(); ++i) {
    const auto task = field<int>(chunks[i], "task", path);
    if (task != static_cast<int>(i))
      throw InputError("'" + path + "': chunk " + std::to_string(i) + " is numbered " + std::to_string(task) +
                       " (tasks must be 0, 1, 2, ... in order).");
    try {
      folder.chunks.push_back(parseFrameSet(field<std::string>(chunks[i], "frames", path)));
    } catch (const InputError& e) {
      throw InputError("'" + path + "' task " + std::to_string(i) + ": " + e.what());
    }
  }
  folder.submissions = readSubmissions(submissionsJsonPath(jobDir));
  for (const auto& s : folder.submissions)
    for (int t : s.tasks)
      if (t < 0 || t >= static_cast<int>(folder.chunks.size()))
        throw InputError("'" + submissionsJsonPath(jobDir) + "': job " + s.jobId + " names task " +
                         std::to_string(t) + ", which chunks.json does not have.");
  return folder;
}

void recordSubmission(const std::string& jobDir, const Submission& submission) {
  const std::string path = submissionsJsonPath(jobDir);
  auto list = readSubmissions(path);
  list.push_back(submission);
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& s : list) entries.push_back(submissionJson(s));
  writeFileAtomic(path, nlohmann::json{{"submissions", entries}}.dump(2) + "\n");
}

std::string utcTimestamp() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace filmrecover::farm
