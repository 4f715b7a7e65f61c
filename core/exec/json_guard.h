#pragma once
// A check every reader of a JSON file from outside runs before taking values out of it.
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/exec/errors.h"

namespace filmrecover {

//! Deepest nesting filmrecover's own files use is 4; 64 leaves room and keeps nlohmann's
//! recursive copy and dump far from the stack's end.
constexpr int kMaxJsonDepth = 64;

//! Throws InputError naming `what` and the field (a JSON pointer such as /pairs/3/source)
//! when `doc` nests deeper than kMaxJsonDepth or holds a decimal number beyond ±2^31.
//! Why: nlohmann converts a decimal to int with a plain cast, which is undefined behaviour
//! out of range (1e300 as a frame number), and copies and prints nested values
//! recursively, so a file of 100,000 '[' overflows the stack. filmrecover writes no decimal
//! beyond ±2^31 (integers are written as integers), so the limit refuses no file of ours.
inline void requireSaneJson(const nlohmann::json& doc, const std::string& what) {
  // Iterative: a recursive walk would itself overflow on the files it is meant to refuse.
  std::vector<std::pair<const nlohmann::json*, std::string>> todo{{&doc, ""}};
  std::vector<int> depth{0};
  while (!todo.empty()) {
    const auto [node, pointer] = todo.back();
    const int level = depth.back();
    todo.pop_back();
    depth.pop_back();
    if (level > kMaxJsonDepth)
      throw InputError(what + " nests deeper than " + std::to_string(kMaxJsonDepth) + " levels at '" + pointer +
                       "' (corrupt or not a filmrecover file).");
    if (node->is_number_float()) {
      const double v = node->get<double>();
      if (!(std::fabs(v) < 2147483648.0))
        throw InputError(what + " field '" + pointer + "' holds " + node->dump() +
                         ", out of range (corrupt or not a filmrecover file).");
    } else if (node->is_object()) {
      for (auto it = node->begin(); it != node->end(); ++it) {
        todo.emplace_back(&it.value(), pointer + "/" + it.key());
        depth.push_back(level + 1);
      }
    } else if (node->is_array()) {
      for (size_t i = 0; i < node->size(); ++i) {
        todo.emplace_back(&(*node)[i], pointer + "/" + std::to_string(i));
        depth.push_back(level + 1);
      }
    }
  }
}

}  // namespace filmrecover
