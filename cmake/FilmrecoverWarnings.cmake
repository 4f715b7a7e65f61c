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
    endif()
  endif()
endfunction()
