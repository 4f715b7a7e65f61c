#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/infer/correction_stabiliser.h"
#include "core/infer/infer_settings.h"
#include "core/io/frame_defect.h"
#include "core/io/image_writer.h"

namespace filmrecover {

//! A sequence render: a model applied to frames of a source, written to an output pattern.
struct RenderJob {
  std::string model;         //!< model file
  std::string input;         //!< SOURCE spec (may be the output of another render)
  std::string output;        //!< output pattern ("out.####.exr"); frame numbers as the source's
  std::vector<int> frames;   //!< frames to render (empty = every frame of the source)
  WriteOptions write;        //!< format, EXR data type, extra attributes
  InferSettings infer;       //!< tiles, mix, threads, device, precision
  bool skipExisting = false; //!< leave frames whose output file exists (resume, farm chunks)
  int decodeThreads = 2;     //!< frames decoded ahead in parallel
  int encodeThreads = 2;     //!< frames encoded in parallel
  //! Flow-guided temporal filter of the colour correction (chroma and combined models):
  //! frames are held a few frames longer so each can borrow from its neighbours.
  StabiliseSettings stabilise;
};

//! What a render did.
struct RenderResult {
  int rendered = 0, skipped = 0;
  std::vector<int> failedFrames;      //!< frames that could not be decoded or written
  std::vector<std::string> failures;  //!< one sentence per failed frame
  std::vector<FrameDefect> defects;   //!< the failed frames whose input was missing or defective
  std::vector<std::string> outputs;   //!< files written
  double seconds = 0, framesPerSecond = 0;
  bool modelSealed = true;            //!< false: a model from before the SHA-256 seal (metadata unverified)
};

//! JSON of a job (frames as an oiiotool frame set).
void to_json(nlohmann::json& j, const RenderJob& job);
//! JSON of a result.
void to_json(nlohmann::json& j, const RenderResult& r);

}  // namespace filmrecover
