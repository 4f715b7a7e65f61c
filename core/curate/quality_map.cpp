#include "core/curate/quality_map.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

#include <opencv2/imgproc.hpp>

#include "core/color/ycbcr.h"
#include "core/exec/errors.h"
#include "core/io/frame_source.h"
#include "core/match/mapping.h"
#include "core/opencv/image_mat.h"

namespace filmrecover::curate {
using nlohmann::json;

namespace {

// Luma at the size the element is compared at.
cv::Mat lumaAtSize(const Image& img, int w, int h) {
  cv::Mat y = lumaMat(img);
  if (img.width != w || img.height != h) cv::resize(y, y, cv::Size(w, h), 0, 0, cv::INTER_CUBIC);
  return y;
}

double pct(cv::Mat m, double q) {
  std::vector<float> v(m.begin<float>(), m.end<float>());
  if (v.empty()) return 0;
  auto it = v.begin() + static_cast<long>(std::clamp(q, 0.0, 1.0) * (v.size() - 1));
  std::nth_element(v.begin(), it, v.end());
  return *it;
}

void accumulate(ElementQuality& sum, const ElementQuality& q) {
  sum.sharpness += q.sharpness;
  sum.highFrequency += q.highFrequency;
  sum.grain += q.grain;
  sum.grainHighShare += q.grainHighShare;
  sum.dust += q.dust;
  sum.scratches += q.scratches;
  sum.chromaVariety += q.chromaVariety;
  sum.colourfulness += q.colourfulness;
  sum.colourCast += q.colourCast;
  sum.framesMeasured += 1;
}

void finish(ElementQuality& q) {
  if (q.framesMeasured == 0) return;
  const double n = q.framesMeasured;
  for (double* v : {&q.sharpness, &q.highFrequency, &q.grain, &q.grainHighShare, &q.dust, &q.scratches,
                    &q.chromaVariety, &q.colourfulness, &q.colourCast})
    *v /= n;
  q.edgeWidth = q.sharpness > 0 ? 1.0 / q.sharpness : 0;
}

std::string verdict(double source, double reference, bool haveReference) {
  if (!haveReference) return "unknown";
  const double hi = std::max(source, reference);
  if (hi <= 0 || std::abs(source - reference) < 0.1 * hi) return "similar";
  return reference > source ? "reference" : "source";
}

json elementJson(const ElementQuality& q) {
  return {{"width", q.width}, {"height", q.height}, {"framesMeasured", q.framesMeasured},
          {"sharpness", q.sharpness}, {"edgeWidth", q.edgeWidth}, {"highFrequency", q.highFrequency},
          {"grain", q.grain}, {"grainHighShare", q.grainHighShare}, {"dustPerMegapixel", q.dust},
          {"scratchesPerFrame", q.scratches}, {"chromaVariety", q.chromaVariety},
          {"colourfulness", q.colourfulness}, {"colourCast", q.colourCast}};
}

std::vector<std::pair<int, int>> ranges(const std::vector<int>& frames) {
  std::vector<std::pair<int, int>> out;
  for (int f : frames) {
    if (!out.empty() && out.back().second + 1 == f)
      out.back().second = f;
    else
      out.emplace_back(f, f);
  }
  return out;
}

}  // namespace

ElementQuality measureFrame(const Image& frame, int w, int h) {
  ElementQuality q;
  q.width = frame.width;
  q.height = frame.height;
  const cv::Mat y = lumaAtSize(frame, w, h);
  const double contrast = std::max(0.05, pct(y, 0.95) - pct(y, 0.05));
  // Edges: a 3x3 median first so grain and dust do not pass for detail.
  cv::Mat med, gx, gy, mag;
  cv::medianBlur(y, med, 3);
  cv::Sobel(med, gx, CV_32F, 1, 0, 3, 0.125);
  cv::Sobel(med, gy, CV_32F, 0, 1, 3, 0.125);
  cv::magnitude(gx, gy, mag);
  q.sharpness = pct(mag, 0.995) / contrast;
  cv::Mat blur, residual;
  cv::GaussianBlur(y, blur, cv::Size(0, 0), 1.5);
  residual = y - blur;
  cv::Scalar m, sd;
  cv::meanStdDev(residual, m, sd);
  q.highFrequency = sd[0] / contrast;
  // Grain on flat areas: where the blurred picture barely changes.
  cv::Mat bgx, bgy, bmag;
  cv::Sobel(blur, bgx, CV_32F, 1, 0, 3, 0.125);
  cv::Sobel(blur, bgy, CV_32F, 0, 1, 3, 0.125);
  cv::magnitude(bgx, bgy, bmag);
  const double flatLimit = pct(bmag, 0.3);
  cv::Mat fine;
  cv::GaussianBlur(y, fine, cv::Size(0, 0), 0.7);
  cv::Mat fineResidual = y - fine;  // above ~half Nyquist
  double sum2 = 0, fine2 = 0, n = 0;
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c)
      if (bmag.at<float>(r, c) <= flatLimit) {
        sum2 += residual.at<float>(r, c) * residual.at<float>(r, c);
        fine2 += fineResidual.at<float>(r, c) * fineResidual.at<float>(r, c);
        n += 1;
      }
  q.grain = n > 0 ? std::sqrt(sum2 / n) : 0;
  q.grainHighShare = sum2 > 0 ? fine2 / sum2 : 0;
  // Dust: isolated specks far from their 5x5 median.
  cv::Mat med5, diff;
  cv::medianBlur(y, med5, 5);
  cv::absdiff(y, med5, diff);
  const int specks = cv::countNonZero(diff > 0.2);
  q.dust = specks * 1e6 / (double(w) * h) / 4.0;  // a speck covers about four pixels
  // Scratches: columns that stay brighter or darker than their neighbours over most rows.
  cv::Mat colMean;
  cv::reduce(y - med5, colMean, 0, cv::REDUCE_AVG);
  for (int c = 0; c < colMean.cols; ++c) q.scratches += std::abs(colMean.at<float>(0, c)) > 0.04 ? 1 : 0;
  // Colour: opponent channels (Hasler & Suesstrunk 2003) on the native frame.
  std::vector<double> rg, yb;
  double castSum = 0, castN = 0;
  const int step = std::max(1, frame.width / 320);
  for (int r = 0; r < frame.height; r += step)
    for (int c = 0; c < frame.width; c += step) {
      const float R = frame.at(c, r, 0), G = frame.at(c, r, 1), B = frame.at(c, r, 2);
      rg.push_back(R - G);
      yb.push_back(0.5 * (R + G) - B);
      float Y, cb, cr;
      rgbToYCbCr(R, G, B, Y, cb, cr);
      if (Y > 0.3f && Y < 0.7f) {
        castSum += std::hypot(cb, cr);
        castN += 1;
      }
    }
  auto meanSd = [](const std::vector<double>& v, double& mean, double& sdv) {
    mean = 0;
    for (double x : v) mean += x;
    mean /= std::max<size_t>(1, v.size());
    sdv = 0;
    for (double x : v) sdv += (x - mean) * (x - mean);
    sdv = std::sqrt(sdv / std::max<size_t>(1, v.size()));
  };
  double mrg, srg, myb, syb;
  meanSd(rg, mrg, srg);
  meanSd(yb, myb, syb);
  q.chromaVariety = std::hypot(srg, syb);
  q.colourfulness = q.chromaVariety + 0.3 * std::hypot(mrg, myb);
  q.colourCast = castN > 0 ? castSum / castN : 0;
  q.edgeWidth = q.sharpness > 0 ? 1.0 / q.sharpness : 0;
  q.framesMeasured = 1;
  return q;
}

