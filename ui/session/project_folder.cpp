#include "ui/session/project_folder.h"

#include "core/project/project_catalog.h"
#include "core/workflow/project_layout.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include "core/exec/errors.h"
#include "core/io/frame_source.h"

namespace filmrecover::ui {

bool roleFromFolderName(const QString& name, SourceRole* role) {
  const QString n = name.toLower();
  struct Rule {
    SourceRole role;
    QStringList prefixes;
  };
  // Order matters: "aligned_reference" is aligned, not reference.
  const Rule rules[] = {
      {SourceRole::AlignedReference, {QStringLiteral("aligned")}},
      {SourceRole::Baseline, {QStringLiteral("baseline"), QStringLiteral("grade")}},
      {SourceRole::Restored, {QStringLiteral("restored"), QStringLiteral("render"), QStringLiteral("output"),
                              QStringLiteral("recovered")}},
      {SourceRole::Reference, {QStringLiteral("reference"), QStringLiteral("ref")}},
      {SourceRole::Source, {QStringLiteral("source"), QStringLiteral("src"), QStringLiteral("plate"),
                            QStringLiteral("scan")}},
  };
  for (const Rule& r : rules)
    for (const QString& p : r.prefixes)
      if (n.startsWith(p)) {
        *role = r.role;
        return true;
      }
  return false;
}

namespace {

bool holdsImages(const QString& dir) {
  for (const QFileInfo& f : QDir(dir).entryInfoList(QDir::Files))
    if (isImageFile(f.fileName().toStdString()) || isMovieFile(f.fileName().toStdString())) return true;
  return false;
}

QJsonObject compareToJson(const CompareSettings& c) {
  return {{"mode", compareModeLabel(c.mode)}, {"wipe_x", c.wipeX}, {"wipe_y", c.wipeY},
          {"wipe_angle", c.wipeAngle}, {"difference_gain", c.differenceGain}, {"swapped", c.swapped}};
}

CompareSettings compareFromJson(const QJsonObject& o) {
  CompareSettings c;
  for (CompareMode m : {CompareMode::A, CompareMode::B, CompareMode::Wipe, CompareMode::SideBySide,
                        CompareMode::Difference})
    if (compareModeLabel(m) == o.value("mode").toString()) c.mode = m;
  c.wipeX = o.value("wipe_x").toDouble(0.5);
  c.wipeY = o.value("wipe_y").toDouble(0.5);
  c.wipeAngle = o.value("wipe_angle").toDouble(0.0);
  c.differenceGain = o.value("difference_gain").toDouble(1.0);
  c.swapped = o.value("swapped").toBool(false);
  return c;
}

//! A project folder (a recover work dir, a --project folder, the panels' project): its
//! catalog says where the elements are; the source is shown against the newest render of
//! a trained model, else the baseline grade, else the aligned reference.
ProjectContents elementsOfCatalog(const QString& dir) {
  ProjectContents contents;
  const project::ProjectCatalog catalog(dir.toStdString());
  const workflow::ProjectLayout layout = workflow::ProjectLayout::at(dir.toStdString());
  if (auto s = catalog.sourceByRole("source")) contents.sources[SourceRole::Source] = QString::fromStdString(s->spec);
  if (auto r = catalog.sourceByRole("reference")) contents.sources[SourceRole::Reference] = QString::fromStdString(r->spec);
  if (holdsImages(QString::fromStdString(layout.alignedDir())))
    contents.sources[SourceRole::AlignedReference] = QString::fromStdString(layout.alignedPattern());
  const auto renders = catalog.renders();
  for (auto it = renders.rbegin(); it != renders.rend(); ++it) {
    if (it->status != "done" || it->output.empty()) continue;
    const SourceRole role = it->runId > 0 ? SourceRole::Restored : SourceRole::Baseline;
    if (!contents.sources.count(role)) contents.sources[role] = QString::fromStdString(it->output);
  }
  contents.a = SourceRole::Source;
  for (SourceRole b : {SourceRole::Restored, SourceRole::Baseline, SourceRole::AlignedReference, SourceRole::Reference})
    if (contents.sources.count(b)) {
      contents.b = b;
      break;
    }
  contents.compare.mode = CompareMode::Wipe;
  return contents;
}

}  // namespace

std::map<int, int> referenceFrameMap(const QString& dir) {
  std::map<int, int> frames;
  if (!project::ProjectCatalog::isProject(dir.toStdString())) return frames;
  const project::ProjectCatalog catalog(dir.toStdString());
  for (const project::MappingRecord& m : catalog.mapping()) frames[m.sourceFrame] = m.referenceFrame;
  return frames;
}

ProjectContents readProjectFolder(const QString& dir) {
  const QFileInfo info(dir);
  if (!info.isDir())
    throw InputError("the project folder " + dir.toStdString() + " does not exist");
  ProjectContents contents;
  const QString sessionPath = QDir(dir).filePath(QString::fromLatin1(kSessionFileName));
  QFile file(sessionPath);
  if (file.open(QIODevice::ReadOnly)) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (doc.isNull())
      throw InputError("the session file " + sessionPath.toStdString() + " is not valid JSON: " +
                       error.errorString().toStdString());
    const QJsonObject root = doc.object();
    const QJsonObject sources = root.value("sources").toObject();
    for (auto it = sources.begin(); it != sources.end(); ++it) {
      SourceRole role;
      if (!sourceRoleFromKey(it.key(), &role)) continue;
      const QString spec = it.value().toString();
      // Relative specs are relative to the project folder, so the folder can move.
      contents.sources[role] = QFileInfo(spec).isRelative() ? QDir(dir).filePath(spec) : spec;
    }
    sourceRoleFromKey(root.value("a").toString(), &contents.a);
    sourceRoleFromKey(root.value("b").toString(), &contents.b);
    contents.compare = compareFromJson(root.value("compare").toObject());
    contents.fromSessionFile = true;
  } else if (project::ProjectCatalog::isProject(dir.toStdString())) {
    contents = elementsOfCatalog(dir);
  } else {
    for (const QFileInfo& sub : QDir(dir).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
      SourceRole role;
      if (roleFromFolderName(sub.fileName(), &role) && !contents.sources.count(role) &&
          holdsImages(sub.absoluteFilePath()))
        contents.sources[role] = sub.absoluteFilePath();
    }
    if (contents.sources.count(SourceRole::Restored)) {
      contents.b = SourceRole::Restored;
      contents.compare.mode = CompareMode::Wipe;
    } else if (contents.sources.count(SourceRole::AlignedReference)) {
      contents.b = SourceRole::AlignedReference;
      contents.compare.mode = CompareMode::Wipe;
    }
    if (!contents.sources.count(SourceRole::Source) && !contents.sources.empty())
      contents.a = contents.sources.begin()->first;
  }
  if (contents.sources.empty())
    throw InputError("the project folder " + dir.toStdString() +
                     " holds no session file and no source, reference, aligned, restored or baseline folder with images");
  // The mapping is the catalog's reference's: a session showing another reference gets none.
  const auto reference = contents.sources.find(SourceRole::Reference);
  if (reference != contents.sources.end() && project::ProjectCatalog::isProject(dir.toStdString())) {
    const auto element = project::ProjectCatalog(dir.toStdString()).sourceByRole("reference");
    if (element && QFileInfo(QString::fromStdString(element->spec)).absoluteFilePath() ==
                       QFileInfo(reference->second).absoluteFilePath())
      contents.referenceFrames = referenceFrameMap(dir);
  }
  return contents;
}

void writeSessionFile(const QString& path, const ProjectContents& contents) {
  QJsonObject sources;
  const QDir base = QFileInfo(path).absoluteDir();
  for (const auto& [role, spec] : contents.sources) {
    const QString rel = base.relativeFilePath(spec);
    sources.insert(sourceRoleKey(role), rel.startsWith(QLatin1String("..")) ? spec : rel);
  }
  const QJsonObject root{{"format", "filmrecover-session"}, {"version", 1}, {"sources", sources},
                         {"a", sourceRoleKey(contents.a)}, {"b", sourceRoleKey(contents.b)},
                         {"compare", compareToJson(contents.compare)}};
  QSaveFile file(path);  // temp file + rename: never a half-written session
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(QJsonDocument(root).toJson()) < 0 || !file.commit())
    throw RunError("the session file " + path.toStdString() + " could not be written: " +
                   file.errorString().toStdString());
}

}  // namespace filmrecover::ui
