// filmrecover-engine-bench info | train|infer [--size S|M|L] [--batch N] [--crop N] [--steps N]
//   [--infer-size WxH] [--runs N] [--threads N] [--device auto|cpu|cuda] [--precision auto|fp32|bf16|fp16]
// The flags and the one JSON line of `filmrecover-cli bench`, with a hand-written parser
// (no CLI11 in the engine-only build).
#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include "core/bench/bench.h"
#include "core/bench/engine_info.h"
#include "core/exec/errors.h"

using namespace filmrecover;

namespace {

int toInt(const std::string& flag, const std::string& v) {
  try {
    size_t used = 0;
    const int n = std::stoi(v, &used);
    if (used == v.size()) return n;
  } catch (const std::exception&) {
  }
  throw InputError(flag + " must be a whole number, not '" + v + "'.");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) throw InputError("usage: filmrecover-engine-bench train|infer [--flag value]...");
    const std::string what = argv[1];
    if (what == "info") {
      std::cout << engineInfo().dump() << std::endl;
      return 0;
    }
    std::map<std::string, std::string> flags;
    for (int i = 2; i < argc; i += 2) {
      if (i + 1 >= argc) throw InputError(std::string(argv[i]) + " needs a value.");
      flags[argv[i]] = argv[i + 1];
    }
    BenchSettings s;
    for (const auto& [flag, v] : flags) {
      if (flag == "--size") s.preset = parseModelPreset(v, flag);
      else if (flag == "--batch") s.batch = toInt(flag, v);
      else if (flag == "--crop") s.crop = toInt(flag, v);
      else if (flag == "--steps") s.steps = toInt(flag, v);
      else if (flag == "--runs") s.inferRuns = toInt(flag, v);
      else if (flag == "--threads") s.threads = toInt(flag, v);
      else if (flag == "--device") s.device = parseDeviceChoice(v, flag);
      else if (flag == "--precision") s.precision = parsePrecision(v, flag);
      else if (flag == "--infer-size") {
        char x = 0;
        if (std::sscanf(v.c_str(), "%dx%d%c", &s.inferWidth, &s.inferHeight, &x) != 2)
          throw InputError("--infer-size must be WIDTHxHEIGHT, not '" + v + "'.");
      } else {
        throw InputError("unknown flag '" + flag + "'.");
      }
    }
    nlohmann::json j;
    if (what == "train") j = benchTrain(s);
    else if (what == "infer") j = benchInfer(s);
    else throw InputError("bench measures train or infer, not '" + what + "'.");
    std::cout << j.dump() << std::endl;
    return 0;
  } catch (const InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