QualityMap buildQualityMap(const FrameSource& source, const FrameSource& reference, const match::Mapping& mapping,
                           int samplesPerShot, const CancelToken& cancel, const ProgressCallback& progress) {
  QualityMap map;
  const auto& frames = source.info().frames;
  if (frames.empty()) return map;
  const int w = source.info().width, h = source.info().height;
  // Shots from the mapping's cuts.
  std::vector<int> starts = {frames.front()};
  for (int c : mapping.sourceCuts)
    if (c > frames.front() && c <= frames.back()) starts.push_back(c);
  std::vector<int> covered, uncovered;
  for (int f : frames) (mapping.pairForSource(f) ? covered : uncovered).push_back(f);
  map.sourceCovered = ranges(covered);
  map.sourceUncovered = ranges(uncovered);
  ElementQuality srcAll, refAll;
  const long long total = static_cast<long long>(starts.size()) * samplesPerShot;
  long long done = 0;
  for (size_t s = 0; s < starts.size(); ++s) {
    ShotQuality shot;
    shot.first = starts[s];
    shot.last = s + 1 < starts.size() ? starts[s + 1] - 1 : frames.back();
    std::vector<int> inShot, pairedInShot;
    for (int f : frames)
      if (f >= shot.first && f <= shot.last) {
        inShot.push_back(f);
        const auto* p = mapping.pairForSource(f);
        if (p && !p->flagged()) pairedInShot.push_back(f);
      }
    shot.coverage = inShot.empty() ? 0 : double(pairedInShot.size()) / inShot.size();
    const auto& pick = pairedInShot.empty() ? inShot : pairedInShot;
    for (int k = 0; k < samplesPerShot && !pick.empty(); ++k) {
      cancel.throwIfCancelled();
      const int f = pick[(2 * k + 1) * pick.size() / (2 * samplesPerShot)];
      Image sourceFrame;
      try {
        sourceFrame = source.read(f);
      } catch (const InputError&) {
        continue;  // a defective frame: named by match, measured from its shot's others
      }
      const auto sq = measureFrame(sourceFrame, w, h);
      accumulate(shot.source, sq);
      accumulate(srcAll, sq);
      if (const auto* p = mapping.pairForSource(f); p && !p->flagged() && reference.has(p->reference)) {
        Image referenceFrame;
        try {
          referenceFrame = reference.read(p->reference);
        } catch (const InputError&) {
          continue;
        }
        const auto rq = measureFrame(referenceFrame, w, h);
        accumulate(shot.reference, rq);
        accumulate(refAll, rq);
      }
      reportProgress(progress, {"inventory", ++done, total, "frame " + std::to_string(f) + " measured"});
    }
    finish(shot.source);
    finish(shot.reference);
    shot.source.width = w;
    shot.source.height = h;
    shot.reference.width = reference.info().width;
    shot.reference.height = reference.info().height;
    const bool haveRef = shot.reference.framesMeasured > 0;
    shot.betterColour = verdict(shot.source.chromaVariety, shot.reference.chromaVariety, haveRef);
    shot.betterDetail = verdict(shot.source.sharpness, shot.reference.sharpness, haveRef);
    map.shots.push_back(shot);
  }
  finish(srcAll);
  finish(refAll);
  srcAll.width = w;
  srcAll.height = h;
  refAll.width = reference.info().width;
  refAll.height = reference.info().height;
  map.source = srcAll;
  map.reference = refAll;
  const bool haveRef = refAll.framesMeasured > 0;
  map.betterColour = verdict(srcAll.chromaVariety, refAll.chromaVariety, haveRef);
  map.betterDetail = verdict(srcAll.sharpness, refAll.sharpness, haveRef);
  return map;
}

