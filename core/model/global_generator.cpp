#include "core/model/global_generator.h"

namespace filmrecover {

std::mutex& globalGeneratorMutex() {
  static std::mutex lock;
  return lock;
}

}  // namespace filmrecover
