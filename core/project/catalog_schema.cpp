#include "core/project/catalog_schema.h"

namespace filmrecover::project {

const std::vector<std::string>& catalogMigrations() {
  static const std::vector<std::string> steps = {
      // 0 -> 1: the first catalog.
      R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(id INTEGER PRIMARY KEY, role TEXT NOT NULL, spec TEXT NOT NULL,
  first INTEGER, last INTEGER, frame_count INTEGER, width INTEGER, height INTEGER,
  info TEXT NOT NULL DEFAULT '{}', added_at TEXT NOT NULL, UNIQUE(role, spec));
CREATE TABLE descriptors(source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  frame INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY(source_id, frame));
CREATE TABLE mapping(source_frame INTEGER PRIMARY KEY, reference_frame INTEGER NOT NULL,
  confidence REAL NOT NULL, flagged INTEGER NOT NULL DEFAULT 0, reason TEXT NOT NULL DEFAULT '');
CREATE TABLE transforms(source_frame INTEGER PRIMARY KEY, matrix TEXT NOT NULL,
  residual REAL NOT NULL, inlier_ratio REAL NOT NULL, flagged INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT '');
CREATE TABLE crops(scope TEXT PRIMARY KEY, x0 INTEGER, y0 INTEGER, x1 INTEGER, y1 INTEGER,
  updated_at TEXT NOT NULL);
CREATE TABLE curation(frame INTEGER PRIMARY KEY,
  decision TEXT NOT NULL CHECK(decision IN ('train','holdout','rejected')),
  reason TEXT NOT NULL DEFAULT '', who TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE training_runs(id INTEGER PRIMARY KEY, mode TEXT NOT NULL, settings TEXT NOT NULL,
  model_path TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL DEFAULT '', metrics TEXT NOT NULL DEFAULT '{}');
CREATE TABLE run_metrics(run_id INTEGER NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL, name TEXT NOT NULL, value REAL NOT NULL);
CREATE INDEX run_metrics_by_run ON run_metrics(run_id, name, step);
CREATE TABLE renders(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL DEFAULT 0, output TEXT NOT NULL,
  frames TEXT NOT NULL, provenance TEXT NOT NULL DEFAULT '{}', status TEXT NOT NULL,
  started_at TEXT NOT NULL, finished_at TEXT NOT NULL DEFAULT '');
CREATE TABLE experiments(id INTEGER PRIMARY KEY, at TEXT NOT NULL, title TEXT NOT NULL,
  frames TEXT NOT NULL DEFAULT '', crop TEXT NOT NULL DEFAULT '', alignment TEXT NOT NULL DEFAULT '',
  color_chain TEXT NOT NULL DEFAULT '', settings TEXT NOT NULL DEFAULT '{}',
  outputs TEXT NOT NULL DEFAULT '', observations TEXT NOT NULL DEFAULT '');
CREATE TABLE stages(name TEXT PRIMARY KEY, key TEXT NOT NULL, status TEXT NOT NULL,
  result TEXT NOT NULL DEFAULT '{}', updated_at TEXT NOT NULL);
)sql",
      // 1 -> 2: the quality map (source inventory) joined the catalog.
      R"sql(
CREATE TABLE quality(id INTEGER PRIMARY KEY CHECK(id = 1), data TEXT NOT NULL, updated_at TEXT NOT NULL);
)sql",
      // 2 -> 3: frames a stage could not use (missing, truncated, corrupt, another size, NaN/Inf).
      R"sql(
CREATE TABLE frame_defects(role TEXT NOT NULL, stage TEXT NOT NULL, frame INTEGER NOT NULL,
  path TEXT NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL, found_at TEXT NOT NULL,
  PRIMARY KEY(role, stage, frame));
)sql",
  };
  return steps;
}

}  // namespace filmrecover::project
