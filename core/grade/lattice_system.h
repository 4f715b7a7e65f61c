#pragma once
#include <vector>

#include "core/exec/cancel_token.h"

namespace filmrecover::grade {

//! The sparse normal equations of a regularised 3D-lattice fit, solved matrix-free.
//!
//! Minimises  (1/S) sum_s |W_s v - y_s|^2 + mu * H(v) + eps * |v - anchor|^2  per channel,
//! where W_s are the trilinear weights of sample s on the 8 corners of its cell, H is the
//! discrete thin-plate energy (squared second differences along each axis plus twice the
//! squared mixed differences; zero for affine maps), mu = smoothness * (n - 1) so the
//! energy approximates the continuous integral whatever the lattice size, and eps a tiny
//! pull towards `anchor` that only decides directions the data leaves open.
//! The whole matrix is kept as a 33-point stencil per node (the 3x3x3 box of W^T W and the
//! mixed differences, plus +-2 along each axis from the second differences) and applied
//! branch-free on a lattice padded by two ghost layers, three channels at once.
class LatticeSystem {
 public:
  //! A lattice of n^3 nodes, red index fastest.
  explicit LatticeSystem(int n);

  //! Adds samples: `coords` in [0,1]^3 (lattice space), `targets` the RGB they map to.
  void addSamples(const std::vector<float>& coords, const std::vector<float>& targets);
  //! Sets the thin-plate weight (see class comment).
  void setSmoothness(double smoothness);
  //! Sets the weak pull towards `anchor` (n^3 * 3 values) with weight `eps`.
  void setAnchor(const std::vector<float>& anchor, double eps);

  //! Solves for the lattice starting from `table` (n^3 * 3, updated in place) with
  //! Jacobi-preconditioned CG (one per channel, run in lockstep) on `threads` threads.
  //! Returns the iterations done.
  int solve(std::vector<float>& table, int maxIterations, double tolerance,
            const CancelToken& cancel, int threads = 0) const;

 private:
  //! The full 33-point stencil of the system matrix per node.
  std::vector<double> assemble() const;
  size_t padded(int r, int g, int b) const;

  int n_;
  size_t nodes_;
  std::vector<double> normal_;  // nodes * 27: W^T W / S
  std::vector<double> rhs_;     // nodes * 3: W^T y / S
  double samples_ = 0.0;
  double mu_ = 0.0;
  double eps_ = 0.0;
  std::vector<float> anchor_;
};

}  // namespace filmrecover::grade
