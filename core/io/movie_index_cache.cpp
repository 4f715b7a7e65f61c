#include "core/io/movie_index_cache.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"

namespace filmrecover {

namespace fs = std::filesystem;

namespace {

constexpr const char* kMagic = "filmrecover-movie-index 2";

std::mutex memoryMutex;
std::map<std::string, MovieIndex>& memory() {
  static std::map<std::string, MovieIndex> m;
  return m;
}

// path + size + modification time: a changed file never matches an old index.
std::string keyOf(const std::string& path) {
  std::error_code ec;
  const std::string absolute = fs::absolute(path, ec).string();
  const auto size = fs::file_size(path, ec);
  const auto time = fs::last_write_time(path, ec).time_since_epoch().count();
  return absolute + "|" + std::to_string(size) + "|" + std::to_string(time);
}

fs::path cacheFolder() {
  if (const char* dir = std::getenv("FILMRECOVER_CACHE_DIR"); dir && *dir) return fs::path(dir) / "movie-index";
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "filmrecover" / "movie-index";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "filmrecover" / "movie-index";
  return {};
}

fs::path cacheFile(const std::string& key) {
  const fs::path folder = cacheFolder();
  if (folder.empty()) return {};
  return folder / (std::to_string(std::hash<std::string>{}(key)) + ".idx");
}

template <typename T>
void writeList(std::ostream& out, const std::vector<T>& values) {
  out << values.size();
  for (const T& v : values) out << ' ' << v;
  out << '\n';
}

template <typename T>
bool readList(std::istream& in, std::vector<T>& values) {
  size_t n = 0;
  if (!(in >> n) || n > 100'000'000) return false;
  values.resize(n);
  for (T& v : values)
    if (!(in >> v)) return false;
  return true;
}

}  // namespace

std::optional<MovieIndex> loadMovieIndex(const std::string& path) {
  const std::string key = keyOf(path);
  {
    std::lock_guard<std::mutex> lock(memoryMutex);
    const auto it = memory().find(key);
    if (it != memory().end()) return it->second;
  }
  const fs::path file = cacheFile(key);
  if (file.empty()) return std::nullopt;
  std::ifstream in(file);
  std::string magic, storedKey;
  if (!in || !std::getline(in, magic) || magic != kMagic || !std::getline(in, storedKey) || storedKey != key)
    return std::nullopt;
  MovieIndex index;
  int bestEffort = 0;
  if (!readList(in, index.pts) || !readList(in, index.keyframes) || !readList(in, index.keySeekTs) ||
      !(in >> bestEffort) ||
      index.keyframes.size() != index.keySeekTs.size() || index.pts.empty())
    return std::nullopt;
  index.bestEffortTimestamps = bestEffort == 1;
  std::lock_guard<std::mutex> lock(memoryMutex);
  memory()[key] = index;
  return index;
}

void storeMovieIndex(const std::string& path, const MovieIndex& index) {
  const std::string key = keyOf(path);
  {
    std::lock_guard<std::mutex> lock(memoryMutex);
    memory()[key] = index;
  }
  const fs::path file = cacheFile(key);
  if (file.empty()) return;
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  std::ostringstream out;
  out << kMagic << '\n' << key << '\n';
  writeList(out, index.pts);
  writeList(out, index.keyframes);
  writeList(out, index.keySeekTs);
  out << (index.bestEffortTimestamps ? 1 : 0) << '\n';
  try {
    writeFileAtomic(file.string(), out.str());
  } catch (const RunError&) {
    // Only a cache: the movie is indexed again next time.
  }
}

}  // namespace filmrecover
