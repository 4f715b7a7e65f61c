#pragma once
// The roles a sequence plays in a comparison; A and B of the viewer are chosen among them.
#include <QString>
#include <array>

namespace filmrecover::ui {

//! What a loaded sequence is in the restoration workflow.
enum class SourceRole { Source, Reference, AlignedReference, Restored, Baseline };

//! Every role, in the order menus list them.
constexpr std::array<SourceRole, 5> kAllSourceRoles = {SourceRole::Source, SourceRole::Reference,
                                                      SourceRole::AlignedReference,
                                                      SourceRole::Restored, SourceRole::Baseline};

//! Human label ("aligned reference").
QString sourceRoleLabel(SourceRole role);
//! Stable key for settings and session files ("aligned_reference").
QString sourceRoleKey(SourceRole role);
//! The role of a key; false when the key names none.
bool sourceRoleFromKey(const QString& key, SourceRole* role);

}  // namespace filmrecover::ui
