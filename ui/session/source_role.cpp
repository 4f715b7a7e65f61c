#include "ui/session/source_role.h"

namespace filmrecover::ui {

QString sourceRoleLabel(SourceRole role) {
  switch (role) {
    case SourceRole::Source: return QStringLiteral("source");
    case SourceRole::Reference: return QStringLiteral("reference");
    case SourceRole::AlignedReference: return QStringLiteral("aligned reference");
    case SourceRole::Restored: return QStringLiteral("restored");
    case SourceRole::Baseline: return QStringLiteral("baseline");
  }
  return {};
}

QString sourceRoleKey(SourceRole role) {
  return sourceRoleLabel(role).replace(QLatin1Char(' '), QLatin1Char('_'));
}

bool sourceRoleFromKey(const QString& key, SourceRole* role) {
  for (SourceRole r : kAllSourceRoles) {
    if (sourceRoleKey(r) == key) {
      *role = r;
      return true;
    }
  }
  return false;
}

}  // namespace filmrecover::ui
