#include "tests/support/local_slurm_cluster.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

namespace filmrecover::test {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// Daemons live in /usr/sbin, which a test's PATH may lack.
std::string findProgram(const std::string& name) {
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  path += ":/usr/sbin:/sbin:/usr/bin:/bin";
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const fs::path candidate = fs::path(dir) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

// A port nobody listens on now; the daemons bind it a moment later (another process
// taking it in between is not worth guarding against in a test).
int freeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

void writeText(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  chmod(path.c_str(), mode);
}

std::string lastLines(const std::string& path, int lines) {
  std::ifstream in(path);
  std::vector<std::string> all;
  std::string line;
  while (std::getline(in, line)) all.push_back(line);
  std::string out;
  for (size_t i = all.size() > size_t(lines) ? all.size() - lines : 0; i < all.size(); ++i) out += all[i] + "\n";
  return out;
}

struct Daemon {
  std::vector<std::string> argv;
  std::string log;  // stdout and stderr
  pid_t pid = -1;
};

pid_t spawnDaemon(Daemon& d, const sigset_t& parentMask) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  sigprocmask(SIG_SETMASK, &parentMask, nullptr);
  const int out = open(d.log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  const int in = open("/dev/null", O_RDONLY);
  if (out >= 0) {
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
  }
  if (in >= 0) dup2(in, STDIN_FILENO);
  std::vector<char*> argv;
  for (auto& a : d.argv) argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  _exit(127);
}

std::vector<pid_t> childrenOf(pid_t parent) {
  std::vector<pid_t> kids;
  DIR* proc = opendir("/proc");
  if (!proc) return kids;
  while (dirent* e = readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid <= 0) continue;
    std::ifstream stat(std::string("/proc/") + e->d_name + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // "pid (comm) state ppid ...": comm may hold spaces, so read after its last ')'.
    const auto close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(text.substr(close + 1));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent) kids.push_back(pid);
  }
  closedir(proc);
  return kids;
}

bool alive(pid_t pid) { return pid > 0 && kill(pid, 0) == 0; }

// Reaps every exited child (daemons, and orphans that reparented to us).
void reapAll() {
  int status = 0;
  while (waitpid(-1, &status, WNOHANG) > 0) {
  }
}

// Waits, reaping, until none of `pids` is alive or `seconds` pass.
void waitGone(const std::vector<pid_t>& pids, double seconds) {
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  while (Clock::now() < deadline) {
    reapAll();
    bool any = false;
    for (pid_t p : pids) any = any || alive(p);
    if (!any) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// The supervisor: starts munged, then slurmctld and slurmd, reaps everything, and on
// SIGTERM (sent by stop(), or by the kernel when the test process dies) stops the daemons
// and kills whatever is left under it. Never returns.
[[noreturn]] void supervise(std::vector<Daemon> daemons, const std::string& mungeSocket, pid_t testPid) {
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != testPid) _exit(0);
  // Orphans (slurmstepd detaches from slurmd; tasks outlive a killed slurmstepd) come to
  // us, not to init, so the shutdown below finds them.
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  sigset_t wanted, old;
  sigemptyset(&wanted);
  sigaddset(&wanted, SIGTERM);
  sigaddset(&wanted, SIGINT);
  sigaddset(&wanted, SIGCHLD);
  sigprocmask(SIG_BLOCK, &wanted, &old);
  timespec tick{0, 100 * 1000 * 1000};
  auto terminationAsked = [&] {
    siginfo_t info;
    const int sig = sigtimedwait(&wanted, &info, &tick);
    reapAll();
    return sig == SIGTERM || sig == SIGINT;
  };

  bool stopping = false;
  daemons[0].pid = spawnDaemon(daemons[0], old);
  // slurmctld authenticates through munge from its first message: wait for the socket.
  const auto deadline = Clock::now() + std::chrono::seconds(15);
  while (!stopping && !fs::exists(mungeSocket) && Clock::now() < deadline && alive(daemons[0].pid))
    stopping = terminationAsked();
  for (size_t i = 1; i < daemons.size() && !stopping; ++i) daemons[i].pid = spawnDaemon(daemons[i], old);
  while (!stopping) stopping = terminationAsked();

  // slurmd and slurmctld first (their jobs are cancelled by stop() before this), munge last.
  for (size_t i = daemons.size(); i-- > 1;)
    if (daemons[i].pid > 0) kill(daemons[i].pid, SIGTERM);
  std::vector<pid_t> slurm;
  for (size_t i = 1; i < daemons.size(); ++i) slurm.push_back(daemons[i].pid);
  waitGone(slurm, 10);
  if (daemons[0].pid > 0) kill(daemons[0].pid, SIGTERM);
  waitGone({daemons[0].pid}, 5);
  // Whatever is still here (a daemon that ignored SIGTERM, a slurmstepd, a task): killed.
  const auto killDeadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < killDeadline) {
    const auto kids = childrenOf(getpid());
    if (kids.empty()) break;
    for (pid_t k : kids) kill(k, SIGKILL);
    waitGone(kids, 1);
  }
  _exit(0);
}

}  // namespace

