#include "core/train/process_group.h"

// The c10d headers compile their contents only under the macros LibTorch's own build sets.
// Gloo's own headers come from libgloo-dev with Debian's LibTorch; a LibTorch download that
// lacks them builds without Gloo (then NCCL alone, on CUDA).
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/csrc/distributed/c10d/Work.hpp>
#if __has_include(<gloo/algorithm.h>)
#define FILMRECOVER_C10D_GLOO 1
#ifndef USE_C10D_GLOO
#define USE_C10D_GLOO
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
// NCCL where the LibTorch was built with CUDA and NCCL's header is there (a CUDA LibTorch 2.x);
// Debian's CPU LibTorch ships ProcessGroupNCCL.hpp without nccl.h, so the check is both.
#if defined(FILMRECOVER_WITH_CUDA) && __has_include(<nccl.h>)
#define FILMRECOVER_C10D_NCCL 1
#ifndef USE_C10D_NCCL
#define USE_C10D_NCCL
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "core/exec/errors.h"

namespace filmrecover {

namespace {

// The first line of an exception's message (c10::Error appends a C++ backtrace).
std::string firstLine(const std::exception& e) {
  std::string m = e.what();
  if (const auto* c = dynamic_cast<const c10::Error*>(&e)) m = c->what_without_backtrace();
  if (const auto nl = m.find('\n'); nl != std::string::npos) m.resize(nl);
  return m;
}

#ifdef FILMRECOVER_C10D_GLOO
// This machine's address on the route to host:port (a UDP "connect" sends nothing): the
// address Gloo must listen on for the other ranks to reach it. Empty when it cannot be told.
std::string localAddressTowards(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found) return {};
  std::string address;
  for (addrinfo* a = found; a && address.empty(); a = a->ai_next) {
    const int fd = socket(a->ai_family, SOCK_DGRAM, 0);
    if (fd < 0) continue;
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    char text[NI_MAXHOST];
    if (connect(fd, a->ai_addr, a->ai_addrlen) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) == 0 &&
        getnameinfo(reinterpret_cast<sockaddr*>(&local), length, text, sizeof text, nullptr, 0, NI_NUMERICHOST) == 0)
      address = text;
    close(fd);
  }
  freeaddrinfo(found);
  return address;
}

// Gloo's transport device: the interface GLOO_SOCKET_IFNAME names (as PyTorch reads it), else
// the address that routes to the master.
std::shared_ptr<::gloo::transport::Device> glooDevice(const DistributedSettings& s) {
  if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
    return c10d::ProcessGroupGloo::createDeviceForInterface(ifname);
  const std::string local = localAddressTowards(s.masterAddr, s.masterPort);
  if (local.empty())
    throw InputError("--master '" + s.masterAddr + ":" + std::to_string(s.masterPort) +
                     "': the address does not resolve to a host this machine can reach.");
  return c10d::ProcessGroupGloo::createDeviceForHostname(local);
}
#endif

}  // namespace

struct TrainingProcessGroup::Impl {
  c10::intrusive_ptr<c10d::Store> store;
#ifdef FILMRECOVER_C10D_GLOO
  c10::intrusive_ptr<c10d::ProcessGroupGloo> gloo;
#endif
#ifdef FILMRECOVER_C10D_NCCL
  c10::intrusive_ptr<c10d::ProcessGroupNCCL> nccl;
#endif
};

namespace {

// The key-value store at rank 0's address (rank 0 serves it). The ranks are not counted here:
// the process group's own rendezvous waits for them (and a rank fetching the published job
// connects once more without being one more rank).
c10::intrusive_ptr<c10d::Store> connectStore(const DistributedSettings& s) {
  const std::string where = s.masterAddr + ":" + std::to_string(s.masterPort);
  try {
    c10d::TCPStoreOptions o;
    o.port = static_cast<std::uint16_t>(s.masterPort);
    o.isServer = s.rank == 0;
    o.waitWorkers = false;
    o.timeout = std::chrono::milliseconds(1000LL * s.timeoutSeconds);
    return c10::make_intrusive<c10d::TCPStore>(s.masterAddr, o);
  } catch (const std::exception& e) {
    throw RunError("distributed training, " + s.describe() + ": " +
                   (s.rank == 0 ? "could not listen at --master " + where
                                : "could not reach rank 0 at --master " + where + " within " +
                                      std::to_string(s.timeoutSeconds) + " s") +
                   " (" + firstLine(e) + ").");
  }
}

const char* const kPublishedJobKey = "filmrecover/train-job";

}  // namespace

