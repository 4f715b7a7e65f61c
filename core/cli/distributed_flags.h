#pragma once
// --world-size, --rank, --master, --dist-timeout: shared by train and recover.
#include <memory>

#include <CLI/CLI.hpp>

#include "core/train/distributed_settings.h"

namespace filmrecover::cli {

//! The flags as given (CLI11 2.1 has no std::optional options: values plus "was it given").
struct DistributedFlags {
  int worldSize = 1, rank = 0, timeoutSeconds = 600;
  std::string master;
  CLI::Option *worldSizeOption = nullptr, *rankOption = nullptr, *masterOption = nullptr,
              *timeoutOption = nullptr;

  //! The flags over the process's environment (resolveDistributedSettings).
  DistributedSettings resolve() const;
};

//! Adds the flags to `command` (in a "Distributed training" group) and returns where they land.
std::shared_ptr<DistributedFlags> addDistributedFlags(CLI::App* command);

}  // namespace filmrecover::cli
