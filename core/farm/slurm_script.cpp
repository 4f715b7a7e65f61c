#include "core/farm/slurm_script.h"

#include <sstream>

#include "core/farm/render_command_line.h"
#include "core/farm/shell_quote.h"
#include "core/io/frame_set.h"

namespace filmrecover::farm {

std::string slurmScript(const FarmJob& job) {
  const auto& o = job.options;
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# filmrecover farm render, written by filmrecover-cli submit. Submit with: sbatch "
    << shellQuote(job.scriptPath) << "\n"
    << "#SBATCH --job-name=" << o.jobName << "\n"
    << "#SBATCH --array=0-" << (job.chunks.size() - 1) << "\n"
    << "#SBATCH --cpus-per-task=" << o.cpusPerTask << "\n"
    << "#SBATCH --mem=" << o.memoryGb << "G\n"
    << "#SBATCH --time=" << o.timeLimit << "\n"
    << "#SBATCH --output=" << o.jobDir << "/logs/%x-%A_%a.log\n"
    << "#SBATCH --requeue\n";
  if (!o.partition.empty()) s << "#SBATCH --partition=" << o.partition << "\n";
  s << "set -euo pipefail\n\n"
    << "# Frames of each array task (chunks never span a gap in the frame set).\n"
    << "CHUNKS=(\n";
  for (const auto& chunk : job.chunks) s << "  " << formatFrameSet(chunk) << "\n";
  s << ")\n"
    << "TASK=${SLURM_ARRAY_TASK_ID:?this script runs as a Slurm array task}\n"
    << "FRAMES=${CHUNKS[$TASK]}\n"
    << "echo \"filmrecover task $TASK renders frames $FRAMES on $(hostname)\"\n"
    << "exec " << renderCommandLine(o, "\"$FRAMES\"") << " --threads \"${SLURM_CPUS_PER_TASK:-"
    << o.cpusPerTask << "}\"\n";
  return s.str();
}

}  // namespace filmrecover::farm
