#include "tests/support/test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "core/exec/errors.h"

namespace filmrecover::test {
namespace fs = std::filesystem;

TempDir::TempDir(const std::string& tag) {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = fs::temp_directory_path() /
                         ("filmrecover-" + tag + "-" + std::to_string(getpid()) + "-" +
                          std::to_string(rd() % 1000000));
    if (fs::create_directories(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder for " + tag);
}

TempDir::~TempDir() {
  if (std::getenv("FILMRECOVER_KEEP_TEST_DIRS")) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

CliResult runCli(const std::vector<std::string>& args) {
  TempDir io("cli");
  const std::string outPath = io.file("stdout"), errPath = io.file("stderr");
  CliResult result;
  pid_t pid = fork();
  if (pid == 0) {
    if (!freopen(outPath.c_str(), "w", stdout) || !freopen(errPath.c_str(), "w", stderr)) _exit(127);
    std::vector<char*> argv;
    static std::string exe = FILMRECOVER_CLI_PATH;
    argv.push_back(exe.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(outPath);
  result.err = slurp(errPath);
  return result;
}

CompareResult compareImages(const Image& a, const Image& b, float failThreshold,
                            double failPercent, float hardLimit) {
  CompareResult r;
  if (a.width != b.width || a.height != b.height || a.channels != b.channels) {
    r.sizeMismatch = true;
    return r;
  }
  double sum = 0, sum2 = 0;
  size_t over = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) {
    const double d = std::fabs(double(a.pixels[i]) - double(b.pixels[i]));
    sum += d;
    sum2 += d * d;
    r.maxError = std::max(r.maxError, d);
    if (d > failThreshold) ++over;
  }
  const double n = std::max<size_t>(1, a.pixels.size());
  r.meanError = sum / n;
  r.rmsError = std::sqrt(sum2 / n);
  r.psnr = r.rmsError > 0 ? 20.0 * std::log10(1.0 / r.rmsError) : 999.0;
  r.percentOverThreshold = 100.0 * over / n;
  r.passed = r.percentOverThreshold <= failPercent && r.maxError <= hardLimit;
  return r;
}

Image makeTestPattern(int width, int height, unsigned seed) {
  Image img(width, height, 3);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> noise(-0.03f, 0.03f);
  const float fx = 0.05f + 0.02f * (seed % 5), fy = 0.07f + 0.01f * (seed % 7);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const float u = float(x) / width, v = float(y) / height;
      const float wave = 0.5f + 0.25f * std::sin(x * fx) * std::cos(y * fy);
      const float block = ((x / 16 + y / 16 + int(seed)) % 2) ? 0.15f : 0.0f;
      img.at(x, y, 0) = std::clamp(0.2f + 0.6f * u * wave + block + noise(rng), 0.0f, 1.0f);
      img.at(x, y, 1) = std::clamp(0.3f + 0.5f * v + 0.1f * wave + noise(rng), 0.0f, 1.0f);
      img.at(x, y, 2) = std::clamp(0.6f - 0.4f * u * v + block * 0.5f + noise(rng), 0.0f, 1.0f);
    }
  return img;
}

std::string inputErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("wrong exception type: ") + e.what();
  }
  return "no error";
}

std::string sourcePath(const std::string& relative) {
  return (fs::path(FILMRECOVER_SOURCE_DIR) / relative).string();
}

}  // namespace filmrecover::test
