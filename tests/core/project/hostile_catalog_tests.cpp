// A project folder from elsewhere: a damaged catalog is refused by name without leaking its
// file, a schema with triggers runs none of them, and every value is a bound parameter.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/exec/errors.h"
#include "core/project/project_catalog.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::project;
namespace fs = std::filesystem;

namespace {

size_t openFileDescriptors() {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

void runSql(const std::string& file, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_close(db);
}

// Opens `dir` 20 times, each refused; returns the message.
std::string refusedTwentyTimesWithoutLeaks(const std::string& dir) {
  std::string message;
  const size_t before = openFileDescriptors();
  for (int i = 0; i < 20; ++i) {
    try {
      ProjectCatalog p(dir);
      ADD_FAILURE() << "the damaged catalog opened";
    } catch (const InputError& e) {
      message = e.what();
    }
  }
  // Before the fix each failed open kept its connection and file descriptor (fuzz_catalog).
  EXPECT_EQ(openFileDescriptors(), before);
  return message;
}

}  // namespace

// fuzz_catalog's input: a catalog cut short at 65,815 bytes (its schema pages lost).
TEST(HostileCatalog, ATruncatedCatalogIsRefusedByNameAndLeaksNothing) {
  test::TempDir dir("hostile-catalog");
  fs::copy_file(fs::path(FILMRECOVER_SOURCE_DIR) / "tests/core/project/data/fuzz_catalog_truncated.sqlite",
                dir.path() / kCatalogFileName);
  const std::string message = refusedTwentyTimesWithoutLeaks(dir.path().string());
  EXPECT_NE(message.find((dir.path() / kCatalogFileName).string()), std::string::npos) << message;
  EXPECT_NE(message.find("malformed"), std::string::npos) << message;
}

TEST(HostileCatalog, AFileThatIsNoDatabaseIsRefusedByName) {
  test::TempDir dir("hostile-catalog");
  std::ofstream(dir.path() / kCatalogFileName) << std::string(5000, 'x');
  const std::string message = refusedTwentyTimesWithoutLeaks(dir.path().string());
  EXPECT_NE(message.find("not a readable catalog"), std::string::npos) << message;
}

// A catalog could carry a trigger that rewrites rows behind the program's back (or, with a
// function of an extension, worse). None fires: the catalog itself uses no triggers.
TEST(HostileCatalog, TriggersInACatalogFromElsewhereDoNotRun) {
  test::TempDir dir("hostile-catalog");
  { ProjectCatalog p(dir.path().string()); }
  runSql((dir.path() / kCatalogFileName).string(),
         "CREATE TRIGGER planted AFTER INSERT ON meta BEGIN "
         "INSERT OR REPLACE INTO meta(key, value) VALUES('planted', 'ran'); END;"
         "CREATE TRIGGER planted_update AFTER UPDATE ON meta BEGIN "
         "INSERT OR REPLACE INTO meta(key, value) VALUES('planted', 'ran'); END;");
  ProjectCatalog p(dir.path().string());
  p.setMeta("title", "first");
  p.setMeta("title", "second");
  EXPECT_EQ(p.meta("title").value_or(""), "second");
  EXPECT_FALSE(p.meta("planted").has_value()) << "a trigger planted in the catalog ran";
}

// Every value reaches SQLite as a bound parameter: text that would end a quoted literal and
// start another statement is stored as it is, and the tables stay.
TEST(HostileCatalog, ValuesAreBoundParametersNotSqlText) {
  test::TempDir dir("hostile-catalog");
  const std::string evil = "x'); DROP TABLE meta; --\" ;";
  ProjectCatalog p(dir.path().string());
  p.setMeta(evil, evil);
  p.addSource({0, evil, evil, 1, 2, 2, 4, 4, nlohmann::json::object()});
  p.addExperiment({0, "", evil, evil, evil, evil, evil, {{"k", evil}}, evil, evil});
  p.setStage({evil, evil, "done", {{"k", evil}}, ""});
  EXPECT_EQ(p.meta(evil).value_or(""), evil);
  ASSERT_TRUE(p.sourceByRole(evil).has_value());
  EXPECT_EQ(p.sourceByRole(evil)->spec, evil);
  EXPECT_EQ(p.experiments().at(0).observations, evil);
  EXPECT_EQ(p.stage(evil)->key, evil);
  EXPECT_EQ(p.integrityCheck(), "ok");
}

// A JSON value nested 200,000 deep in a text column: reading the training runs copied it
// recursively and overflowed the stack (a crafted input through fuzz_catalog's harness). It
// now reads as the damaged value's text, like any other unparsable value.
TEST(HostileCatalog, ADeeplyNestedValueReadsAsTextInsteadOfOverflowingTheStack) {
  test::TempDir dir("hostile-catalog");
  {
    ProjectCatalog p(dir.path().string());
    p.beginTrainingRun({0, "chroma", {{"steps", 10}}, "model.frm", "", "", "", {}});
  }
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  runSql((dir.path() / kCatalogFileName).string(), "UPDATE training_runs SET settings = '" + deep + "';");
  ProjectCatalog p(dir.path().string());
  const auto runs = p.trainingRuns();
  ASSERT_EQ(runs.size(), 1u);
  ASSERT_TRUE(runs[0].settings.is_string());
  EXPECT_EQ(runs[0].settings.get<std::string>().size(), deep.size());
  p.toJson();  // the export copies it too
}

// fuzz_catalog's input: a catalog whose user_version (the schema version) reads -1277. The
// migration indexed its list of steps at -1277 (undefined behaviour, a crash or garbage SQL).
TEST(HostileCatalog, ANegativeSchemaVersionIsRefusedByName) {
  test::TempDir dir("hostile-catalog");
  fs::copy_file(fs::path(FILMRECOVER_SOURCE_DIR) / "tests/core/project/data/fuzz_catalog_negative_version.sqlite",
                dir.path() / kCatalogFileName);
  try {
    ProjectCatalog p(dir.path().string());
    FAIL() << "the catalog opened";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(dir.path().string()), std::string::npos) << message;
    EXPECT_NE(message.find("-1277"), std::string::npos) << message;
  }
}
