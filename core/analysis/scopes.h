#pragma once
// Waveform and vectorscope of display-referred pixels, shared by the workstation's scopes
// dock and the QC report: the same accumulation, the same graticule, the same numbers.
#include <cstdint>
#include <string>
#include <vector>

#include "core/image/image.h"

namespace filmrecover {

//! What a waveform plots on its vertical axis.
enum class WaveformMode {
  Luma,      //!< Rec.709 Y' of each pixel, one trace
  RgbParade  //!< R, G and B side by side, each a third of the width
};

//! Settings of a waveform accumulation.
struct WaveformOptions {
  WaveformMode mode = WaveformMode::Luma;
  int columns = 256;       //!< horizontal resolution (per channel in parade mode)
  int levels = 256;        //!< vertical resolution (bins of value)
  float minValue = 0.0f;   //!< value drawn on the bottom row
  float maxValue = 1.0f;   //!< value drawn on the top row
  size_t maxSamples = 1u << 18;  //!< pixels read at most; larger frames are decimated evenly
  bool operator==(const WaveformOptions& o) const {
    return mode == o.mode && columns == o.columns && levels == o.levels &&
           minValue == o.minValue && maxValue == o.maxValue && maxSamples == o.maxSamples;
  }
};

//! Raw waveform density: how many sampled pixels landed in each (channel, level, column)
//! bin. Level 0 is the top row (maxValue), so the grid reads like the picture of the scope.
struct Waveform {
  WaveformOptions options;
  int channels = 1;            //!< 1 for luma, 3 for parade
  std::vector<uint32_t> bins;  //!< channels x levels x columns, channel-major
  uint64_t samples = 0;        //!< pixels accumulated (after decimation)
  uint64_t clippedHigh = 0;    //!< channel values above maxValue (clamped onto the top row)
  uint64_t clippedLow = 0;     //!< channel values below minValue (clamped onto the bottom row)

  //! Count in one bin.
  uint32_t at(int channel, int level, int column) const {
    return bins[(static_cast<size_t>(channel) * options.levels + level) * options.columns +
                column];
  }
  //! Level (row) a value lands on under these options, clamped to the grid.
  int levelOf(float value) const;
};

//! Accumulates the waveform of `image` (3 channels, display-referred).
Waveform computeWaveform(const Image& image, const WaveformOptions& options = {});

//! Settings of a vectorscope accumulation.
struct VectorscopeOptions {
  int size = 256;          //!< the plot is size x size bins
  float extent = 0.6f;     //!< Cb/Cr value at the plot's edge (100% targets reach 0.5)
  size_t maxSamples = 1u << 18;  //!< pixels read at most; larger frames are decimated evenly
  bool operator==(const VectorscopeOptions& o) const {
    return size == o.size && extent == o.extent && maxSamples == o.maxSamples;
  }
};

//! Raw vectorscope density over the Rec.709 Cb (x, right positive) / Cr (y, up positive)
//! plane; row 0 is the top (+Cr).
struct Vectorscope {
  VectorscopeOptions options;
  std::vector<uint32_t> bins;  //!< size x size, row-major, top row first
  uint64_t samples = 0;        //!< pixels accumulated (after decimation)

  //! Count in one bin.
  uint32_t at(int x, int y) const { return bins[static_cast<size_t>(y) * options.size + x]; }
};

//! Accumulates the vectorscope of `image` (3 channels, display-referred).
Vectorscope computeVectorscope(const Image& image, const VectorscopeOptions& options = {});

//! Rec.709 Y'CbCr of a display-referred R'G'B' triple (Cb, Cr in [-0.5, 0.5]).
struct YCbCr {
  float y = 0, cb = 0, cr = 0;
};
//! Rec.709 Y'CbCr of R'G'B' (Kr 0.2126, Kb 0.0722).
YCbCr rec709YCbCr(float r, float g, float b);

//! Position (in bins, fractional, x right, y down) where (cb, cr) is plotted.
struct ScopePoint {
  float x = 0, y = 0;
};
//! Where the chroma pair (cb, cr) is plotted on a vectorscope with these options.
ScopePoint vectorscopePosition(float cb, float cr, const VectorscopeOptions& options);

//! One graticule target: a primary or secondary at a given amplitude, computed from RGB.
struct VectorscopeTarget {
  std::string name;   //!< "R", "Mg", "B", "Cy", "G", "Yl"
  float level = 1.0f; //!< 0.75 or 1.0
  float r = 0, g = 0, b = 0;  //!< the RGB colour it stands for
  float cb = 0, cr = 0;       //!< its chroma
};
//! The twelve graticule targets: six colours at 75% and at 100%.
std::vector<VectorscopeTarget> vectorscopeTargets();

//! Angle (degrees, counter-clockwise from +Cb) of the skin-tone line (the I axis), between
//! red and yellow, where faces of every complexion fall.
constexpr float kSkinToneLineDegrees = 123.0f;

//! Options for drawing a scope into an Image.
struct ScopeRenderOptions {
  float intensity = 1.0f;   //!< brightness gain of the density trace
  bool graticule = true;    //!< draw scale lines, targets and skin line
};

//! Draws the waveform as an RGB image of (columns * channels) x levels, black background,
//! trace brightness ~ log density, graticule every 10%.
Image renderWaveform(const Waveform& waveform, const ScopeRenderOptions& options = {});

//! Draws the vectorscope as an RGB image of size x size: trace in the colour of its hue,
//! circle at 100%, 75% and 100% target boxes, skin-tone line.
Image renderVectorscope(const Vectorscope& scope, const ScopeRenderOptions& options = {});

}  // namespace filmrecover
