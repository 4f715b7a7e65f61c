# Every third-party library comes from Debian 12 packages (packaging/debian-packages.txt).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# OIIO's CMake config looks for OpenCV itself, so OpenCV is found first.
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs video features2d calib3d quality)
find_package(OpenImageIO CONFIG REQUIRED)

# Debian's OCIO 2.1 ships no CMake config: use pkg-config.
pkg_check_modules(OCIO REQUIRED IMPORTED_TARGET OpenColorIO)

# FFmpeg decodes movie sources (DVD program streams, MKV) frame-accurately.
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET libavformat libavcodec libavutil libswscale)

find_package(SQLite3 REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
# filmrecover uses no TBB (core/exec/parallel_for.h runs on std::thread); OpenImageIO's
# imported target names TBB::tbb among its link dependencies, so it is found for OIIO.
find_package(TBB CONFIG REQUIRED)

# LibTorch: CPU build from Debian, or a CUDA build pointed to with -DTorch_DIR=... (docs/building.md).
find_package(Torch CONFIG REQUIRED)

if(FILMRECOVER_BUILD_UI)
  # QCustomPlot's Qt 6 library needs PrintSupport resolved before it.
  find_package(Qt6 REQUIRED COMPONENTS Core Gui Widgets OpenGL OpenGLWidgets PrintSupport Test Concurrent)
  find_package(QCustomPlotQt6 CONFIG REQUIRED)
endif()

if(FILMRECOVER_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
