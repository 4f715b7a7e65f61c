#pragma once
// Sources and matching: register the elements of the film, see what they hold, find which
// reference frame shows which source frame (in the background), see the mapping as a plot
// and a table, jump the viewer to a pair, accept or reject pairs.
#include <QWidget>

#include "core/match/mapping.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;
class QTableWidget;
class QLabel;

namespace filmrecover::ui {

class JobBar;
class MappingPlot;
class MappingTableModel;
class ProjectContext;
class WorkerJob;

//! The sources and matching panel.
class SourcesMatchPanel : public QWidget {
  Q_OBJECT
 public:
  explicit SourcesMatchPanel(ProjectContext* project, QWidget* parent = nullptr);

  //! Registers `spec` as an element of `role` ("source" or "reference"), measured on a worker.
  void addElement(const QString& role, const QString& spec);
  //! Starts matching the source against the reference on a worker.
  void startMatch();
  //! Marks the selected pairs usable (accept) or flagged by the operator (reject).
  void setSelectedAccepted(bool accepted);
  //! Selects the pair of `sourceFrame` in the table and the plot.
  void selectPair(int sourceFrame);

  WorkerJob* addJob() const { return addJob_; }
  WorkerJob* matchJob() const { return matchJob_; }
  MappingPlot* plot() const { return plot_; }
  QTableView* pairTable() const { return pairs_; }
  MappingTableModel* pairModel() const { return model_; }
  QLineEdit* specEdit() const { return specEdit_; }
  QComboBox* roleBox() const { return roleBox_; }
  QPushButton* addButton() const { return addButton_; }
  QPushButton* matchButton() const { return matchButton_; }

 private:
  void refreshSources();
  void refreshMapping();
  void browse();
  void updateButtons();

  ProjectContext* project_;
  QLineEdit* specEdit_;
  QComboBox* roleBox_;
  QPushButton* addButton_;
  QPushButton* matchButton_;
  QPushButton* acceptButton_;
  QPushButton* rejectButton_;
  QPushButton* viewButton_;
  QTableWidget* sources_;
  QLabel* summary_;
  QLabel* projectLabel_;
  MappingPlot* plot_;
  QTableView* pairs_;
  MappingTableModel* model_;
  JobBar* jobBar_;
  WorkerJob* addJob_;
  WorkerJob* matchJob_;
  match::Mapping mapping_;
};


}  // namespace filmrecover::ui