std::string fetchPublishedTrainJobText(const DistributedSettings& s) {
  const auto store = connectStore(s);
  try {
    const auto bytes = store->get(kPublishedJobKey);
    return std::string(bytes.begin(), bytes.end());
  } catch (const std::exception& e) {
    throw RunError("distributed training, " + s.describe() + ": rank 0 at --master " + s.masterAddr + ":" +
                   std::to_string(s.masterPort) + " published no training run within " +
                   std::to_string(s.timeoutSeconds) + " s (" + firstLine(e) + ").");
  }
}

TrainingProcessGroup::TrainingProcessGroup(const DistributedSettings& s, const torch::Device& device,
                                           const std::string& jobForJoiners)
    : settings_(s), impl_(std::make_unique<Impl>()) {
  const std::chrono::milliseconds timeout(1000LL * s.timeoutSeconds);
  const std::string where = s.masterAddr + ":" + std::to_string(s.masterPort);
  impl_->store = connectStore(s);
  if (s.rank == 0 && !jobForJoiners.empty())
    impl_->store->set(kPublishedJobKey, std::vector<uint8_t>(jobForJoiners.begin(), jobForJoiners.end()));
  try {
#ifdef FILMRECOVER_C10D_NCCL
    if (device.is_cuda()) {
      auto options = c10d::ProcessGroupNCCL::Options::create();
      options->timeout = timeout;
      impl_->nccl = c10::make_intrusive<c10d::ProcessGroupNCCL>(impl_->store, s.rank, s.worldSize, options);
      return;
    }
#endif
#ifdef FILMRECOVER_C10D_GLOO
    (void)device;  // CUDA tensors go through Gloo when there is no NCCL
    auto options = c10d::ProcessGroupGloo::Options::create(timeout);
    options->devices.push_back(glooDevice(s));
    impl_->gloo = c10::make_intrusive<c10d::ProcessGroupGloo>(impl_->store, s.rank, s.worldSize, options);
#else
    (void)timeout;
    throw InputError("distributed training on " + device.str() + " needs Gloo, which this build was made " +
                     "without (LibTorch's Gloo headers were missing: install libgloo-dev or use a LibTorch "
                     "that ships include/gloo)" + (device.is_cuda() ? "; NCCL was not found either." : "."));
#endif
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw RunError("distributed training, " + s.describe() + ": the " + std::to_string(s.worldSize) +
                   " ranks did not all meet at " + where + " within " + std::to_string(s.timeoutSeconds) +
                   " s, or could not connect to each other (" + firstLine(e) +
                   "); are all ranks started, and on nodes with several networks is GLOO_SOCKET_IFNAME set "
                   "to the one they share?");
  }
}

TrainingProcessGroup::~TrainingProcessGroup() = default;

const char* TrainingProcessGroup::backend() const {
#ifdef FILMRECOVER_C10D_NCCL
  if (impl_->nccl) return "nccl";
#endif
  return "gloo";
}

namespace {

template <class Collective>
void runCollective(const DistributedSettings& s, const std::string& what, Collective&& start) {
  try {
    auto work = start();
    work->wait();
  } catch (const std::exception& e) {
    throw RunError("distributed training, " + s.describe() + ": " + what + " failed (" + firstLine(e) +
                   "); another rank has probably stopped: see its log.");
  }
}

}  // namespace

void TrainingProcessGroup::allReduceSum(torch::Tensor& tensor, const std::string& what) {
  std::vector<torch::Tensor> t{tensor};
  runCollective(settings_, what, [&]() -> c10::intrusive_ptr<c10d::Work> {
#ifdef FILMRECOVER_C10D_NCCL
    if (impl_->nccl) return impl_->nccl->allreduce(t);
#endif
#ifdef FILMRECOVER_C10D_GLOO
    if (impl_->gloo) return impl_->gloo->allreduce(t);
#endif
    throw RunError("no process group");  // the constructor has thrown already
  });
}

void TrainingProcessGroup::broadcastFromRankZero(std::vector<torch::Tensor>& tensors, const std::string& what) {
  // One flat tensor, one collective (Gloo broadcasts one tensor per device).
  std::vector<torch::Tensor> flat{torch::cat([&] {
    std::vector<torch::Tensor> parts;
    for (const auto& x : tensors) parts.push_back(x.reshape(-1));
    return parts;
  }())};
  runCollective(settings_, what, [&]() -> c10::intrusive_ptr<c10d::Work> {
#ifdef FILMRECOVER_C10D_NCCL
    if (impl_->nccl) return impl_->nccl->broadcast(flat);
#endif
#ifdef FILMRECOVER_C10D_GLOO
    if (impl_->gloo) return impl_->gloo->broadcast(flat);
#endif
    throw RunError("no process group");  // the constructor has thrown already
  });
  torch::NoGradGuard noGrad;
  int64_t offset = 0;
  for (auto& x : tensors) {
    x.copy_(flat[0].slice(0, offset, offset + x.numel()).view(x.sizes()));
    offset += x.numel();
  }
}

}  // namespace filmrecover
