#include "core/curate/dataset_file.h"

#include "core/exec/errors.h"
#include "core/match/json_file.h"

namespace filmrecover::curate {
using nlohmann::json;

json datasetToJson(const DatasetFile& d) {
  json doc;
  doc["train"] = d.selection.train;
  doc["holdout"] = d.selection.holdout;
  json rejected = json::array();
  for (const auto& r : d.selection.rejected) rejected.push_back({{"frame", r.frame}, {"reason", r.reason}});
  doc["rejected"] = rejected;
  if (!d.crop.empty()) doc["crop"] = {{"x0", d.crop.x0}, {"y0", d.crop.y0}, {"x1", d.crop.x1}, {"y1", d.crop.y1}};
  if (!d.source.empty()) doc["source"] = d.source;
  if (!d.aligned.empty()) doc["aligned"] = d.aligned;
  if (!d.mapping.empty()) doc["mapping"] = d.mapping;
  return doc;
}

DatasetFile datasetFromJson(const json& doc, const std::string& what) {
  DatasetFile d;
  try {
    d.selection.train = doc.at("train").get<std::vector<int>>();
    d.selection.holdout = doc.value("holdout", std::vector<int>{});
    if (doc.contains("rejected"))
      for (const auto& r : doc["rejected"]) d.selection.rejected.push_back({r.at("frame"), r.value("reason", "")});
    if (doc.contains("crop")) {
      const auto& c = doc["crop"];
      d.crop = {c.at("x0"), c.at("y0"), c.at("x1"), c.at("y1")};
    }
    d.source = doc.value("source", "");
    d.aligned = doc.value("aligned", "");
    d.mapping = doc.value("mapping", "");
  } catch (const json::exception& e) {
    throw InputError(what + " is not a dataset file (" + e.what() + ").");
  }
  return d;
}

void writeDatasetFile(const DatasetFile& d, const std::string& path) {
  match::writeJsonAtomic(datasetToJson(d), path);
}

DatasetFile readDatasetFile(const std::string& path) {
  return datasetFromJson(match::readJsonFile(path, "dataset file"), path);
}

}  // namespace filmrecover::curate
