#pragma once
#include <nlohmann/json.hpp>

namespace filmrecover {

//! What this engine build runs on, as one JSON object: {"torch": "2.11.0", "cuda": true,
//! "gpus": 1, "cuda_bf16": true, "cpu_bf16": false, "threads": 16}. check.sh reads "cuda" to
//! decide what it can run.
nlohmann::json engineInfo();

}  // namespace filmrecover
