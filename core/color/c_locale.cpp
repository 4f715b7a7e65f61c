#include "core/color/c_locale.h"

#include <locale.h>

namespace filmrecover {

// uselocale() is per thread, so pinning the locale never disturbs other threads.
CLocaleScope::CLocaleScope()
    : cLocale_(newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(0))),
      previous_(uselocale(cLocale_)) {}

CLocaleScope::~CLocaleScope() {
  uselocale(previous_);
  freelocale(cLocale_);
}

}  // namespace filmrecover
