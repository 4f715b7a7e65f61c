#pragma once
#include <string>
#include <vector>

#include "core/grade/lut3d.h"

namespace filmrecover::grade {

//! Writes `lut` as a .cube file (the Resolve / Adobe "Cube LUT Specification 1.0" format:
//! TITLE, LUT_3D_SIZE, DOMAIN_MIN/MAX 0..1, one "R G B" line per node, red fastest) that
//! grading systems load directly. A LUT with a log pre-space is resampled onto a uniform
//! lattice of the same size first (plain .cube readers know no shaper). `comments` become
//! "#" lines at the top (provenance). Written atomically (temp file + rename).
//! Throws RunError when the file cannot be written.
void writeCube(const Lut3D& lut, const std::string& path, const std::vector<std::string>& comments = {});

//! Reads a 3D .cube file (TITLE, LUT_3D_SIZE, DOMAIN_MIN/MAX of 0 0 0 / 1 1 1, comments).
//! Throws InputError naming the file and line for anything else (1D-only files, other
//! domains, wrong node count, unparsable numbers).
Lut3D readCube(const std::string& path);

}  // namespace filmrecover::grade
