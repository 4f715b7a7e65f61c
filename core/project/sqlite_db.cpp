#include "core/project/sqlite_db.h"

#include <sqlite3.h>

#include "core/exec/errors.h"

namespace filmrecover::project {

Statement::Statement(sqlite3* db, const std::string& sql) : db_(db), sql_(sql) {
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
    throw RunError("The project database rejected a query (" + std::string(sqlite3_errmsg(db)) + ").");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::bind(int index, const std::string& value) {
  sqlite3_bind_text(stmt_, index, value.c_str(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::bindBlob(int index, const void* data, size_t bytes) {
  sqlite3_bind_blob(stmt_, index, data, static_cast<int>(bytes), SQLITE_TRANSIENT);
  return *this;
}

std::vector<unsigned char> Statement::blob(int column) const {
  const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, column));
  return p ? std::vector<unsigned char>(p, p + sqlite3_column_bytes(stmt_, column))
           : std::vector<unsigned char>();
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw RunError("Writing the project database failed (" + std::string(sqlite3_errmsg(db_)) + ").");
}

void Statement::run() {
  while (step()) {
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }
std::string Statement::text(int column) const {
  const auto* t = sqlite3_column_text(stmt_, column);
  return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt_, column)) : "";
}
bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Database::Database(const std::string& path) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw RunError("Could not open the project database " + path + " (" + why + ").");
  }
  sqlite3_busy_timeout(db_, 10000);
  // A project folder may come from elsewhere: its schema must not run anything. The catalog
  // uses no triggers or views, so none run; functions in the schema are limited to the
  // innocuous ones; defensive mode refuses writes that could corrupt the file on purpose
  // (writable_schema, raw page edits). Extensions stay unloadable (SQLite's default).
  sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  try {
    // WAL: readers never block the writer and a killed writer leaves the file consistent;
    // synchronous=NORMAL is durable against process death (only power loss can lose the tail).
    // The first statement that reads the file: a file that is no SQLite database fails here.
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  } catch (const RunError&) {
    // The destructor does not run for a constructor that throws: close here, or every
    // failed open leaks a connection and its file descriptor (found by fuzz_catalog).
    const std::string why = sqlite3_errmsg(db_);
    const int code = sqlite3_errcode(db_) & 0xff;
    sqlite3_close(db_);
    db_ = nullptr;
    // A file that is no catalog is bad input (exit 1); a lock or I/O failure is a run error.
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
      throw InputError("The project database " + path + " is not a readable catalog (" + why + ").");
    throw RunError("Could not open the project database " + path + " (" + why + ").");
  }
}

Database::~Database() { sqlite3_close(db_); }

void Database::exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string why = err ? err : "unknown error";
    sqlite3_free(err);
    throw RunError("The project database " + path_ + " failed a statement (" + why + ").");
  }
}

int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }

std::string Database::integrityCheck() {
  Statement s(db_, "PRAGMA integrity_check");
  std::string out;
  while (s.step()) out += (out.empty() ? "" : "; ") + s.text(0);
  return out;
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
    }
  }
}
void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace filmrecover::project
