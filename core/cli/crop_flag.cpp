#include "core/cli/crop_flag.h"

#include <sstream>

#include "core/exec/errors.h"

namespace filmrecover::cli {

Rect parseCropFlag(const std::string& flag, const std::string& text) {
  Rect r;
  char c1 = 0, c2 = 0, c3 = 0;
  std::istringstream in(text);
  const bool parsed = bool(in >> r.x0 >> c1 >> r.y0 >> c2 >> r.x1 >> c3 >> r.y1) && (in >> std::ws).eof();
  if (!parsed || c1 != ',' || c2 != ',' || c3 != ',' || r.empty())
    throw InputError(flag + " takes x0,y0,x1,y1 with x1 > x0 and y1 > y0, not '" + text + "'.");
  return r;
}

}  // namespace filmrecover::cli
