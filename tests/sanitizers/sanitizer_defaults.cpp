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

// ASan keeps its own default, the fast (frame-pointer) unwinder, in every executable. The slow
// one (fast_unwind_on_malloc=0) was needed only to name an OIIO PNG-reader leak on cut PNGs,
// which no longer reach OIIO (core/io/png_completeness.cpp); it cost ~3 s of CPU per process
// start and deadlocked the GUI beside Mesa's JIT (docs/reliability.md, Sanitizers).

}  // extern "C"
