// Linked into every executable of a FILMRECOVER_SANITIZE build (cmake/FilmrecoverWarnings.cmake):
// the sanitizers' options as the program's own defaults, so a test, and every
// filmrecover-cli a test starts, runs with them whatever its environment (CTest's
// per-test ENVIRONMENT reaches only the test process, and gtest_discover_tests passes one
// entry of it). An ASAN_OPTIONS / LSAN_OPTIONS / UBSAN_OPTIONS given still wins.
extern "C" {

// Every undefined-behaviour report fails the run, with where it happened.
const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }

// Known third-party leaks, suppressed by name (see the file).
const char* __lsan_default_options() { return "suppressions=" FILMRECOVER_LSAN_SUPPRESSIONS; }

#ifndef FILMRECOVER_ASAN_FAST_UNWIND
// OIIO's PNG reader leaks its error string (suppressed by name in lsan.supp); the stack that
// names it passes through libstdc++, which has no frame pointers: only the slow unwinder
// sees through it.
const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }
#endif

}  // extern "C"
