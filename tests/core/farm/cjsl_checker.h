#pragma once
// An OpenCue job spec read the way Cuebot reads it, for the farm tests: expat for
// well-formedness, then the content models and attribute lists of OpenCue's cjsl-1.12 DTD
// (cuebot/src/main/resources/public/dtd/cjsl-1.12.dtd, transcribed below as rules, not
// copied), then the rules Cuebot's JobSpec.java applies on top (names, root, ranges,
// cores, memory). Each violation is one sentence; a valid spec gives none.
#include <expat.h>

#include <cmath>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace filmrecover::test {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::vector<std::unique_ptr<XmlElement>> children;
  std::string text;  //!< character data directly inside, concatenated
  long line = 0;

  const XmlElement* child(const std::string& n) const {
    for (const auto& c : children)
      if (c->name == n) return c.get();
    return nullptr;
  }
  std::vector<const XmlElement*> all(const std::string& n) const {
    std::vector<const XmlElement*> out;
    for (const auto& c : children)
      if (c->name == n) out.push_back(c.get());
    return out;
  }
  //! Text with surrounding white space removed, like JDOM's getTextTrim().
  std::string trimmed() const {
    const auto b = text.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return text.substr(b, text.find_last_not_of(" \t\r\n") - b + 1);
  }
};

struct XmlDocument {
  std::unique_ptr<XmlElement> root;
  std::string doctypeName, systemId, publicId;
  std::string error;  //!< expat's message with its line, "" when well-formed
};

inline XmlDocument parseXml(const std::string& text) {
  struct State {
    XmlDocument doc;
    std::vector<XmlElement*> open;
    XML_Parser parser;
  } state;
  XML_Parser parser = XML_ParserCreate("UTF-8");
  state.parser = parser;
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(
      parser,
      [](void* data, const XML_Char* name, const XML_Char** atts) {
        auto* s = static_cast<State*>(data);
        auto e = std::make_unique<XmlElement>();
        e->name = name;
        e->line = XML_GetCurrentLineNumber(s->parser);
        for (int i = 0; atts[i]; i += 2) e->attributes[atts[i]] = atts[i + 1];
        XmlElement* raw = e.get();
        if (s->open.empty()) s->doc.root = std::move(e);
        else s->open.back()->children.push_back(std::move(e));
        s->open.push_back(raw);
      },
      [](void* data, const XML_Char*) { static_cast<State*>(data)->open.pop_back(); });
  XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* s, int len) {
    auto* st = static_cast<State*>(data);
    if (!st->open.empty()) st->open.back()->text.append(s, static_cast<size_t>(len));
  });
  XML_SetStartDoctypeDeclHandler(
      parser, [](void* data, const XML_Char* name, const XML_Char* sysid, const XML_Char* pubid, int) {
        auto* s = static_cast<State*>(data);
        s->doc.doctypeName = name ? name : "";
        s->doc.systemId = sysid ? sysid : "";
        s->doc.publicId = pubid ? pubid : "";
      });
  if (XML_Parse(parser, text.data(), static_cast<int>(text.size()), 1) == XML_STATUS_ERROR) {
    state.doc.error = std::string("not well-formed XML at line ") +
                      std::to_string(XML_GetCurrentLineNumber(parser)) + ": " +
                      XML_ErrorString(XML_GetErrorCode(parser));
    state.doc.root.reset();
  }
  XML_ParserFree(parser);
  return std::move(state.doc);
}

// ------------------------------------------------------------- the cjsl-1.12 DTD as rules

struct Particle {
  std::string name;
  int min;  //!< 0 for '?' and '*'
  int max;  //!< 1 for '?' and plain, -1 for '*' and '+'
};
struct AttributeRule {
  bool required;
  std::vector<std::string> choices;  //!< an enumerated type; empty: NMTOKEN
};
struct ElementRule {
  bool text = false;                 //!< (#PCDATA)*: character data, no child elements
  std::vector<Particle> sequence;    //!< element content: children in this order
  std::map<std::string, AttributeRule> attributes;
};

