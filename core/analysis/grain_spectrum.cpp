#include "core/analysis/grain_spectrum.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "core/color/ycbcr.h"
#include "core/exec/errors.h"
#include "core/opencv/image_mat.h"

namespace filmrecover::analysis {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Removes the least-squares plane a + b x + c y from a size x size patch, in place.
// The pixel grid is symmetric about its centre, so the three normal equations decouple.
void removePlane(std::vector<double>& v, int size) {
  const double c = (size - 1) / 2.0;
  double sum = 0, sx = 0, sy = 0, xx = 0;
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const double val = v[static_cast<size_t>(y) * size + x];
      sum += val;
      sx += val * (x - c);
      sy += val * (y - c);
    }
  for (int x = 0; x < size; ++x) xx += (x - c) * (x - c);
  xx *= size;
  const double mean = sum / (static_cast<double>(size) * size), gx = sx / xx, gy = sy / xx;
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) v[static_cast<size_t>(y) * size + x] -= mean + gx * (x - c) + gy * (y - c);
}

double planeResidualVariance(const cv::Mat& blurred, const Rect& r) {
  std::vector<double> v(static_cast<size_t>(r.width()) * r.height());
  for (int y = 0; y < r.height(); ++y)
    for (int x = 0; x < r.width(); ++x) v[static_cast<size_t>(y) * r.width() + x] = blurred.at<float>(r.y0 + y, r.x0 + x);
  removePlane(v, r.width());
  double s = 0;
  for (double d : v) s += d * d;
  return s / v.size();
}

}  // namespace

NoisePowerSpectrum blockNoisePowerSpectrum(const std::vector<float>& patch, int size, int bins) {
  if (size < 4 || patch.size() != static_cast<size_t>(size) * size || bins < 1)
    throw InputError("a grain patch must be a square of at least 4 pixels.");
  std::vector<double> v(patch.begin(), patch.end());
  removePlane(v, size);
  std::vector<double> w(size);
  for (int i = 0; i < size; ++i) w[i] = 0.5 - 0.5 * std::cos(2.0 * kPi * i / size);
  double w2 = 0;
  cv::Mat m(size, size, CV_64FC1);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const double wx = w[x] * w[y];
      m.at<double>(y, x) = v[static_cast<size_t>(y) * size + x] * wx;
      w2 += wx * wx;
    }
  cv::Mat spectrum;
  cv::dft(m, spectrum, cv::DFT_COMPLEX_OUTPUT);
  NoisePowerSpectrum nps;
  nps.frequency.resize(bins);
  nps.power.assign(bins, 0.0);
  std::vector<int> counts(bins, 0);
  for (int i = 0; i < bins; ++i) nps.frequency[i] = (i + 0.5) * 0.5 / bins;
  double total = 0;
  for (int ky = 0; ky < size; ++ky)
    for (int kx = 0; kx < size; ++kx) {
      if (kx == 0 && ky == 0) continue;
      const cv::Vec2d f = spectrum.at<cv::Vec2d>(ky, kx);
      const double p = (f[0] * f[0] + f[1] * f[1]) / w2;
      total += p;
      const double fx = (kx <= size / 2 ? kx : kx - size) / static_cast<double>(size);
      const double fy = (ky <= size / 2 ? ky : ky - size) / static_cast<double>(size);
      const double fr = std::sqrt(fx * fx + fy * fy);
      if (fr > 0.5) continue;
      const int bin = std::min(bins - 1, static_cast<int>(fr / 0.5 * bins));
      nps.power[bin] += p;
      ++counts[bin];
    }
  for (int i = 0; i < bins; ++i)
    if (counts[i]) nps.power[i] /= counts[i];
  nps.rms = std::sqrt(total / (static_cast<double>(size) * size));
  nps.blocks = 1;
  return nps;
}

