#pragma once
#include <string>
#include <vector>

#include "core/image/image.h"

namespace filmrecover::curate {

//! One tile of a contact sheet: a pair (source above, aligned reference below) and its role.
struct ContactTile {
  int frame = 0;
  std::string role;     //!< "train", "holdout" or "rejected" (colours the border and label)
  Image source, aligned;
};

//! A contact sheet of the tiles in rows of `columns`, each tile `tileWidth` wide, with a
//! coloured border (green train, orange hold-out, red rejected) and "frame role" labels,
//! so an operator can check the choice at a glance.
Image makeContactSheet(const std::vector<ContactTile>& tiles, int columns = 6, int tileWidth = 200);

}  // namespace filmrecover::curate
