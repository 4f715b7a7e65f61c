#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "core/curate/pair_selection.h"
#include "core/image/image.h"

namespace filmrecover::curate {

//! dataset.json: the curated pairs the train command reads.
//! {"train":[...], "holdout":[...], "rejected":[{"frame":..,"reason":..}],
//!  "crop":{"x0":..,"y0":..,"x1":..,"y1":..}} plus optional "source", "aligned", "mapping".
struct DatasetFile {
  Selection selection;
  Rect crop;                   //!< shared crop in source pixels; empty = whole frame
  std::string source, aligned, mapping;  //!< where the pairs come from (informational)
};

nlohmann::json datasetToJson(const DatasetFile& dataset);
//! Throws InputError naming `what` when a field is missing or of the wrong type.
DatasetFile datasetFromJson(const nlohmann::json& doc, const std::string& what = "dataset");
//! Atomic write (temporary file + rename).
void writeDatasetFile(const DatasetFile& dataset, const std::string& path);
//! InputError naming the file when missing or malformed.
DatasetFile readDatasetFile(const std::string& path);

}  // namespace filmrecover::curate