std::vector<Rect> findFlatBlocks(const Image& guide, const GrainOptions& options) {
  const int n = options.blockSize;
  if (guide.width < n || guide.height < n) return {};
  const cv::Mat luma = lumaMat(guide);
  cv::Mat blurred;
  cv::GaussianBlur(luma, blurred, cv::Size(0, 0), 2.0);
  struct Candidate {
    Rect rect;
    double structure;
  };
  std::vector<Candidate> candidates;
  // Blocks centred in the frame, so the left-over margin is split between both sides.
  const int x0 = (guide.width % n) / 2, y0 = (guide.height % n) / 2;
  for (int y = y0; y + n <= guide.height; y += n)
    for (int x = x0; x + n <= guide.width; x += n) {
      const Rect r{x, y, x + n, y + n};
      const double mean = cv::mean(luma(cv::Rect(x, y, n, n)))[0];
      if (mean < 0.03 || mean > 0.97) continue;
      candidates.push_back({r, planeResidualVariance(blurred, r)});
    }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.structure < b.structure; });
  const size_t keep = std::min<size_t>(
      candidates.size(),
      std::min<size_t>(std::max<size_t>(1, static_cast<size_t>(std::ceil(options.flatFraction * candidates.size()))),
                       static_cast<size_t>(std::max(1, options.maxBlocksPerFrame))));
  std::vector<Rect> out;
  for (size_t i = 0; i < keep; ++i) out.push_back(candidates[i].rect);
  return out;
}

GrainAccumulator::GrainAccumulator(const GrainOptions& options)
    : options_(options),
      sum_(static_cast<size_t>(std::max(1, options.bins)), 0.0),
      bandSquares_(kGrainLumaBands, 0.0),
      bandBlocks_(kGrainLumaBands, 0) {}

void GrainAccumulator::add(const Image& frame, const std::vector<Rect>& blocks) {
  std::vector<float> patch;
  for (const Rect& r : blocks) {
    if (r.x0 < 0 || r.y0 < 0 || r.x1 > frame.width || r.y1 > frame.height || r.width() != r.height()) continue;
    patch.resize(static_cast<size_t>(r.width()) * r.height());
    double mean = 0;
    for (int y = 0; y < r.height(); ++y)
      for (int x = 0; x < r.width(); ++x) {
        const float* p = &frame.pixels[frame.index(r.x0 + x, r.y0 + y)];
        const float v = luma709(p[0], p[1], p[2]);
        patch[static_cast<size_t>(y) * r.width() + x] = v;
        mean += v;
      }
    mean /= static_cast<double>(patch.size());
    const NoisePowerSpectrum nps = blockNoisePowerSpectrum(patch, r.width(), options_.bins);
    for (size_t i = 0; i < sum_.size(); ++i) sum_[i] += nps.power[i];
    rmsSquares_ += nps.rms * nps.rms;
    const int band = std::clamp(static_cast<int>(mean * kGrainLumaBands), 0, kGrainLumaBands - 1);
    bandSquares_[static_cast<size_t>(band)] += nps.rms * nps.rms;
    ++bandBlocks_[static_cast<size_t>(band)];
    ++blocks_;
  }
}

NoisePowerSpectrum GrainAccumulator::result() const {
  NoisePowerSpectrum nps;
  const int bins = static_cast<int>(sum_.size());
  for (int i = 0; i < bins; ++i) {
    nps.frequency.push_back((i + 0.5) * 0.5 / bins);
    nps.power.push_back(blocks_ ? sum_[i] / blocks_ : 0.0);
  }
  nps.rms = blocks_ ? std::sqrt(rmsSquares_ / blocks_) : 0.0;
  nps.blocks = blocks_;
  for (int b = 0; b < kGrainLumaBands; ++b) {
    nps.lumaBandCentre.push_back((b + 0.5) / kGrainLumaBands);
    const size_t k = static_cast<size_t>(b);
    nps.rmsByLuma.push_back(bandBlocks_[k] ? std::sqrt(bandSquares_[k] / bandBlocks_[k]) : NAN);
  }
  return nps;
}

GrainComparison compareGrain(const NoisePowerSpectrum& a, const NoisePowerSpectrum& b) {
  GrainComparison g;
  g.a = a;
  g.b = b;
  g.rmsRatio = b.rms > 0 ? a.rms / b.rms : 0.0;
  double sum = 0;
  int n = 0;
  for (size_t i = 0; i < std::min(a.power.size(), b.power.size()); ++i)
    if (a.power[i] > 0 && b.power[i] > 0) {
      const double db = 10.0 * std::log10(a.power[i] / b.power[i]);
      sum += db * db;
      ++n;
    }
  g.spectralDistanceDb = n ? std::sqrt(sum / n) : 0.0;
  return g;
}

}  // namespace filmrecover::analysis