inline const std::map<std::string, ElementRule>& cjslRules() {
  static const std::map<std::string, ElementRule> rules = [] {
    std::map<std::string, ElementRule> r;
    auto seq = [](std::initializer_list<std::pair<const char*, char>> items) {
      std::vector<Particle> out;
      for (const auto& [name, q] : items) {
        Particle p{name, 1, 1};
        if (q == '?') p = {name, 0, 1};
        if (q == '*') p = {name, 0, -1};
        if (q == '+') p = {name, 1, -1};
        out.push_back(p);
      }
      return out;
    };
    r["spec"].sequence = seq({{"facility", '?'}, {"dept", '?'}, {"show", ' '}, {"shot", ' '}, {"user", ' '},
                              {"email", '?'}, {"uid", '?'}, {"job", '*'}, {"depends", '*'}});
    r["job"].sequence = seq({{"paused", '?'}, {"priority", '?'}, {"maxretries", '?'}, {"autoeat", '?'},
                             {"localbook", '?'}, {"os", '?'}, {"env", '*'}, {"layers", '?'}});
    r["job"].attributes["name"] = {true, {}};
    r["layers"].sequence = seq({{"layer", '+'}});
    r["layer"].sequence =
        seq({{"cmd", ' '}, {"range", ' '}, {"chunk", ' '}, {"cores", '?'}, {"threadable", '?'},
             {"memory", '?'}, {"gpus", '?'}, {"gpu", '?'}, {"gpu_memory", '?'}, {"timeout", '?'},
             {"timeout_llu", '?'}, {"tags", '?'}, {"limits", '?'}, {"env", '*'}, {"services", '?'}});
    r["layer"].attributes["name"] = {true, {}};
    r["layer"].attributes["type"] = {true, {"Render", "Util", "Post"}};
    r["limits"].sequence = seq({{"limit", '+'}});
    r["services"].sequence = seq({{"service", '+'}});
    r["env"].sequence = seq({{"key", '*'}});
    r["depends"].sequence = seq({{"depend", '*'}});
    r["depend"].sequence = seq({{"depjob", ' '}, {"deplayer", '?'}, {"depframe", '?'}, {"onjob", ' '},
                                {"onlayer", '?'}, {"onframe", '?'}});
    r["depend"].attributes["anyframe"] = {false, {}};
    r["depend"].attributes["type"] = {
        true, {"LAYER_ON_SIM_FRAME", "PREVIOUS_FRAME", "JOB_ON_JOB", "JOB_ON_LAYER", "JOB_ON_FRAME",
               "LAYER_ON_JOB", "LAYER_ON_FRAME", "LAYER_ON_LAYER", "FRAME_ON_JOB", "FRAME_ON_LAYER",
               "FRAME_ON_FRAME", "FRAME_BY_FRAME"}};
    for (const char* t : {"facility", "dept", "show", "shot", "user", "email", "uid", "paused", "priority",
                          "maxretries", "autoeat", "os", "localbook", "cmd", "range", "chunk", "cores",
                          "threadable", "memory", "gpus", "gpu", "gpu_memory", "timeout", "timeout_llu",
                          "tags", "service", "limit", "key", "depjob", "onjob", "deplayer", "onlayer",
                          "depframe", "onframe"})
      r[t].text = true;
    for (const char* a : {"host", "cores", "memory", "threads", "gpu"}) r["localbook"].attributes[a] = {true, {}};
    r["key"].attributes["name"] = {true, {}};
    return r;
  }();
  return rules;
}

//! XML NMTOKEN (ASCII subset: what a job or layer name can hold).
inline bool isNmtoken(const std::string& s) {
  static const std::regex pattern("^[A-Za-z0-9._:-]+$");
  return std::regex_match(s, pattern);
}

