#include "core/project/project_catalog.h"

#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "core/exec/errors.h"
#include "core/exec/json_guard.h"
#include "core/project/catalog_schema.h"
#include "core/project/sqlite_db.h"

namespace filmrecover::project {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json parseJson(const std::string& text) {
  if (text.empty()) return json::object();
  try {
    json doc = json::parse(text);
    // A catalog from elsewhere may hold a value nested 100,000 deep: the records copy it
    // recursively and overflowed the stack (found with fuzz_catalog's harness).
    requireSaneJson(doc, "catalog value");
    return doc;
  } catch (const std::exception&) {
    return json(text);  // keep a damaged value readable instead of failing the whole catalog
  }
}

int userVersion(Database& db) {
  Statement s(db.handle(), "PRAGMA user_version");
  return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

}  // namespace

ProjectCatalog::ProjectCatalog(const std::string& dir) : dir_(dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir))
    throw InputError("The project folder " + dir + " cannot be created.");
  db_ = std::make_unique<Database>((fs::path(dir) / kCatalogFileName).string());
  migrate();
}

ProjectCatalog::~ProjectCatalog() = default;
ProjectCatalog::ProjectCatalog(ProjectCatalog&&) noexcept = default;
ProjectCatalog& ProjectCatalog::operator=(ProjectCatalog&&) noexcept = default;

bool ProjectCatalog::isProject(const std::string& dir) {
  return fs::is_regular_file(fs::path(dir) / kCatalogFileName);
}

void ProjectCatalog::migrate() {
  const auto& steps = catalogMigrations();
  // A negative version (a damaged or crafted file: PRAGMA user_version takes any int)
  // indexed the list of steps before its start (found by fuzz_catalog).
  const auto refuseNegative = [this](int version) {
    if (version < 0)
      throw InputError("The project " + dir_ + " has catalog version " + std::to_string(version) +
                       ", which no filmrecover writes (a damaged or foreign catalog).");
  };
  int version = userVersion(*db_);
  refuseNegative(version);
  if (version > static_cast<int>(steps.size()))
    throw InputError("The project " + dir_ + " was written by a newer filmrecover (catalog version " +
                     std::to_string(version) + ", this build knows " + std::to_string(steps.size()) + ").");
  while (version < static_cast<int>(steps.size())) {
    Transaction t(*db_);
    // Another process may have migrated between our read and our lock: read again inside it.
    version = userVersion(*db_);
    refuseNegative(version);
    if (version >= static_cast<int>(steps.size())) break;
    db_->exec(steps[version]);
    db_->exec("PRAGMA user_version=" + std::to_string(version + 1));
    t.commit();
    ++version;
  }
}

int ProjectCatalog::schemaVersion() const { return userVersion(*db_); }
std::string ProjectCatalog::integrityCheck() { return db_->integrityCheck(); }

std::string ProjectCatalog::now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void ProjectCatalog::setMeta(const std::string& key, const std::string& value) {
  Statement(db_->handle(), "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value")
      .bind(1, key).bind(2, value).run();
}

std::optional<std::string> ProjectCatalog::meta(const std::string& key) const {
  Statement s(db_->handle(), "SELECT value FROM meta WHERE key=?");
  s.bind(1, key);
  if (s.step()) return s.text(0);
  return std::nullopt;
}

int64_t ProjectCatalog::addSource(const SourceRecord& r) {
  Transaction t(*db_);
  Statement(db_->handle(),
            "INSERT INTO sources(role, spec, first, last, frame_count, width, height, info, added_at) "
            "VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(role, spec) DO UPDATE SET first=excluded.first, "
            "last=excluded.last, frame_count=excluded.frame_count, width=excluded.width, "
            "height=excluded.height, info=excluded.info")
      .bind(1, r.role).bind(2, r.spec).bind(3, r.first).bind(4, r.last).bind(5, r.frameCount)
      .bind(6, r.width).bind(7, r.height).bind(8, r.info.is_null() ? "{}" : r.info.dump()).bind(9, now())
      .run();
  Statement q(db_->handle(), "SELECT id FROM sources WHERE role=? AND spec=?");
  q.bind(1, r.role).bind(2, r.spec);
  const int64_t id = q.step() ? q.integer(0) : 0;
  t.commit();
  return id;
}