json qualityMapToJson(const QualityMap& map) {
  json shots = json::array();
  for (const auto& s : map.shots)
    shots.push_back({{"first", s.first}, {"last", s.last}, {"coverage", s.coverage},
                     {"source", elementJson(s.source)}, {"reference", elementJson(s.reference)},
                     {"betterColour", s.betterColour}, {"betterDetail", s.betterDetail}});
  return {{"source", elementJson(map.source)}, {"reference", elementJson(map.reference)}, {"shots", shots},
          {"sourceCovered", map.sourceCovered}, {"sourceUncovered", map.sourceUncovered},
          {"betterColour", map.betterColour}, {"betterDetail", map.betterDetail}};
}

std::string qualityMapSummary(const QualityMap& map) {
  std::ostringstream out;
  out.precision(3);
  out << "better colour: " << map.betterColour << " (chroma variety source " << map.source.chromaVariety
      << ", reference " << map.reference.chromaVariety << ")\n";
  out << "better detail: " << map.betterDetail << " (edge width source " << map.source.edgeWidth
      << " px, reference " << map.reference.edgeWidth << " px at source size)\n";
  out << "grain: source " << map.source.grain << ", reference " << map.reference.grain
      << "; dust per megapixel: source " << map.source.dust << ", reference " << map.reference.dust << "\n";
  out << "shots: " << map.shots.size() << ", source ranges without reference: " << map.sourceUncovered.size();
  return out.str();
}

std::string directionWarning(const QualityMap& map, const std::string& mode) {
  const bool colour = mode == "chroma" || mode == "combined";
  const bool detail = mode == "spatial" || mode == "combined";
  std::string w;
  if (colour && map.betterColour == "source")
    w = "The reference holds less colour than the source (chroma variety " + std::to_string(map.reference.chromaVariety) +
        " against " + std::to_string(map.source.chromaVariety) + "): check that the two elements are not swapped.";
  if (detail && map.betterDetail == "source")
    w += std::string(w.empty() ? "" : " ") + "The reference is softer than the source (edge width " +
         std::to_string(map.reference.edgeWidth) + " px against " + std::to_string(map.source.edgeWidth) +
         " px): spatial recovery would learn to blur.";
  return w;
}

}  // namespace filmrecover::curate