std::unique_ptr<LocalSlurmCluster> LocalSlurmCluster::start(const std::string& dir, int cpus, std::string& whyNot) {
  if (geteuid() != 0) {
    whyNot = "a local Slurm needs root here (slurmd starts jobs as their user)";
    return nullptr;
  }
  std::map<std::string, std::string> programs;
  for (const char* name : {"munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo", "scontrol"}) {
    programs[name] = findProgram(name);
    if (programs[name].empty()) {
      whyNot = std::string(name) + " is not installed (Debian: slurmctld slurmd slurm-client munge)";
      return nullptr;
    }
  }
  const int ctldPort = freeLoopbackPort(), slurmdPort = freeLoopbackPort();
  if (ctldPort <= 0 || slurmdPort <= 0 || ctldPort == slurmdPort) {
    whyNot = "no free loopback port for slurmctld and slurmd";
    return nullptr;
  }

  std::unique_ptr<LocalSlurmCluster> c(new LocalSlurmCluster);
  c->dir_ = fs::absolute(dir).string();
  const auto d = [&c](const std::string& name) { return (fs::path(c->dir_) / name).string(); };
  for (const char* sub : {"", "munge", "state", "spool", "log", "run"}) {
    fs::create_directories(d(sub));
    // munged refuses a socket folder that not everyone can enter.
    chmod(d(sub).c_str(), 0755);
  }
  {
    std::random_device rd;
    std::string key(1024, '\0');
    for (auto& ch : key) ch = static_cast<char>(rd() & 0xff);
    writeText(d("munge/munge.key"), key, 0400);
  }
  const std::string socket = d("munge/munge.socket");
  c->conf_ = d("slurm.conf");
  std::ostringstream conf;
  conf << "# A one-node test cluster, written by tests/support/local_slurm_cluster.cpp\n"
       << "ClusterName=filmrecover-test\n"
       << "SlurmctldHost=localhost(127.0.0.1)\n"
       << "SlurmctldPort=" << ctldPort << "\n"
       << "SlurmdPort=" << slurmdPort << "\n"
       << "SlurmUser=root\nSlurmdUser=root\n"
       << "AuthType=auth/munge\nCredType=cred/munge\n"
       << "AuthInfo=socket=" << socket << "\n"
       << "StateSaveLocation=" << d("state") << "\n"
       << "SlurmdSpoolDir=" << d("spool") << "\n"
       << "SlurmctldPidFile=" << d("run/slurmctld.pid") << "\n"
       << "SlurmdPidFile=" << d("run/slurmd.pid") << "\n"
       << "SlurmctldLogFile=" << d("log/slurmctld.log") << "\n"
       << "SlurmdLogFile=" << d("log/slurmd.log") << "\n"
       // The node is what this file says, whatever the machine has.
       << "SlurmdParameters=config_overrides\n"
       << "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\n"
       << "SelectType=select/cons_tres\nSelectTypeParameters=CR_Core\n"
       << "SchedulerType=sched/builtin\n"
       << "MpiDefault=none\nSwitchType=switch/none\n"
       << "JobAcctGatherType=jobacct_gather/none\nAccountingStorageType=accounting_storage/none\n"
       << "JobCompType=jobcomp/none\nMailProg=/bin/true\n"
       << "ReturnToService=2\nMinJobAge=600\nKillWait=2\nInactiveLimit=0\n"
       << "SlurmctldTimeout=30\nSlurmdTimeout=60\n"
       << "NodeName=localhost NodeAddr=127.0.0.1 CPUs=" << cpus << " RealMemory=1024 State=UNKNOWN\n"
       << "PartitionName=filmrecover Nodes=localhost Default=YES MaxTime=INFINITE State=UP\n";
  writeText(c->conf_, conf.str(), 0644);

  std::vector<Daemon> daemons = {
      {{programs["munged"], "--foreground", "--key-file=" + d("munge/munge.key"), "--socket=" + socket,
        "--pid-file=" + d("run/munged.pid"), "--log-file=" + d("log/munged.log"), "--seed-file=" + d("munge/seed"),
        "--num-threads=4"},
       d("log/munged.out")},
      {{programs["slurmctld"], "-D", "-f", c->conf_}, d("log/slurmctld.out")},
      {{programs["slurmd"], "-D", "-N", "localhost", "-f", c->conf_}, d("log/slurmd.out")}};

  const char* old = std::getenv("SLURM_CONF");
  c->hadConf_ = old != nullptr;
  if (old) c->oldConf_ = old;
  setenv("SLURM_CONF", c->conf_.c_str(), 1);

  std::fflush(nullptr);
  const pid_t testPid = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    whyNot = "cannot fork the cluster's supervisor";
    return nullptr;
  }
  if (pid == 0) supervise(daemons, socket, testPid);
  c->supervisor_ = pid;

  // Up when the node reports idle: munge, the controller and the node daemon all work.
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  std::string state;
  while (Clock::now() < deadline) {
    int status = 0;
    if (waitpid(c->supervisor_, &status, WNOHANG) == c->supervisor_) {
      c->supervisor_ = -1;
      break;
    }
    state = c->client("sinfo --noheader --Node --format=%T", nullptr, 5);
    if (state.rfind("idle", 0) == 0) return c;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  whyNot = "the daemons did not bring the node up within 60 s (sinfo says '" + state + "'):\n" + c->logTails();
  c->stop();
  return nullptr;
}

