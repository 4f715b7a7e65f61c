#include "ui/panels/log/experiment_log_panel.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "ui/panels/project_context.h"

namespace filmrecover::ui {

namespace {

QString row(const QString& name, const std::string& value) {
  if (value.empty()) return {};
  return QStringLiteral("<tr><td style='color:#8a8a92;padding-right:12px;vertical-align:top'>%1</td><td>%2</td></tr>")
      .arg(name, QString::fromStdString(value).toHtmlEscaped());
}

}  // namespace

ExperimentLogPanel::ExperimentLogPanel(ProjectContext* project, QWidget* parent) : QWidget(parent), project_(project) {
  setObjectName(QStringLiteral("ExperimentLogPanel"));
  entries_ = new QTableWidget(0, 3, this);
  entries_->setHorizontalHeaderLabels({QStringLiteral("#"), QStringLiteral("When"), QStringLiteral("Trial")});
  entries_->horizontalHeader()->setStretchLastSection(true);
  entries_->verticalHeader()->hide();
  entries_->verticalHeader()->setDefaultSectionSize(20);
  entries_->setSelectionBehavior(QAbstractItemView::SelectRows);
  entries_->setSelectionMode(QAbstractItemView::SingleSelection);
  entries_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  details_ = new QTextBrowser(this);
  details_->setOpenLinks(false);
  observation_ = new QPlainTextEdit(this);
  observation_->setPlaceholderText(QStringLiteral("What did you see? (hue drift on skin in shot 3, edge bleed on titles, …)"));
  observation_->setMaximumHeight(80);
  addObservation_ = new QPushButton(QStringLiteral("Add observation"), this);
  addObservation_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
  addObservation_->setToolTip(QStringLiteral("Append to the selected trial (Ctrl+Enter)"));
  newTitle_ = new QLineEdit(this);
  newTitle_->setPlaceholderText(QStringLiteral("new trial note…"));
  newEntry_ = new QPushButton(QStringLiteral("New entry"), this);
  export_ = new QPushButton(QStringLiteral("Export Markdown…"), this);

  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(entries_, 1);
  auto* newRow = new QHBoxLayout;
  newRow->addWidget(newTitle_, 1);
  newRow->addWidget(newEntry_);
  leftLayout->addLayout(newRow);
  leftLayout->addWidget(export_);
  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addWidget(details_, 1);
  rightLayout->addWidget(observation_);
  auto* obsRow = new QHBoxLayout;
  obsRow->addStretch(1);
  obsRow->addWidget(addObservation_);
  rightLayout->addLayout(obsRow);
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(split);

  connect(entries_, &QTableWidget::itemSelectionChanged, this, &ExperimentLogPanel::showSelected);
  connect(addObservation_, &QPushButton::clicked, this, [this]() {
    if (addObservation(observation_->toPlainText().trimmed())) observation_->clear();
  });
  connect(newEntry_, &QPushButton::clicked, this, [this]() {
    const QString title = newTitle_->text().trimmed();
    if (title.isEmpty()) return;
    addEntry(title, observation_->toPlainText().trimmed());
    newTitle_->clear();
    observation_->clear();
  });
  connect(newTitle_, &QLineEdit::returnPressed, newEntry_, &QPushButton::click);
  connect(export_, &QPushButton::clicked, this, [this]() {
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export experiment log"),
                                                      project_->dir() + QStringLiteral("/experiment-log.md"),
                                                      QStringLiteral("Markdown (*.md)"));
    if (!path.isEmpty()) exportMarkdown(path);
  });
  connect(project_, &ProjectContext::projectOpened, this, &ExperimentLogPanel::reload);
  connect(project_, &ProjectContext::experimentsChanged, this, &ExperimentLogPanel::reload);
  if (project_->isOpen()) reload();
}