inline void checkAgainstDtd(const XmlElement& e, std::vector<std::string>& out) {
  const auto& rules = cjslRules();
  const auto at = "<" + e.name + "> (line " + std::to_string(e.line) + ")";
  const auto it = rules.find(e.name);
  if (it == rules.end()) {
    out.push_back(at + " is not an element of cjsl-1.12");
    return;
  }
  const ElementRule& rule = it->second;
  for (const auto& [name, value] : e.attributes) {
    const auto a = rule.attributes.find(name);
    if (a == rule.attributes.end()) out.push_back(at + " has attribute '" + name + "', which cjsl-1.12 does not declare");
    else if (!a->second.choices.empty()) {
      bool known = false;
      for (const auto& c : a->second.choices) known = known || c == value;
      if (!known) out.push_back(at + " " + name + "='" + value + "' is not one of the DTD's values");
    } else if (!isNmtoken(value)) {
      out.push_back(at + " " + name + "='" + value + "' is not an NMTOKEN");
    }
  }
  for (const auto& [name, a] : rule.attributes)
    if (a.required && !e.attributes.count(name)) out.push_back(at + " lacks the required attribute '" + name + "'");
  if (rule.text) {
    if (!e.children.empty()) out.push_back(at + " holds <" + e.children.front()->name + ">, but only text is allowed");
    return;
  }
  if (!e.trimmed().empty()) out.push_back(at + " holds text, but only elements are allowed");
  // The DTD's content models are deterministic sequences of distinct names, so matching
  // each particle greedily in order is exact.
  size_t i = 0;
  for (const Particle& p : rule.sequence) {
    int n = 0;
    while (i < e.children.size() && e.children[i]->name == p.name && (p.max < 0 || n < p.max)) ++i, ++n;
    if (n < p.min) {
      out.push_back(at + " needs <" + p.name + "> " +
                    (i < e.children.size() ? "before <" + e.children[i]->name + ">" : "at its end"));
    }
  }
  if (i < e.children.size())
    out.push_back(at + ": <" + e.children[i]->name + "> (line " + std::to_string(e.children[i]->line) +
                  ") is not allowed there by the DTD's element order");
  for (const auto& c : e.children) checkAgainstDtd(*c, out);
}

// --------------------------------------------------------- what Cuebot's JobSpec adds

//! JobSpec.NAME_REGEX after its '-' to '_' and lower-casing.
inline bool isCueName(std::string s) {
  for (char& c : s) c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::regex pattern("^[\\w.]{3,}$");
  return std::regex_match(s, pattern);
}

//! Core points the way JobSpec.determineMinimumCores computes them: a decimal is cores
//! (x100), a whole number is points; under CORE_POINTS_RESERVED_MIN (10) falls back to
//! the default of 100. -1 when Java's parse would throw.
inline int cuebotCorePoints(const std::string& cores) {
  try {
    size_t used = 0;
    int points = 0;
    if (cores.find('.') != std::string::npos) {
      const double v = std::stod(cores, &used);
      points = static_cast<int>(v * 100 + .5);
    } else {
      points = std::stoi(cores, &used);
    }
    if (used != cores.size()) return -1;
    return points < 10 ? 100 : points;
  } catch (const std::exception&) {
    return -1;
  }
}

//! Memory in KB the way JobSpec.convertMemoryInput reads "8g", "512m" or "8" (GB); -1 when
//! Java's parse would throw (Cuebot then silently uses its default).
inline long long cuebotMemoryKb(std::string memory) {
  for (char& c : memory) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const long long gb = 1024LL * 1024LL;
  try {
    size_t used = 0;
    if (memory.find('m') != std::string::npos) {
      const std::string n = memory.substr(0, memory.rfind('m'));
      const double v = std::stod(n, &used);
      return used == n.size() ? static_cast<long long>(v * 1024) : -1;
    }
    const std::string n = memory.find('g') != std::string::npos ? memory.substr(0, memory.rfind('g')) : memory;
    const long long v = std::stoll(n, &used);
    return used == n.size() ? v * gb : -1;
  } catch (const std::exception&) {
    return -1;
  }
}

