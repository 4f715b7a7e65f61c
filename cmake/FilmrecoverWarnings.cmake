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
  endif()
endfunction()
