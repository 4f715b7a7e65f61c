# Dependencies of the engine-only build (FILMRECOVER_ENGINE_ONLY): LibTorch, nlohmann-json
# (header-only) and GoogleTest, nothing else, so the engine builds on a GPU machine that has
# none of the workstation's libraries. Where no package is installed, both come from folders:
#   FILMRECOVER_JSON_INCLUDE_DIR   a folder holding nlohmann/json.hpp
#   FILMRECOVER_GTEST_SOURCE_DIR   a GoogleTest source tree (Debian: /usr/src/googletest)
# tests/gpu/pack-deps.sh copies both from a Debian machine into .engine-deps/.
find_package(Threads REQUIRED)

# LibTorch first: its flags (the C++ ABI of the build, e.g. -D_GLIBCXX_USE_CXX11_ABI=0 in
# older wheels) must reach every target, GoogleTest included, or std::string symbols differ.
find_package(Torch CONFIG REQUIRED)
string(APPEND CMAKE_CXX_FLAGS " ${TORCH_CXX_FLAGS}")

find_package(nlohmann_json CONFIG QUIET)
if(NOT nlohmann_json_FOUND)
  set(FILMRECOVER_JSON_INCLUDE_DIR "${PROJECT_SOURCE_DIR}/.engine-deps/json/include"
      CACHE PATH "Folder holding nlohmann/json.hpp (engine-only build without the package)")
  if(NOT EXISTS "${FILMRECOVER_JSON_INCLUDE_DIR}/nlohmann/json.hpp")
    message(FATAL_ERROR "nlohmann/json.hpp not found: install nlohmann-json or set "
                        "FILMRECOVER_JSON_INCLUDE_DIR (tests/gpu/pack-deps.sh).")
  endif()
  add_library(nlohmann_json INTERFACE)
  target_include_directories(nlohmann_json SYSTEM INTERFACE "${FILMRECOVER_JSON_INCLUDE_DIR}")
  add_library(nlohmann_json::nlohmann_json ALIAS nlohmann_json)
endif()

if(FILMRECOVER_BUILD_TESTS)
  set(FILMRECOVER_GTEST_SOURCE_DIR "" CACHE PATH "GoogleTest sources (engine-only build)")
  if(NOT FILMRECOVER_GTEST_SOURCE_DIR)
    foreach(dir "${PROJECT_SOURCE_DIR}/.engine-deps/googletest" /usr/src/googletest)
      if(EXISTS "${dir}/CMakeLists.txt")
        set(FILMRECOVER_GTEST_SOURCE_DIR "${dir}")
        break()
      endif()
    endforeach()
  endif()
  if(NOT EXISTS "${FILMRECOVER_GTEST_SOURCE_DIR}/CMakeLists.txt")
    message(FATAL_ERROR "GoogleTest sources not found: set FILMRECOVER_GTEST_SOURCE_DIR "
                        "(tests/gpu/pack-deps.sh) or FILMRECOVER_BUILD_TESTS=OFF.")
  endif()
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  add_subdirectory("${FILMRECOVER_GTEST_SOURCE_DIR}" "${PROJECT_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL)
  if(NOT TARGET GTest::gtest)  # GoogleTest 1.11+ defines these aliases itself
    add_library(GTest::gtest ALIAS gtest)
    add_library(GTest::gtest_main ALIAS gtest_main)
  endif()
endif()