void ExperimentLogPanel::reload() {
  if (!project_->isOpen()) return;
  qint64 selected = -1;
  if (entries_->currentRow() >= 0) selected = entries_->item(entries_->currentRow(), 0)->data(Qt::UserRole).toLongLong();
  const auto list = project_->catalog().experiments();
  entries_->blockSignals(true);
  entries_->setRowCount(0);
  for (const auto& e : list) {
    const int r = entries_->rowCount();
    entries_->insertRow(r);
    auto* id = new QTableWidgetItem(QString::number(e.id));
    id->setData(Qt::UserRole, qint64(e.id));
    entries_->setItem(r, 0, id);
    entries_->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(e.at).replace(QLatin1Char('T'), QLatin1Char(' '))));
    entries_->setItem(r, 2, new QTableWidgetItem(QString::fromStdString(e.title)));
  }
  entries_->resizeColumnToContents(0);
  entries_->resizeColumnToContents(1);
  entries_->blockSignals(false);
  if (selected >= 0) selectEntry(selected);
  else if (entries_->rowCount() > 0) entries_->setCurrentCell(entries_->rowCount() - 1, 0);
  showSelected();
}

void ExperimentLogPanel::selectEntry(qint64 id) {
  for (int r = 0; r < entries_->rowCount(); ++r)
    if (entries_->item(r, 0)->data(Qt::UserRole).toLongLong() == id) {
      entries_->setCurrentCell(r, 0);  // current and selected: observations go to this row
      return;
    }
}

void ExperimentLogPanel::showSelected() {
  const int r = entries_->currentRow();
  addObservation_->setEnabled(r >= 0);
  if (r < 0 || !project_->isOpen()) {
    details_->setHtml(QStringLiteral("<p style='color:#8a8a92'>No trial yet. Each training run and render adds one; you can add notes too.</p>"));
    return;
  }
  const qint64 id = entries_->item(r, 0)->data(Qt::UserRole).toLongLong();
  for (const auto& e : project_->catalog().experiments()) {
    if (e.id != id) continue;
    QString html = QStringLiteral("<h3 style='margin:0'>%1</h3><p style='color:#8a8a92;margin-top:2px'>#%2 · %3</p><table>")
                       .arg(QString::fromStdString(e.title).toHtmlEscaped())
                       .arg(e.id)
                       .arg(QString::fromStdString(e.at));
    html += row(QStringLiteral("Frames"), e.frames) + row(QStringLiteral("Crop"), e.crop) +
            row(QStringLiteral("Alignment"), e.alignment) + row(QStringLiteral("Colour chain"), e.colorChain) +
            row(QStringLiteral("Outputs"), e.outputs);
    if (!e.settings.is_null() && !e.settings.empty())
      html += row(QStringLiteral("Settings"), e.settings.dump(1));
    html += QStringLiteral("</table><h4>Observations</h4>");
    html += e.observations.empty()
                ? QStringLiteral("<p style='color:#8a8a92'>none yet</p>")
                : QStringLiteral("<p>%1</p>").arg(QString::fromStdString(e.observations).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    details_->setHtml(html);
  }
}

bool ExperimentLogPanel::addObservation(const QString& text) {
  const int r = entries_->currentRow();
  if (r < 0 || text.isEmpty() || !project_->isOpen()) return false;
  const qint64 id = entries_->item(r, 0)->data(Qt::UserRole).toLongLong();
  try {
    project_->catalog().addObservation(id, text.toStdString());
  } catch (const std::exception& e) {
    project_->reportError(QString::fromStdString(e.what()));
    return false;
  }
  project_->notifyExperimentsChanged();
  return true;
}

void ExperimentLogPanel::addEntry(const QString& title, const QString& observations) {
  if (!project_->isOpen()) return;
  project::ExperimentEntry e;
  e.at = project::ProjectCatalog::now();
  e.title = title.toStdString();
  e.observations = observations.toStdString();
  const int64_t id = project_->catalog().addExperiment(e);
  project_->notifyExperimentsChanged();
  selectEntry(id);
}

bool ExperimentLogPanel::exportMarkdown(const QString& path) {
  if (!project_->isOpen()) return false;
  QSaveFile file(path);  // atomic: temporary file, renamed on commit
  const std::string text = project_->catalog().experimentLogMarkdown();
  if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) != qint64(text.size()) ||
      !file.commit()) {
    project_->reportError(QStringLiteral("Could not write the experiment log to %1: %2").arg(path, file.errorString()));
    return false;
  }
  project_->reportStatus(QStringLiteral("experiment log written to %1").arg(path));
  return true;
}

}  // namespace filmrecover::ui
