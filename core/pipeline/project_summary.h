#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace filmrecover::pipeline {

//! What `info` shows for a project folder (a recover work dir): its elements, the stage
//! states, the curation counts, the training runs, and the source inventory / quality map
//! (which element holds the better colour and the better detail, per shot). Returns the
//! JSON document and fills `human` with a few lines for people. Throws InputError when
//! `dir` holds no project catalog. For the info command: call it when SOURCE is a folder
//! for which project::ProjectCatalog::isProject() is true.
nlohmann::json projectSummary(const std::string& dir, std::string& human);

}  // namespace filmrecover::pipeline