std::vector<SourceRecord> ProjectCatalog::sources() const {
  std::vector<SourceRecord> out;
  Statement s(db_->handle(),
              "SELECT id, role, spec, first, last, frame_count, width, height, info FROM sources ORDER BY id");
  while (s.step()) {
    SourceRecord r;
    r.id = s.integer(0);
    r.role = s.text(1);
    r.spec = s.text(2);
    r.first = static_cast<int>(s.integer(3));
    r.last = static_cast<int>(s.integer(4));
    r.frameCount = static_cast<int>(s.integer(5));
    r.width = static_cast<int>(s.integer(6));
    r.height = static_cast<int>(s.integer(7));
    r.info = parseJson(s.text(8));
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<SourceRecord> ProjectCatalog::sourceByRole(const std::string& role) const {
  std::optional<SourceRecord> found;
  for (auto& s : sources())
    if (s.role == role) found = s;
  return found;
}

void ProjectCatalog::setDescriptor(int64_t sourceId, int frame, const std::vector<float>& values) {
  Statement(db_->handle(), "INSERT OR REPLACE INTO descriptors(source_id, frame, data) VALUES(?,?,?)")
      .bind(1, sourceId).bind(2, frame).bindBlob(3, values.data(), values.size() * sizeof(float)).run();
}

std::optional<std::vector<float>> ProjectCatalog::descriptor(int64_t sourceId, int frame) const {
  Statement s(db_->handle(), "SELECT data FROM descriptors WHERE source_id=? AND frame=?");
  s.bind(1, sourceId).bind(2, frame);
  if (!s.step()) return std::nullopt;
  const auto bytes = s.blob(0);
  std::vector<float> v(bytes.size() / sizeof(float));
  std::memcpy(v.data(), bytes.data(), v.size() * sizeof(float));
  return v;
}

void ProjectCatalog::replaceFrameDefects(const std::string& role, const std::string& stage,
                                         const std::vector<FrameDefectRecord>& rows, const std::vector<int>& frames) {
  Transaction t(*db_);
  if (frames.empty()) {
    Statement(db_->handle(), "DELETE FROM frame_defects WHERE role = ? AND stage = ?").bind(1, role).bind(2, stage).run();
  } else {
    Statement erase(db_->handle(), "DELETE FROM frame_defects WHERE role = ? AND stage = ? AND frame = ?");
    for (int f : frames) erase.bind(1, role).bind(2, stage).bind(3, f).run();
  }
  const std::string at = now();
  Statement s(db_->handle(),
              "INSERT OR REPLACE INTO frame_defects(role, stage, frame, path, kind, message, found_at) "
              "VALUES(?,?,?,?,?,?,?)");
  for (const auto& r : rows) {
    s.bind(1, role).bind(2, stage).bind(3, r.frame).bind(4, r.path).bind(5, r.kind).bind(6, r.message)
        .bind(7, r.foundAt.empty() ? at : r.foundAt).run();
  }
  t.commit();
}

std::vector<FrameDefectRecord> ProjectCatalog::frameDefects() const {
  std::vector<FrameDefectRecord> out;
  Statement s(db_->handle(),
              "SELECT role, stage, frame, path, kind, message, found_at FROM frame_defects "
              "ORDER BY role DESC, frame, stage");
  while (s.step())
    out.push_back({s.text(0), s.text(1), static_cast<int>(s.integer(2)), s.text(3), s.text(4), s.text(5), s.text(6)});
  return out;
}

void ProjectCatalog::replaceMapping(const std::vector<MappingRecord>& rows) {
  Transaction t(*db_);
  db_->exec("DELETE FROM mapping");
  Statement s(db_->handle(),
              "INSERT OR REPLACE INTO mapping(source_frame, reference_frame, confidence, flagged, reason) VALUES(?,?,?,?,?)");
  for (const auto& r : rows) {
    s.bind(1, r.sourceFrame).bind(2, r.referenceFrame).bind(3, r.confidence).bind(4, r.flagged ? 1 : 0)
        .bind(5, r.reason).run();
  }
  t.commit();
}

std::vector<MappingRecord> ProjectCatalog::mapping() const {
  std::vector<MappingRecord> out;
  Statement s(db_->handle(),
              "SELECT source_frame, reference_frame, confidence, flagged, reason FROM mapping ORDER BY source_frame");
  while (s.step())
    out.push_back({static_cast<int>(s.integer(0)), static_cast<int>(s.integer(1)), s.real(2), s.integer(3) != 0,
                   s.text(4)});
  return out;
}

void ProjectCatalog::replaceTransforms(const std::vector<TransformRecord>& rows) {
  Transaction t(*db_);
  db_->exec("DELETE FROM transforms");
  for (const auto& r : rows)
    Statement(db_->handle(),
              "INSERT OR REPLACE INTO transforms(source_frame, matrix, residual, inlier_ratio, flagged, reason) "
              "VALUES(?,?,?,?,?,?)")
        .bind(1, r.sourceFrame).bind(2, json(r.matrix).dump()).bind(3, r.residual).bind(4, r.inlierRatio)
        .bind(5, r.flagged ? 1 : 0).bind(6, r.reason).run();
  t.commit();
}

std::vector<TransformRecord> ProjectCatalog::transforms() const {
  std::vector<TransformRecord> out;
  Statement s(db_->handle(),
              "SELECT source_frame, matrix, residual, inlier_ratio, flagged, reason FROM transforms ORDER BY source_frame");
  while (s.step()) {
    TransformRecord r;
    r.sourceFrame = static_cast<int>(s.integer(0));
    const json m = parseJson(s.text(1));
    if (m.is_array() && m.size() == 9) r.matrix = m.get<std::array<double, 9>>();
    r.residual = s.real(2);
    r.inlierRatio = s.real(3);
    r.flagged = s.integer(4) != 0;
    r.reason = s.text(5);
    out.push_back(r);
  }
  return out;
}

void ProjectCatalog::setCrop(const Rect& c, const std::string& scope) {
  Statement(db_->handle(), "INSERT OR REPLACE INTO crops(scope, x0, y0, x1, y1, updated_at) VALUES(?,?,?,?,?,?)")
      .bind(1, scope).bind(2, c.x0).bind(3, c.y0).bind(4, c.x1).bind(5, c.y1).bind(6, now()).run();
}

std::optional<Rect> ProjectCatalog::crop(const std::string& scope) const {
  Statement s(db_->handle(), "SELECT x0, y0, x1, y1 FROM crops WHERE scope=?");
  s.bind(1, scope);
  if (!s.step()) return std::nullopt;
  return Rect{static_cast<int>(s.integer(0)), static_cast<int>(s.integer(1)), static_cast<int>(s.integer(2)),
              static_cast<int>(s.integer(3))};
}

void ProjectCatalog::setCuration(const CurationRecord& r) {
  if (r.decision != "train" && r.decision != "holdout" && r.decision != "rejected")
    throw InputError("A curation decision is train, holdout or rejected, not '" + r.decision + "'.");
  Statement(db_->handle(), "INSERT OR REPLACE INTO curation(frame, decision, reason, who, at) VALUES(?,?,?,?,?)")
      .bind(1, r.frame).bind(2, r.decision).bind(3, r.reason).bind(4, r.who.empty() ? "auto" : r.who)
      .bind(5, r.at.empty() ? now() : r.at).run();
}

void ProjectCatalog::replaceCuration(const std::string& who, const std::vector<CurationRecord>& rows) {
  Transaction t(*db_);
  Statement(db_->handle(), "DELETE FROM curation WHERE who=?").bind(1, who).run();
  for (auto r : rows) {
    r.who = who;
    setCuration(r);
  }
  t.commit();
}

std::vector<CurationRecord> ProjectCatalog::curation() const {
  std::vector<CurationRecord> out;
  Statement s(db_->handle(), "SELECT frame, decision, reason, who, at FROM curation ORDER BY frame");
  while (s.step())
    out.push_back({static_cast<int>(s.integer(0)), s.text(1), s.text(2), s.text(3), s.text(4)});
  return out;
}

int64_t ProjectCatalog::beginTrainingRun(const TrainingRunRecord& r) {
  Statement(db_->handle(),
            "INSERT INTO training_runs(mode, settings, model_path, status, started_at) VALUES(?,?,?,?,?)")
      .bind(1, r.mode).bind(2, r.settings.is_null() ? "{}" : r.settings.dump()).bind(3, r.modelPath)
      .bind(4, r.status.empty() ? "running" : r.status).bind(5, now()).run();
  return db_->lastInsertId();
}

void ProjectCatalog::finishTrainingRun(int64_t id, const std::string& status, const json& metrics) {
  Statement(db_->handle(), "UPDATE training_runs SET status=?, finished_at=?, metrics=? WHERE id=?")
      .bind(1, status).bind(2, now()).bind(3, metrics.is_null() ? "{}" : metrics.dump()).bind(4, id).run();
}

void ProjectCatalog::addRunMetrics(int64_t runId,
                                   const std::vector<std::tuple<int, std::string, double>>& samples) {
  Transaction t(*db_);
  for (const auto& [step, name, value] : samples)
    Statement(db_->handle(), "INSERT INTO run_metrics(run_id, step, name, value) VALUES(?,?,?,?)")
        .bind(1, runId).bind(2, step).bind(3, name).bind(4, value).run();
  t.commit();
}

std::vector<TrainingRunRecord> ProjectCatalog::trainingRuns() const {
  std::vector<TrainingRunRecord> out;
  Statement s(db_->handle(),
              "SELECT id, mode, settings, model_path, status, started_at, finished_at, metrics FROM training_runs ORDER BY id");
  while (s.step()) {
    TrainingRunRecord r;
    r.id = s.integer(0);
    r.mode = s.text(1);
    r.settings = parseJson(s.text(2));
    r.modelPath = s.text(3);
    r.status = s.text(4);
    r.startedAt = s.text(5);
    r.finishedAt = s.text(6);
    r.metrics = parseJson(s.text(7));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::pair<int, double>> ProjectCatalog::runMetric(int64_t runId, const std::string& name) const {
  std::vector<std::pair<int, double>> out;
  Statement s(db_->handle(), "SELECT step, value FROM run_metrics WHERE run_id=? AND name=? ORDER BY step");
  s.bind(1, runId).bind(2, name);
  while (s.step()) out.emplace_back(static_cast<int>(s.integer(0)), s.real(1));
  return out;
}

int64_t ProjectCatalog::beginRender(const RenderRecord& r) {
  Statement(db_->handle(), "INSERT INTO renders(run_id, output, frames, provenance, status, started_at) VALUES(?,?,?,?,?,?)")
      .bind(1, r.runId).bind(2, r.output).bind(3, r.frames)
      .bind(4, r.provenance.is_null() ? "{}" : r.provenance.dump())
      .bind(5, r.status.empty() ? "running" : r.status).bind(6, now()).run();
  return db_->lastInsertId();
}

void ProjectCatalog::finishRender(int64_t id, const std::string& status, const json& provenance) {
  Statement(db_->handle(), "UPDATE renders SET status=?, finished_at=?, provenance=? WHERE id=?")
      .bind(1, status).bind(2, now()).bind(3, provenance.is_null() ? "{}" : provenance.dump()).bind(4, id).run();
}

std::vector<RenderRecord> ProjectCatalog::renders() const {
  std::vector<RenderRecord> out;
  Statement s(db_->handle(),
              "SELECT id, run_id, output, frames, provenance, status, started_at, finished_at FROM renders ORDER BY id");
  while (s.step()) {
    RenderRecord r;
    r.id = s.integer(0);
    r.runId = s.integer(1);
    r.output = s.text(2);
    r.frames = s.text(3);
    r.provenance = parseJson(s.text(4));
    r.status = s.text(5);
    r.startedAt = s.text(6);
    r.finishedAt = s.text(7);
    out.push_back(std::move(r));
  }
  return out;
}

int64_t ProjectCatalog::addExperiment(const ExperimentEntry& e) {
  Statement(db_->handle(),
            "INSERT INTO experiments(at, title, frames, crop, alignment, color_chain, settings, outputs, observations) "
            "VALUES(?,?,?,?,?,?,?,?,?)")
      .bind(1, e.at.empty() ? now() : e.at).bind(2, e.title).bind(3, e.frames).bind(4, e.crop)
      .bind(5, e.alignment).bind(6, e.colorChain).bind(7, e.settings.is_null() ? "{}" : e.settings.dump())
      .bind(8, e.outputs).bind(9, e.observations).run();
  return db_->lastInsertId();
}

void ProjectCatalog::addObservation(int64_t id, const std::string& text) {
  Statement(db_->handle(),
            "UPDATE experiments SET observations = CASE WHEN observations='' THEN ? ELSE observations || char(10) || ? END "
            "WHERE id=?")
      .bind(1, text).bind(2, text).bind(3, id).run();
}

std::vector<ExperimentEntry> ProjectCatalog::experiments() const {
  std::vector<ExperimentEntry> out;
  Statement s(db_->handle(),
              "SELECT id, at, title, frames, crop, alignment, color_chain, settings, outputs, observations "
              "FROM experiments ORDER BY id");
  while (s.step()) {
    ExperimentEntry e;
    e.id = s.integer(0);
    e.at = s.text(1);
    e.title = s.text(2);
    e.frames = s.text(3);
    e.crop = s.text(4);
    e.alignment = s.text(5);
    e.colorChain = s.text(6);
    e.settings = parseJson(s.text(7));
    e.outputs = s.text(8);
    e.observations = s.text(9);
    out.push_back(std::move(e));
  }
  return out;
}

void ProjectCatalog::setStage(const StageRecord& st) {
  Statement(db_->handle(), "INSERT OR REPLACE INTO stages(name, key, status, result, updated_at) VALUES(?,?,?,?,?)")
      .bind(1, st.name).bind(2, st.key).bind(3, st.status)
      .bind(4, st.result.is_null() ? "{}" : st.result.dump()).bind(5, now()).run();
}

std::optional<StageRecord> ProjectCatalog::stage(const std::string& name) const {
  for (auto& s : stages())
    if (s.name == name) return s;
  return std::nullopt;
}

std::vector<StageRecord> ProjectCatalog::stages() const {
  std::vector<StageRecord> out;
  Statement s(db_->handle(), "SELECT name, key, status, result, updated_at FROM stages ORDER BY rowid");
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), parseJson(s.text(3)), s.text(4)});
  return out;
}

void ProjectCatalog::setQuality(const json& quality) {
  Statement(db_->handle(), "INSERT OR REPLACE INTO quality(id, data, updated_at) VALUES(1, ?, ?)")
      .bind(1, quality.dump()).bind(2, now()).run();
}

json ProjectCatalog::quality() const {
  Statement s(db_->handle(), "SELECT data FROM quality WHERE id=1");
  return s.step() ? parseJson(s.text(0)) : json::object();
}

}  // namespace filmrecover::project