LocalSlurmCluster::~LocalSlurmCluster() { stop(); }

std::string LocalSlurmCluster::client(const std::string& commandLine, int* exitCode, int seconds) const {
  const std::string full = "timeout -k 2 " + std::to_string(seconds) + " " + commandLine;
  std::string out;
  FILE* pipe = popen(full.c_str(), "r");
  if (!pipe) {
    if (exitCode) *exitCode = -1;
    return out;
  }
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  const int status = pclose(pipe);
  if (exitCode) *exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

std::string LocalSlurmCluster::logTails() const {
  std::string out;
  for (const char* log : {"log/munged.out", "log/munged.log", "log/slurmctld.out", "log/slurmd.out"}) {
    const std::string path = (fs::path(dir_) / log).string();
    if (fs::exists(path)) out += "--- " + path + "\n" + lastLines(path, 12);
  }
  return out;
}

void LocalSlurmCluster::stop() {
  if (supervisor_ > 0) {
    // Jobs first, while slurmd can still signal their tasks and report them ended.
    client("scancel --user=root --quiet", nullptr, 10);
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < deadline) {
      int rc = 0;
      const std::string left =
          client("squeue --noheader --states=PENDING,RUNNING,COMPLETING,CONFIGURING,SUSPENDED --format=%i", &rc, 5);
      if (rc != 0 || left.empty()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    kill(supervisor_, SIGTERM);
    const auto gone = Clock::now() + std::chrono::seconds(40);
    int status = 0;
    while (waitpid(supervisor_, &status, WNOHANG) == 0) {
      if (Clock::now() > gone) {
        kill(supervisor_, SIGKILL);
        waitpid(supervisor_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    supervisor_ = -1;
  }
  if (!conf_.empty()) {
    if (hadConf_)
      setenv("SLURM_CONF", oldConf_.c_str(), 1);
    else
      unsetenv("SLURM_CONF");
    conf_.clear();
  }
}

}  // namespace filmrecover::test
