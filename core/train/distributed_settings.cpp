#include "core/train/distributed_settings.h"

#include <cctype>
#include <cstdlib>

#include "core/exec/errors.h"

namespace filmrecover {

std::string DistributedSettings::describe() const {
  return "rank " + std::to_string(rank) + " of " + std::to_string(worldSize);
}

EnvironmentLookup processEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v || !*v) return std::nullopt;
    return std::string(v);
  };
}

namespace {

// A whole decimal integer, or InputError naming `what`.
long long parseWhole(const std::string& text, const std::string& what) {
  size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size())
    throw InputError(what + " '" + text + "' is not a whole number.");
  return v;
}

int parsePort(const std::string& text, const std::string& what) {
  const long long port = parseWhole(text, what + " port");
  if (port < 1 || port > 65535)
    throw InputError(what + " port " + text + " is outside 1..65535.");
  return static_cast<int>(port);
}

}  // namespace

std::pair<std::string, int> parseMasterAddress(const std::string& text, const std::string& what) {
  std::string host, port;
  if (!text.empty() && text.front() == '[') {  // [v6]:port
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
      throw InputError(what + " '" + text + "' is not [ADDRESS]:PORT.");
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos)
      throw InputError(what + " '" + text + "' has no port: give ADDR:PORT (e.g. node01:29500).");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (host.empty()) throw InputError(what + " '" + text + "' has no address: give ADDR:PORT.");
  return {host, parsePort(port, what)};
}

std::string firstSlurmHost(const std::string& nodeList, const std::string& what) {
  // The first entry: up to the first comma outside brackets.
  std::string first;
  int depth = 0;
  for (char c : nodeList) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (depth < 0) break;
    if (c == ',' && depth == 0) break;
    first += c;
  }
  if (depth != 0 || first.empty() || first.front() == '[')
    throw InputError(what + " '" + nodeList + "' is not a Slurm host list (e.g. node[01-04],gpu7).");
  // Each bracket group "[03-05,9]" becomes its first value "03" (zero padding kept).
  std::string host;
  for (size_t i = 0; i < first.size(); ++i) {
    if (first[i] != '[') {
      host += first[i];
      continue;
    }
    const auto close = first.find(']', i);
    const std::string group = first.substr(i + 1, close - i - 1);
    std::string value;
    for (char c : group) {
      if (c == '-' || c == ',') break;
      value += c;
    }
    if (value.empty()) throw InputError(what + " '" + nodeList + "' has an empty range.");
    host += value;
    i = close;
  }
  return host;
}

DistributedSettings resolveDistributedSettings(const DistributedRequest& flags, const EnvironmentLookup& env) {
  DistributedSettings d;
  // World size.
  if (flags.worldSize) {
    d.worldSize = *flags.worldSize;
    if (d.worldSize < 1) throw InputError("--world-size " + std::to_string(d.worldSize) + " must be at least 1.");
  } else {
    for (const char* name : {"WORLD_SIZE", "SLURM_NTASKS"})
      if (const auto v = env(name)) {
        const long long w = parseWhole(*v, std::string("environment variable ") + name);
        if (w < 1) throw InputError(std::string("environment variable ") + name + "=" + *v + " must be at least 1.");
        d.worldSize = static_cast<int>(w);
        break;
      }
  }
  // Rank.
  const char* rankSource = "--rank";
  if (flags.rank) {
    d.rank = *flags.rank;
  } else {
    for (const char* name : {"RANK", "SLURM_PROCID"})
      if (const auto v = env(name)) {
        d.rank = static_cast<int>(parseWhole(*v, std::string("environment variable ") + name));
        rankSource = name;
        break;
      }
  }
  if (d.rank < 0 || d.rank >= d.worldSize)
    throw InputError(std::string(rankSource) + " " + std::to_string(d.rank) + " is outside 0.." +
                     std::to_string(d.worldSize - 1) + " (world size " + std::to_string(d.worldSize) + ").");
  // Timeout.
  if (flags.timeoutSeconds) {
    d.timeoutSeconds = *flags.timeoutSeconds;
    if (d.timeoutSeconds < 1) throw InputError("--dist-timeout must be at least 1 second.");
  } else if (const auto v = env("FILMRECOVER_DIST_TIMEOUT")) {
    d.timeoutSeconds = static_cast<int>(parseWhole(*v, "environment variable FILMRECOVER_DIST_TIMEOUT"));
    if (d.timeoutSeconds < 1) throw InputError("environment variable FILMRECOVER_DIST_TIMEOUT must be at least 1.");
  }
  // Rendezvous address.
  if (flags.master) {
    std::tie(d.masterAddr, d.masterPort) = parseMasterAddress(*flags.master, "--master");
  } else {
    const auto addr = env("MASTER_ADDR");
    const auto port = env("MASTER_PORT");
    if (addr) {
      d.masterAddr = *addr;
    } else {
      for (const char* name : {"SLURM_STEP_NODELIST", "SLURM_JOB_NODELIST"})
        if (const auto list = env(name)) {
          d.masterAddr = firstSlurmHost(*list, std::string("environment variable ") + name);
          break;
        }
    }
    if (!d.masterAddr.empty())
      d.masterPort = port ? parsePort(*port, "environment variable MASTER_PORT") : 29500;
  }
  if (d.enabled() && d.masterAddr.empty())
    throw InputError("training with world size " + std::to_string(d.worldSize) +
                     " needs rank 0's address: give --master ADDR:PORT (or MASTER_ADDR and MASTER_PORT).");
  return d;
}

}  // namespace filmrecover
