#pragma once
// Runs tests/core/analysis/reference_metrics.py (numpy) on images the test wrote, for
// reference values computed independently of the C++ code under test.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/image/image.h"
#include "tests/support/test_support.h"

namespace filmrecover::test {

//! Writes the pixels of `image` as raw float32 (what the reference script reads).
inline std::string writeRaw(const TempDir& dir, const std::string& name, const std::vector<float>& values) {
  const std::string path = dir.file(name);
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(float)));
  return path;
}

//! Runs the reference script with `args` and returns its JSON (null on failure).
inline nlohmann::json runReference(const std::vector<std::string>& args) {
  std::string cmd = "/usr/bin/python3 '" + sourcePath("tests/core/analysis/reference_metrics.py") + "'";
  for (const auto& a : args) cmd += " '" + a + "'";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return nullptr;
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  if (pclose(pipe) != 0) return nullptr;
  return nlohmann::json::parse(out, nullptr, false);
}

}  // namespace filmrecover::test