//! Frames of a layer range "A" or "A-B" (the forms the spec writer uses), 0 when invalid.
inline long long rangeLength(const std::string& range) {
  static const std::regex single("^(-?\\d+)$"), span("^(-?\\d+)-(-?\\d+)$");
  std::smatch m;
  if (std::regex_match(range, m, single)) return 1;
  if (std::regex_match(range, m, span)) {
    const long long a = std::stoll(m[1]), b = std::stoll(m[2]);
    return b >= a ? b - a + 1 : 0;
  }
  return 0;
}

inline void checkCuebotRules(const XmlElement& spec, std::vector<std::string>& out) {
  const XmlElement* shot = spec.child("shot");
  if (shot && !isCueName(shot->trimmed())) out.push_back("shot '" + shot->trimmed() + "' fails Cuebot's name rule");
  const XmlElement* user = spec.child("user");
  if (user && user->trimmed() == "root") out.push_back("Cuebot refuses jobs launched as root");
  long long frames = 0;
  for (const XmlElement* job : spec.all("job")) {
    const auto name = job->attributes.count("name") ? job->attributes.at("name") : "";
    if (!isCueName(name)) out.push_back("job name '" + name + "' fails Cuebot's name rule");
    const XmlElement* layers = job->child("layers");
    if (!layers || layers->children.empty()) out.push_back("job '" + name + "' has no layers");
    if (!layers) continue;
    if (layers->children.size() > 1000) out.push_back("job '" + name + "' has over Cuebot's 1000 layers");
    std::set<std::string> layerNames;
    for (const XmlElement* layer : layers->all("layer")) {
      const auto lname = layer->attributes.count("name") ? layer->attributes.at("name") : "";
      if (!isCueName(lname)) out.push_back("layer name '" + lname + "' fails Cuebot's name rule");
      if (!layerNames.insert(lname).second) out.push_back("layer '" + lname + "' is defined twice");
      const XmlElement* chunk = layer->child("chunk");
      const XmlElement* range = layer->child("range");
      int chunkSize = 0;
      try {
        size_t used = 0;
        chunkSize = chunk ? std::stoi(chunk->trimmed(), &used) : 0;
        if (used != chunk->trimmed().size()) chunkSize = 0;
      } catch (const std::exception&) {
      }
      if (chunkSize < 1) out.push_back("layer '" + lname + "' chunk is not a positive whole number");
      const long long length = range ? rangeLength(range->trimmed()) : 0;
      if (length == 0) out.push_back("layer '" + lname + "' range '" + (range ? range->trimmed() : "") + "' is invalid");
      if (chunkSize > 0) frames += (length + chunkSize - 1) / chunkSize;
      if (const XmlElement* cores = layer->child("cores"); cores && cuebotCorePoints(cores->trimmed()) < 0)
        out.push_back("layer '" + lname + "' cores '" + cores->trimmed() + "' does not parse");
      if (const XmlElement* mem = layer->child("memory"); mem && cuebotMemoryKb(mem->trimmed()) < 0)
        out.push_back("layer '" + lname + "' memory '" + mem->trimmed() + "' does not parse (Cuebot ignores it)");
    }
  }
  if (frames > 100000) out.push_back("the job has over Cuebot's 100000 frames");
}

//! Every reason Cuebot would refuse `xml`; empty when it would accept it.
inline std::vector<std::string> cjslViolations(const std::string& xml) {
  std::vector<std::string> out;
  const XmlDocument doc = parseXml(xml);
  if (!doc.error.empty()) return {doc.error};
  // Cuebot's DTDRedirector serves its own DTD files for this URL prefix only.
  if (doc.doctypeName != "spec") out.push_back("the DOCTYPE does not name <spec>");
  if (doc.systemId != "http://localhost:8080/spcue/dtd/cjsl-1.12.dtd")
    out.push_back("the DOCTYPE system id '" + doc.systemId + "' is not Cuebot's cjsl-1.12 DTD, the rules checked here");
  if (doc.root->name != "spec") out.push_back("the root element is <" + doc.root->name + ">, not <spec>");
  checkAgainstDtd(*doc.root, out);
  checkCuebotRules(*doc.root, out);
  return out;
}

}  // namespace filmrecover::test
