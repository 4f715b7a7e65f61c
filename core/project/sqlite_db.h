#pragma once
// A thin RAII layer over the SQLite C API: a connection, prepared statements, transactions.
#include <cstdint>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace filmrecover::project {

//! One prepared statement; bind with 1-based indices, step through rows.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, const char* value) { return bind(index, std::string(value)); }
  Statement& bindNull(int index);
  //! Binds raw bytes (e.g. a float descriptor).
  Statement& bindBlob(int index, const void* data, size_t bytes);
  //! Advances to the next row; false when there is none (or the statement was not a query).
  bool step();
  //! Runs a statement that returns no rows, then resets it so it can be bound and run again.
  void run();
  int64_t integer(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  bool isNull(int column) const;
  //! The bytes of a BLOB column.
  std::vector<unsigned char> blob(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

//! An open database file in WAL mode with a busy timeout, so several processes (the GUI,
//! a CLI run, a farm node) can share a project.
class Database {
 public:
  //! Opens (creating when missing) `path`; throws RunError naming it when that fails.
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  //! Runs one or more statements that return nothing.
  void exec(const std::string& sql);
  //! The connection, for Statement.
  sqlite3* handle() const { return db_; }
  //! Id of the row the last INSERT made.
  int64_t lastInsertId() const;
  //! Result of PRAGMA integrity_check: "ok" when the file is sound.
  std::string integrityCheck();
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

//! BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() was called:
//! a write either lands completely or not at all, also when the process is killed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace filmrecover::project
