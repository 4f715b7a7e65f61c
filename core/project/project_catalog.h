#pragma once
// The project catalog: one folder per project, holding a SQLite database (WAL mode,
// versioned schema with migrations) with everything a recovery did and decided.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/image/image.h"
#include "core/project/catalog_records.h"

namespace filmrecover::project {

class Database;

//! Name of the database file inside a project folder.
constexpr const char* kCatalogFileName = "project.sqlite";
//! Schema version this build writes; older files are migrated on open.
constexpr int kCatalogSchemaVersion = 3;

//! A project folder and its catalog. Every write is one transaction, so killing the
//! process at any moment leaves a catalog that opens and holds complete rows only.
//! Several processes may open the same project (WAL, busy timeout). Not thread-safe per
//! object: give each thread its own ProjectCatalog.
class ProjectCatalog {
 public:
  //! Opens the project in folder `dir`, creating folder and catalog when missing and
  //! migrating an older schema. Throws InputError when the catalog was written by a newer
  //! filmrecover, RunError when the file cannot be opened or is damaged.
  explicit ProjectCatalog(const std::string& dir);
  ~ProjectCatalog();
  ProjectCatalog(ProjectCatalog&&) noexcept;
  ProjectCatalog& operator=(ProjectCatalog&&) noexcept;

  //! True when `dir` holds a project catalog.
  static bool isProject(const std::string& dir);

  //! The project folder.
  const std::string& dir() const { return dir_; }
  //! Schema version of the open file (== kCatalogSchemaVersion after open).
  int schemaVersion() const;
  //! "ok" when SQLite's integrity check finds nothing wrong.
  std::string integrityCheck();

  //! Free key/value settings (title, operator, institution, ...).
  void setMeta(const std::string& key, const std::string& value);
  std::optional<std::string> meta(const std::string& key) const;

  //! Registers an element, or updates the one with the same role and spec; returns its id.
  int64_t addSource(const SourceRecord& source);
  std::vector<SourceRecord> sources() const;
  //! The element with `role` registered last, if any.
  std::optional<SourceRecord> sourceByRole(const std::string& role) const;

  //! Stores a frame descriptor (e.g. a luma thumbnail) of one frame of a source.
  void setDescriptor(int64_t sourceId, int frame, const std::vector<float>& values);
  std::optional<std::vector<float>> descriptor(int64_t sourceId, int frame) const;

  //! The defective frames `stage` found in the element of `role`, replacing what that stage
  //! recorded for it before (a repaired frame disappears on the next run). With `frames`,
  //! only those frames' rows are replaced: a render of one range of the film leaves what
  //! the renders of the other ranges found.
  void replaceFrameDefects(const std::string& role, const std::string& stage,
                           const std::vector<FrameDefectRecord>& rows, const std::vector<int>& frames = {});
  //! Every defective frame recorded, by role, frame and stage.
  std::vector<FrameDefectRecord> frameDefects() const;

  //! Replaces the whole mapping / all transforms (the result of one match / align run).
  void replaceMapping(const std::vector<MappingRecord>& rows);
  std::vector<MappingRecord> mapping() const;
  void replaceTransforms(const std::vector<TransformRecord>& rows);
  std::vector<TransformRecord> transforms() const;

  //! The crop named `scope` ("shared" is the shared crop of source and reference).
  void setCrop(const Rect& crop, const std::string& scope = "shared");
  std::optional<Rect> crop(const std::string& scope = "shared") const;

  //! Records a curation decision (replaces an earlier one for the same frame).
  void setCuration(const CurationRecord& decision);
  //! Replaces every decision made by `who` with `rows` (other people's decisions stay).
  void replaceCuration(const std::string& who, const std::vector<CurationRecord>& rows);
  std::vector<CurationRecord> curation() const;

  //! Starts a training run (status "running"); returns its id.
  int64_t beginTrainingRun(const TrainingRunRecord& run);
  //! Ends it with `status` and final metrics.
  void finishTrainingRun(int64_t id, const std::string& status, const nlohmann::json& metrics);
  //! Appends metric samples of a run (step, name, value), in one transaction.
  void addRunMetrics(int64_t runId, const std::vector<std::tuple<int, std::string, double>>& samples);
  std::vector<TrainingRunRecord> trainingRuns() const;
  //! Samples of one metric of a run, in step order.
  std::vector<std::pair<int, double>> runMetric(int64_t runId, const std::string& name) const;

  int64_t beginRender(const RenderRecord& render);
  void finishRender(int64_t id, const std::string& status, const nlohmann::json& provenance);
  std::vector<RenderRecord> renders() const;

  //! Appends a trial to the experiment log; returns its id.
  int64_t addExperiment(const ExperimentEntry& entry);
  //! Adds an observation to an existing entry (appended on a new line).
  void addObservation(int64_t experimentId, const std::string& text);
  std::vector<ExperimentEntry> experiments() const;

  //! Pipeline stage cache.
  void setStage(const StageRecord& stage);
  std::optional<StageRecord> stage(const std::string& name) const;
  std::vector<StageRecord> stages() const;

  //! The quality map / source inventory (see core/curate/quality_map.h), stored as JSON.
  void setQuality(const nlohmann::json& quality);
  nlohmann::json quality() const;

  //! The experiment log as a Markdown document.
  std::string experimentLogMarkdown() const;
  //! The whole project as one JSON document (descriptors left out; they are caches).
  nlohmann::json toJson() const;

  //! Current time as ISO-8601 UTC ("2024-05-01T12:00:00Z").
  static std::string now();

 private:
  void migrate();

  std::string dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace filmrecover::project
