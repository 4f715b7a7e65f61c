#include "core/grade/lattice_system.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/exec/parallel_for.h"

namespace filmrecover::grade {
namespace {

// Offset index of a neighbour (dr, dg, db in -1..1) in the 27-point stencil.
inline int stencilIndex(int dr, int dg, int db) { return (dr + 1) + 3 * (dg + 1) + 9 * (db + 1); }

}  // namespace

LatticeSystem::LatticeSystem(int n)
    : n_(n), nodes_(static_cast<size_t>(n) * n * n), normal_(nodes_ * 27, 0.0), rhs_(nodes_ * 3, 0.0) {}

void LatticeSystem::addSamples(const std::vector<float>& coords, const std::vector<float>& targets) {
  const size_t count = coords.size() / 3;
  const double scale = static_cast<double>(n_ - 1);
  // Accumulate unnormalised, then rescale everything by the new total 1/S.
  const double oldWeight = samples_;
  for (auto& v : normal_) v *= oldWeight;
  for (auto& v : rhs_) v *= oldWeight;
  for (size_t s = 0; s < count; ++s) {
    int i0[3];
    double f[3];
    for (int c = 0; c < 3; ++c) {
      const double u = std::clamp(static_cast<double>(coords[s * 3 + c]), 0.0, 1.0) * scale;
      i0[c] = std::min(static_cast<int>(u), n_ - 2);
      f[c] = u - i0[c];
    }
    double w[8];
    size_t node[8];
    for (int k = 0; k < 8; ++k) {
      const int dr = k & 1, dg = (k >> 1) & 1, db = (k >> 2) & 1;
      w[k] = (dr ? f[0] : 1 - f[0]) * (dg ? f[1] : 1 - f[1]) * (db ? f[2] : 1 - f[2]);
      node[k] = (static_cast<size_t>(i0[2] + db) * n_ + (i0[1] + dg)) * n_ + (i0[0] + dr);
    }
    for (int p = 0; p < 8; ++p) {
      if (w[p] == 0.0) continue;
      double* row = &normal_[node[p] * 27];
      for (int q = 0; q < 8; ++q)
        row[stencilIndex((q & 1) - (p & 1), ((q >> 1) & 1) - ((p >> 1) & 1),
                         ((q >> 2) & 1) - ((p >> 2) & 1))] += w[p] * w[q];
      for (int c = 0; c < 3; ++c) rhs_[node[p] * 3 + c] += w[p] * targets[s * 3 + c];
    }
  }
  samples_ += static_cast<double>(count);
  const double inv = samples_ > 0 ? 1.0 / samples_ : 0.0;
  for (auto& v : normal_) v *= inv;
  for (auto& v : rhs_) v *= inv;
}

void LatticeSystem::setSmoothness(double smoothness) { mu_ = smoothness * (n_ - 1); }

void LatticeSystem::setAnchor(const std::vector<float>& anchor, double eps) {
  anchor_ = anchor;
  eps_ = eps;
}

namespace {

// The 33 neighbour offsets of the assembled stencil: the 3x3x3 box, then +-2 per axis.
struct Offset {
  int dr, dg, db;
};
const std::vector<Offset>& stencilOffsets() {
  static const std::vector<Offset> offsets = [] {
    std::vector<Offset> o;
    for (int db = -1; db <= 1; ++db)
      for (int dg = -1; dg <= 1; ++dg)
        for (int dr = -1; dr <= 1; ++dr) o.push_back({dr, dg, db});
    for (int s : {-2, 2}) {
      o.push_back({s, 0, 0});
      o.push_back({0, s, 0});
      o.push_back({0, 0, s});
    }
    return o;
  }();
  return offsets;
}

int offsetIndex(int dr, int dg, int db) {
  if (std::abs(dr) <= 1 && std::abs(dg) <= 1 && std::abs(db) <= 1) return stencilIndex(dr, dg, db);
  const auto& o = stencilOffsets();
  for (int k = 27; k < 33; ++k)
    if (o[k].dr == dr && o[k].dg == dg && o[k].db == db) return k;
  return -1;
}

constexpr int kStencil = 33;

}  // namespace

size_t LatticeSystem::padded(int r, int g, int b) const {
  const size_t p = static_cast<size_t>(n_) + 4;
  return ((static_cast<size_t>(b) + 2) * p + (g + 2)) * p + (r + 2);
}

std::vector<double> LatticeSystem::assemble() const {
  std::vector<double> a(nodes_ * kStencil, 0.0);
  for (size_t i = 0; i < nodes_; ++i) {
    std::copy(&normal_[i * 27], &normal_[i * 27] + 27, &a[i * kStencil]);
    a[i * kStencil + stencilIndex(0, 0, 0)] += eps_;
  }
  const auto nodeIndex = [&](const int p[3]) {
    return (static_cast<size_t>(p[2]) * n_ + p[1]) * n_ + p[0];
  };
  // Adds weight * c_p * c_q to row p at the offset of q for every pair of nodes in a term.
  const auto addTerm = [&](const int (*pos)[3], const double* coef, int count, double weight) {
    for (int p = 0; p < count; ++p)
      for (int q = 0; q < count; ++q) {
        const int k = offsetIndex(pos[q][0] - pos[p][0], pos[q][1] - pos[p][1], pos[q][2] - pos[p][2]);
        a[nodeIndex(pos[p]) * kStencil + k] += weight * coef[p] * coef[q];
      }
  };
  const double second[3] = {1.0, -2.0, 1.0}, mixed[4] = {1.0, -1.0, -1.0, 1.0};
  for (int b = 0; b < n_; ++b)
    for (int g = 0; g < n_; ++g)
      for (int r = 0; r < n_; ++r) {
        const int c[3] = {r, g, b};
        for (int ax = 0; ax < 3; ++ax) {
          if (c[ax] == 0 || c[ax] == n_ - 1) continue;
          int pos[3][3] = {{r, g, b}, {r, g, b}, {r, g, b}};
          pos[0][ax] -= 1;
          pos[2][ax] += 1;
          addTerm(pos, second, 3, mu_);
        }
        for (int ax = 0; ax < 3; ++ax)
          for (int ay = ax + 1; ay < 3; ++ay) {
            if (c[ax] == n_ - 1 || c[ay] == n_ - 1) continue;
            int pos[4][3] = {{r, g, b}, {r, g, b}, {r, g, b}, {r, g, b}};
            pos[1][ax] += 1;
            pos[2][ay] += 1;
            pos[3][ax] += 1;
            pos[3][ay] += 1;
            addTerm(pos, mixed, 4, 2.0 * mu_);
          }
      }
  return a;
}

int LatticeSystem::solve(std::vector<float>& table, int maxIterations, double tolerance,
                         const CancelToken& cancel, int threads) const {
  threads = std::min(resolveThreadCount(threads), n_);
  const std::vector<double> a = assemble();
  const size_t p = static_cast<size_t>(n_) + 4, paddedSize = p * p * p;
  long offsets[kStencil];
  for (int k = 0; k < kStencil; ++k) {
    const auto& o = stencilOffsets()[k];
    offsets[k] = (static_cast<long>(o.db) * static_cast<long>(p) + o.dg) * static_cast<long>(p) + o.dr;
  }
  // Vectors live on the padded lattice (3 channels interleaved); ghosts stay zero and
  // their stencil coefficients are zero, so the product needs no bounds checks.
  std::vector<double> x(paddedSize * 3, 0.0), r(paddedSize * 3, 0.0), z(paddedSize * 3, 0.0),
      pv(paddedSize * 3, 0.0), ap(paddedSize * 3, 0.0), invDiag(nodes_);
  for (size_t i = 0; i < nodes_; ++i) invDiag[i] = 1.0 / a[i * kStencil + stencilIndex(0, 0, 0)];

  // Visits every real node as (compact index, padded index) over a slab of blue planes.
  const auto forNodes = [&](int b0, int b1, const auto& f) {
    for (int b = b0; b < b1; ++b)
      for (int g = 0; g < n_; ++g) {
        size_t i = (static_cast<size_t>(b) * n_ + g) * n_;
        size_t q = padded(0, g, b);
        for (int rr = 0; rr < n_; ++rr, ++i, ++q) f(i, q);
      }
  };
  const auto multiply = [&](const std::vector<double>& v, std::vector<double>& out) {
    // Slabs of blue planes, one per thread.
    parallelRanges(n_, threads, [&](int, int b0, int b1) {
      forNodes(b0, b1, [&](size_t i, size_t q) {
        const double* row = &a[i * kStencil];
        double s0 = 0.0, s1 = 0.0, s2 = 0.0;
        for (int k = 0; k < kStencil; ++k) {
          const double* vv = &v[(static_cast<long>(q) + offsets[k]) * 3];
          s0 += row[k] * vv[0];
          s1 += row[k] * vv[1];
          s2 += row[k] * vv[2];
        }
        out[q * 3] = s0;
        out[q * 3 + 1] = s1;
        out[q * 3 + 2] = s2;
      });
    });
  };

  double bnorm[3] = {0, 0, 0};
  forNodes(0, n_, [&](size_t i, size_t q) {
    for (int c = 0; c < 3; ++c) x[q * 3 + c] = table[i * 3 + c];
  });
  multiply(x, ap);
  double rz[3] = {0, 0, 0};
  forNodes(0, n_, [&](size_t i, size_t q) {
    for (int c = 0; c < 3; ++c) {
      const double bval = rhs_[i * 3 + c] + (anchor_.empty() ? 0.0 : eps_ * anchor_[i * 3 + c]);
      r[q * 3 + c] = bval - ap[q * 3 + c];
      z[q * 3 + c] = r[q * 3 + c] * invDiag[i];
      pv[q * 3 + c] = z[q * 3 + c];
      rz[c] += r[q * 3 + c] * z[q * 3 + c];
      bnorm[c] += bval * bval;
    }
  });
  bool active[3] = {true, true, true};
  int it = 0;
  for (; it < maxIterations; ++it) {
    double rnorm[3] = {0, 0, 0};
    forNodes(0, n_, [&](size_t, size_t q) {
      for (int c = 0; c < 3; ++c) rnorm[c] += r[q * 3 + c] * r[q * 3 + c];
    });
    for (int c = 0; c < 3; ++c)
      if (std::sqrt(rnorm[c]) <= tolerance * std::max(std::sqrt(bnorm[c]), 1e-30)) active[c] = false;
    if (!active[0] && !active[1] && !active[2]) break;
    if ((it & 15) == 0) cancel.throwIfCancelled();
    multiply(pv, ap);
    double pap[3] = {0, 0, 0};
    forNodes(0, n_, [&](size_t, size_t q) {
      for (int c = 0; c < 3; ++c) pap[c] += pv[q * 3 + c] * ap[q * 3 + c];
    });
    double alpha[3], rzNew[3] = {0, 0, 0};
    for (int c = 0; c < 3; ++c) {
      if (pap[c] <= 0.0) active[c] = false;
      alpha[c] = active[c] ? rz[c] / pap[c] : 0.0;
    }
    forNodes(0, n_, [&](size_t i, size_t q) {
      for (int c = 0; c < 3; ++c) {
        const size_t k = q * 3 + c;
        x[k] += alpha[c] * pv[k];
        r[k] -= alpha[c] * ap[k];
        z[k] = r[k] * invDiag[i];
        rzNew[c] += r[k] * z[k];
      }
    });
    double beta[3];
    for (int c = 0; c < 3; ++c) {
      beta[c] = active[c] && rz[c] > 0 ? rzNew[c] / rz[c] : 0.0;
      rz[c] = rzNew[c];
    }
    forNodes(0, n_, [&](size_t, size_t q) {
      for (int c = 0; c < 3; ++c) pv[q * 3 + c] = z[q * 3 + c] + beta[c] * pv[q * 3 + c];
    });
  }
  forNodes(0, n_, [&](size_t i, size_t q) {
    for (int c = 0; c < 3; ++c) table[i * 3 + c] = static_cast<float>(x[q * 3 + c]);
  });
  return it;
}

}  // namespace filmrecover::grade
