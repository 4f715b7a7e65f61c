#pragma once
#include <string>

#include "core/exec/progress.h"
#include "core/pipeline/recover_pipeline.h"

namespace filmrecover::pipeline {

//! The bundled demo: a short procedural film (core/synth) and what to do with it.
struct DemoOptions {
  std::string dir;              //!< everything goes under it
  int width = 640, height = 360, frames = 60;
  unsigned seed = 1;
  std::string mode = "chroma";  //!< chroma: faded print + colour SD reference; spatial: soft print + sharp reference
  bool generateOnly = false;    //!< write the material, do not recover
  RecoverOptions recover;       //!< overrides passed to recover (source/reference/output are set here)
};

//! What the demo made.
struct DemoResult {
  std::string sourcePattern, referencePattern, cleanPattern;
  std::string outputPattern, workDir, report;
  RecoverResult recover;        //!< empty when generateOnly
};

//! Writes DIR/material/{clean,source,reference} and truth.json (reused when already there
//! with the same settings), then runs recover into DIR/restored/restored.####.exr with the
//! work dir DIR/work.
DemoResult runDemo(const DemoOptions& options, const CancelToken& cancel = {},
                   const RecoverListeners& listeners = {});

}  // namespace filmrecover::pipeline
