#include "core/grade/lut3d.h"

#include <algorithm>
#include <cmath>

#include "core/exec/errors.h"
#include "core/exec/parallel_for.h"
#include "core/grade/log_shaper.h"

namespace filmrecover::grade {

Lut3D Lut3D::identity(int n, float shaperStrength) {
  if (n < 2) throw InputError("a 3D LUT needs at least 2 nodes per axis, got " + std::to_string(n) + ".");
  Lut3D lut;
  lut.size = n;
  lut.shaperStrength = shaperStrength;
  lut.table.resize(static_cast<size_t>(n) * n * n * 3);
  const LogShaper shaper(shaperStrength);
  std::vector<float> values(n);
  for (int i = 0; i < n; ++i) values[i] = shaper.inverse(static_cast<float>(i) / (n - 1));
  for (int b = 0; b < n; ++b)
    for (int g = 0; g < n; ++g)
      for (int r = 0; r < n; ++r) {
        float* out = &lut.table[lut.node(r, g, b) * 3];
        out[0] = values[r];
        out[1] = values[g];
        out[2] = values[b];
      }
  return lut;
}

bool Lut3D::valid() const {
  return size >= 2 && table.size() == static_cast<size_t>(size) * size * size * 3;
}

std::array<float, 3> Lut3D::apply(float r, float g, float b) const {
  const LogShaper shaper(shaperStrength);
  const float scale = static_cast<float>(size - 1);
  int i0[3];
  float f[3];
  const float in[3] = {r, g, b};
  for (int c = 0; c < 3; ++c) {
    const float u = shaper.forward(in[c]) * scale;
    i0[c] = std::min(static_cast<int>(u), size - 2);
    f[c] = u - static_cast<float>(i0[c]);
  }
  std::array<float, 3> out = {0.0f, 0.0f, 0.0f};
  for (int corner = 0; corner < 8; ++corner) {
    const int dr = corner & 1, dg = (corner >> 1) & 1, db = (corner >> 2) & 1;
    const float w = (dr ? f[0] : 1.0f - f[0]) * (dg ? f[1] : 1.0f - f[1]) * (db ? f[2] : 1.0f - f[2]);
    const float* v = &table[node(i0[0] + dr, i0[1] + dg, i0[2] + db) * 3];
    out[0] += w * v[0];
    out[1] += w * v[1];
    out[2] += w * v[2];
  }
  return out;
}

Image applyLut(const Lut3D& lut, const Image& image, int threads) {
  if (!lut.valid()) throw InputError("the 3D LUT is empty or malformed.");
  if (image.channels < 3) throw InputError("a 3D LUT needs an RGB image, got " + std::to_string(image.channels) + " channel(s).");
  Image out = image;
  parallelRanges(image.height, resolveThreadCount(threads), [&](int, int y0, int y1) {
    for (int y = y0; y < y1; ++y)
      for (int x = 0; x < image.width; ++x) {
        const size_t i = image.index(x, y);
        const auto v = lut.apply(image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]);
        out.pixels[i] = v[0];
        out.pixels[i + 1] = v[1];
        out.pixels[i + 2] = v[2];
      }
  });
  return out;
}

Lut3D resampleToUniform(const Lut3D& lut, int size) {
  Lut3D out = Lut3D::identity(size, 0.0f);
  out.title = lut.title;
  for (size_t i = 0; i < out.table.size(); i += 3) {
    const auto v = lut.apply(out.table[i], out.table[i + 1], out.table[i + 2]);
    std::copy(v.begin(), v.end(), out.table.begin() + static_cast<long>(i));
  }
  return out;
}

}  // namespace filmrecover::grade
