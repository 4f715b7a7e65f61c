#include "core/infer/renderer.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "core/exec/disk_space.h"
#include "core/exec/errors.h"
#include "core/infer/bounded_queue.h"
#include "core/infer/correction_stabiliser.h"
#include "core/infer/frame_predictor.h"
#include "core/io/frame_defect.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/io/output_pattern.h"
#include "core/io/provenance.h"

namespace filmrecover {

namespace {

struct FrameWork {
  int frame = 0;
  Image image;
  bool context = false;  //!< inferred for the stabiliser's neighbours only, not written
};

// The frames the stabiliser lets each frame of `todo` borrow from (up to `radius` each side,
// in the source, no gap, no cut between) that this render does not write: outside its frame
// set (a farm chunk) or kept from before (--skip-existing). Inferred as context, they make a
// chunked or resumed render write what one whole render writes.
std::vector<int> stabiliserContext(const std::vector<int>& todo, const FrameSource& source,
                                   const StabiliseSettings& s) {
  std::vector<int> cuts = s.cuts;
  std::sort(cuts.begin(), cuts.end());
  const auto cutIn = [&cuts](int lo, int hi) {  // a shot starts in (lo, hi]
    const auto it = std::upper_bound(cuts.begin(), cuts.end(), lo);
    return it != cuts.end() && *it <= hi;
  };
  std::set<int> context;
  for (int f : todo)
    for (int dir : {-1, 1})
      for (int d = 1; d <= s.radius; ++d) {
        const int c = f + dir * d;
        if (!source.has(c) || (dir < 0 ? cutIn(c, f) : cutIn(f, c))) break;
        if (!std::binary_search(todo.begin(), todo.end(), c)) context.insert(c);
      }
  return {context.begin(), context.end()};
}

std::map<std::string, std::string> provenanceFields(const RenderJob& job, const ModelInfo& info, bool chromaGuided,
                                                    const ImageAttributes& sourceAttrs, int frame) {
  std::map<std::string, std::string> f = {
      {"recoveryType", toString(info.mode)},
      {"model", std::filesystem::absolute(job.model).string()},
      {"modelChecksum", info.weightsChecksum},
      {"modelTrainingDate", info.date},
      {"modelSoftwareVersion", info.softwareVersion},
      {"modelPreset", toString(info.preset)},
      {"modelSteps", std::to_string(info.steps)},
      {"trainingFrames", formatFrameSet(info.trainingFrames)},
      {"holdoutFrames", formatFrameSet(info.holdoutFrames)},
      {"trainingSource", info.source},
      {"trainingReference", info.target},
      {"source", job.input},
      {"sourceFrame", std::to_string(frame)},
      {"mix", std::to_string(job.infer.mix)},
      {"colourHandling", info.colourHandling},
  };
  // Grade, then refine: the colour the network corrected came from the model's own grade.
  if (info.graded())
    f["modelGrade"] = "match-grade 3D LUT of " + std::to_string(info.grade.value("size", 0)) +
                      " nodes per axis, applied before the network (its checksum " +
                      info.grade.value("checksum", std::string()) + ")";
  if (info.levels != 3) f["modelLevels"] = std::to_string(info.levels);
  if (chromaGuided) {
    std::ostringstream g;
    g << "recovered Cb, Cr guided by the output's luma (guided filter, radius " << job.infer.chromaGuide.radius
      << " px, eps " << job.infer.chromaGuide.eps << ")";
    f["chromaGuide"] = g.str();
  }
  if (job.stabilise.enabled) {
    std::ostringstream st;
    st << (job.stabilise.target == "correction" ? "colour correction" : "recovered Cb, Cr")
       << " filtered along the source's motion, radius " << job.stabilise.radius << " frames, sigma "
       << job.stabilise.sigma << ", luma tolerance " << job.stabilise.lumaTolerance;
    f["stabilised"] = st.str();
  }
  // A render of a render (progressive passes) keeps the earlier pass's model on record.
  const auto previous = sourceAttrs.find(std::string(kProvenancePrefix) + "model");
  if (previous != sourceAttrs.end()) f["previousPassModel"] = previous->second;
  return f;
}

}  // namespace

RenderResult renderSequence(const RenderJob& job, const ProgressCallback& progress,
                            const CancelToken& cancel) {
  // Everything that can be wrong with the request is found before any work.
  validateInferSettings(job.infer);
  if (job.stabilise.enabled) validateStabiliseSettings(job.stabilise);
  FramePredictor predictor(job.model, job.infer);
  const auto source = FrameSource::open(job.input);
  const OutputPattern pattern(job.output);
  // Frames asked for (or inside the source's range) that are not there are named and
  // recorded as failed; the others still render.
  std::vector<int> frames, absent = job.frames.empty() ? source->info().missing : std::vector<int>{};
  for (int f : job.frames.empty() ? source->info().frames : job.frames)
    (source->has(f) ? frames : absent).push_back(f);
  if (frames.empty())
    throw InputError("source '" + job.input + "' holds none of the frames to render" +
                     (absent.empty() ? std::string(".") : " (" + formatFrameSet(absent) + " asked for)."));
  for (int f : {frames.front(), frames.back()}) {
    const std::string in = source->framePath(f);
    if (!in.empty() && std::filesystem::absolute(in) == std::filesystem::absolute(pattern.pathFor(f)))
      throw InputError("output pattern '" + job.output + "' would overwrite the source's frame " +
                       std::to_string(f) + ".");
  }
  if (!job.write.format.empty()) imageFormatFor(job.write.format);  // InputError when unknown
  const auto parent = std::filesystem::path(pattern.pathFor(frames.front())).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  // A render killed mid-write leaves a hidden temp file beside its last frame: sweep them.
  if (!parent.empty()) removeStaleWriteTemporaries(parent.string());

  RenderResult result;
  result.modelSealed = predictor.sealed();
  for (int f : absent) {
    result.defects.push_back(missingFrameDefect(*source, f));
    result.failedFrames.push_back(f);
    result.failures.push_back(result.defects.back().message);
  }
  std::vector<int> todo;
  for (int f : frames) {
    if (job.skipExisting && std::filesystem::exists(pattern.pathFor(f)))
      ++result.skipped;
    else
      todo.push_back(f);
  }
  // Chroma and combined renders may pass through the stabiliser, which holds a few frames
  // so each can borrow its neighbours' colour (frames reach it in order).
  const bool stabilise = job.stabilise.enabled && predictor.info().mode != RecoveryMode::Spatial;
  const std::vector<int> context = stabilise ? stabiliserContext(todo, *source, job.stabilise) : std::vector<int>{};
  std::vector<FrameWork> toDecode;
  {
    size_t c = 0;
    for (int f : todo) {
      for (; c < context.size() && context[c] < f; ++c) toDecode.push_back({context[c], {}, true});
      toDecode.push_back({f, {}, false});
    }
    for (; c < context.size(); ++c) toDecode.push_back({context[c], {}, true});
  }
  const long long total = static_cast<long long>(frames.size());
  std::atomic<long long> done{result.skipped};
  // A full disk fails every write after the first: stop there rather than run the network
  // over the rest of the film for nothing. Finished frames stay; --skip-existing resumes.
  std::atomic<bool> diskFull{false};
  std::string diskFullWhy;
  std::mutex resultMutex;
  auto fail = [&](int frame, const std::string& why) {
    std::lock_guard<std::mutex> lock(resultMutex);
    result.failedFrames.push_back(frame);
    result.failures.push_back(why);
  };

  const auto started = std::chrono::steady_clock::now();
  BoundedQueue<FrameWork> decoded(2), recovered(2);
  // Decode: workers take frames in order and hand them on in order (a reorder buffer
  // keeps the inference stage's order stable while decoders run ahead).
  std::atomic<size_t> nextDecode{0};
  std::mutex orderMutex;
  std::condition_variable orderCv;
  size_t nextToHandOn = 0;
  auto decoder = [&] {
    for (;;) {
      const size_t i = nextDecode++;
      if (i >= toDecode.size()) return;
      FrameWork w = std::move(toDecode[i]);
      if (!cancel.cancelled() && !diskFull) {
        try {
          w.image = source->read(w.frame);
        } catch (const std::exception& e) {
          // Never rendered: a defective frame would come out as a restored frame of garbage.
          // A context frame is not this render's to name: its neighbours see a gap.
          if (!w.context) {
            fail(w.frame, e.what());
            std::lock_guard<std::mutex> lock(resultMutex);
            result.defects.push_back(defectOf(e, w.frame, source->framePath(w.frame)));
          }
        }
      }
      std::unique_lock<std::mutex> lock(orderMutex);
      orderCv.wait(lock, [&] { return nextToHandOn == i; });
      lock.unlock();
      if (!w.image.empty()) decoded.push(std::move(w));
      lock.lock();
      ++nextToHandOn;
      orderCv.notify_all();
    }
  };
  auto encoder = [&] {
    while (auto w = recovered.pop()) {
      const std::string path = pattern.pathFor(w->frame);
      try {
        writeImageAtomic(path, w->image, job.write);
        std::lock_guard<std::mutex> lock(resultMutex);
        ++result.rendered;
        result.outputs.push_back(path);
      } catch (const std::exception& e) {
        const std::string full = noSpaceNote(path, w->image.pixels.size() * sizeof(float));
        if (full.empty()) {
          fail(w->frame, e.what());
        } else {
          std::lock_guard<std::mutex> lock(resultMutex);
          if (!diskFull.exchange(true)) diskFullWhy = full;
        }
      }
      const long long n = ++done;
      reportProgress(progress, {"render", n, total, "frame " + std::to_string(w->frame) + " done"});
    }
  };

  std::vector<std::thread> decoders, encoders;
  for (int i = 0; i < std::max(1, job.decodeThreads); ++i) decoders.emplace_back(decoder);
  for (int i = 0; i < std::max(1, job.encodeThreads); ++i) encoders.emplace_back(encoder);
  std::thread closer([&] {
    for (auto& t : decoders) t.join();
    decoded.close();
  });

  CorrectionStabiliser stabiliser(stabilise ? job.stabilise : StabiliseSettings{});
  const auto handOn = [&](std::vector<StabilisedFrame> frames) {
    for (auto& f : frames)
      if (!std::binary_search(context.begin(), context.end(), f.first)) recovered.push({f.first, std::move(f.second), false});
  };
  int lastPushed = 0;
  while (auto w = decoded.pop()) {
    if (cancel.cancelled() || diskFull) continue;  // drain so decoders can finish
    try {
      lastPushed = w->frame;
      Image out = predictor.process(w->image);
      addProvenance(out.attributes, provenanceFields(job, predictor.info(), predictor.guidesChroma(), w->image.attributes, w->frame),
                    true);
      if (stabilise)
        handOn(stabiliser.push(w->frame, std::move(w->image), std::move(out)));
      else
        recovered.push({w->frame, std::move(out), false});
    } catch (const std::exception& e) {
      if (!w->context) fail(w->frame, e.what());
    }
  }
  if (stabilise && !cancel.cancelled() && !diskFull) {
    try {
      handOn(stabiliser.finish());
    } catch (const std::exception& e) {  // the encoders must still be released below
      fail(lastPushed, e.what());
    }
  }
  closer.join();
  recovered.close();
  for (auto& t : encoders) t.join();

  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.framesPerSecond = result.seconds > 0 ? result.rendered / result.seconds : 0;
  std::sort(result.outputs.begin(), result.outputs.end());
  // Failures in frame order (decoders and encoders finish out of order).
  std::vector<std::pair<int, std::string>> failed;
  for (size_t i = 0; i < result.failedFrames.size(); ++i) failed.emplace_back(result.failedFrames[i], result.failures[i]);
  std::sort(failed.begin(), failed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < failed.size(); ++i) std::tie(result.failedFrames[i], result.failures[i]) = failed[i];
  std::sort(result.defects.begin(), result.defects.end(),
            [](const FrameDefect& a, const FrameDefect& b) { return a.frame < b.frame; });
  cancel.throwIfCancelled();
  if (diskFull)
    throw RunError("the render of " + job.output + " stopped: " + diskFullWhy + ". " + std::to_string(result.rendered) +
                   " frame(s) were written and are kept" +
                   (result.skipped ? " (" + std::to_string(result.skipped) + " from before)" : std::string()) +
                   "; free space and run again with --skip-existing to render the rest.");
  return result;
}

}  // namespace filmrecover
