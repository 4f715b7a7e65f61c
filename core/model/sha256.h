#pragma once
// SHA-256 (FIPS 180-4), small and dependency-free: the digest that seals a model file.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace filmrecover {

//! Streaming SHA-256: update() any number of times, then hex() once.
class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t bytes);
  //! The digest as 64 lower-case hex digits; the object is spent afterwards.
  std::string hex();

 private:
  void block(const uint8_t* p);
  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t length_ = 0;  //!< bytes hashed so far
};

//! SHA-256 of `bytes` as hex.
std::string sha256Hex(const std::string& bytes);

}  // namespace filmrecover
