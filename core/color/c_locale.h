#pragma once
// OCIO parses and prints numbers with the process locale; a GUI may have set a locale
// with ',' as decimal separator. Every call into OCIO runs inside a CLocaleScope.
#include <clocale>

namespace filmrecover {

//! Switches the calling thread to the "C" numeric locale for its lifetime.
class CLocaleScope {
 public:
  CLocaleScope();
  ~CLocaleScope();
  CLocaleScope(const CLocaleScope&) = delete;
  CLocaleScope& operator=(const CLocaleScope&) = delete;

 private:
  locale_t cLocale_;
  locale_t previous_;
};

}  // namespace filmrecover
