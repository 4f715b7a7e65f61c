#pragma once
// The experiment log of the project: every trial (frames, crop, alignment, colour chain,
// settings, outputs) with the operator's observations, which are added here.
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTextBrowser;

namespace filmrecover::ui {

class ProjectContext;

//! The experiment log panel.
class ExperimentLogPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ExperimentLogPanel(ProjectContext* project, QWidget* parent = nullptr);

  //! Appends `text` as an observation to the selected entry; false when none is selected.
  bool addObservation(const QString& text);
  //! Adds a new entry (a manual trial note) and selects it.
  void addEntry(const QString& title, const QString& observations);
  //! Writes the log as Markdown to `path` (atomic); false and an error report on failure.
  bool exportMarkdown(const QString& path);
  //! Selects the entry with `id`.
  void selectEntry(qint64 id);

  QTableWidget* entries() const { return entries_; }
  QTextBrowser* details() const { return details_; }
  QPlainTextEdit* observationEdit() const { return observation_; }
  QPushButton* addObservationButton() const { return addObservation_; }

 private:
  void reload();
  void showSelected();

  ProjectContext* project_;
  QTableWidget* entries_;
  QTextBrowser* details_;
  QPlainTextEdit* observation_;
  QPushButton* addObservation_;
  QLineEdit* newTitle_;
  QPushButton* newEntry_;
  QPushButton* export_;
};

}  // namespace filmrecover::ui
