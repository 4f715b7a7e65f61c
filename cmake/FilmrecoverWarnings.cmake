# filmrecover_target_defaults(target): warnings (and sanitizers) for our own code only,
# never for third-party headers, which are included as SYSTEM.
function(filmrecover_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
  if(FILMRECOVER_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(FILMRECOVER_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    # Executables carry the sanitizers' default options (tests/sanitizers/sanitizer_defaults.cpp).
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "EXECUTABLE")
      target_sources(${target} PRIVATE "${PROJECT_SOURCE_DIR}/tests/sanitizers/sanitizer_defaults.cpp")
      target_compile_definitions(${target} PRIVATE
        FILMRECOVER_LSAN_SUPPRESSIONS="${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp")
      # The LibTorch suites keep the fast unwinder (the slow one on every allocation is too
      # slow there); they read no PNG, whose OIIO leak needs the slow one to be recognised.
      # So do the GUI programs and suites: the slow unwinder deadlocks there. Mesa's llvmpipe
      # registers the frames of the shaders it compiles (__register_frame); libgcc then
      # allocates while it holds its frame-table lock, and ASan's malloc, unwinding that
      # allocation through libgcc, waits on the same lock for ever (WorkstationTest hung).
      if(target MATCHES "^(test_(model|dataset|train|infer|bench|ui_.*)|filmrecover)$")
        target_compile_definitions(${target} PRIVATE FILMRECOVER_ASAN_FAST_UNWIND)
      endif()
    endif()
  endif()
endfunction()
