#include "ui/panels/temporal/temporal_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <filesystem>
#include <memory>

#include "core/analysis/sequence_metrics.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"
#include "core/match/mapping.h"
#include "core/workflow/project_layout.h"
#include "ui/jobs/worker_job.h"
#include "ui/panels/common/custom_plot.h"
#include "ui/panels/common/job_bar.h"
#include "ui/session/session.h"

namespace filmrecover::ui {

namespace {

QString figure(double v) { return QString::number(v, 'e', 2); }

QTableWidgetItem* cell(const QString& text) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  return item;
}

//! The cuts of the project's source (mapping.json), so no measure spans one; none without.
std::vector<int> projectCuts(const QString& projectDir) {
  if (projectDir.isEmpty()) return {};
  const std::string mapping = workflow::ProjectLayout::at(projectDir.toStdString()).mapping();
  if (!std::filesystem::exists(mapping)) return {};
  try {
    return match::readMapping(mapping).sourceCuts;
  } catch (const std::exception&) {
    return {};  // a damaged mapping does not stop QC: the figures then run across cuts
  }
}

}  // namespace

TemporalPanel::TemporalPanel(Session* session, QWidget* parent) : QWidget(parent), session_(session) {
  setObjectName(QStringLiteral("TemporalPanel"));
  job_ = new WorkerJob(QStringLiteral("temporal QC"), this);
  measure_ = new QPushButton(QStringLiteral("Measure B against A"), this);
  measure_->setToolTip(QStringLiteral("Warping error along the source's motion and colour distribution "
                                      "consistency of the viewer's B, A and the source"));
  frames_ = new QLineEdit(this);
  frames_->setPlaceholderText(QStringLiteral("frames (e.g. 1001-1200); empty: all they share"));
  jobBar_ = new JobBar(this);
  jobBar_->follow(job_);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  plot_ = new QCustomPlot(this);
  applyPlotTheme(plot_);
  plot_->setMinimumHeight(160);
  plot_->xAxis->setLabel(QStringLiteral("frame"));
  plot_->yAxis->setLabel(QStringLiteral("chroma warping error"));
  plot_->legend->setVisible(true);
  shots_ = new QTableWidget(0, 10, this);
  shots_->setHorizontalHeaderLabels({QStringLiteral("Shot"), QStringLiteral("Frames"), QStringLiteral("Pairs"),
                                     QStringLiteral("Warp B"), QStringLiteral("Warp A"), QStringLiteral("Warp source"),
                                     QStringLiteral("Chroma warp B"), QStringLiteral("Chroma warp A"),
                                     QStringLiteral("CDC B"), QStringLiteral("CDC A")});
  shots_->verticalHeader()->hide();
  shots_->horizontalHeader()->setStretchLastSection(true);
  shots_->setEditTriggers(QAbstractItemView::NoEditTriggers);

  auto* bar = new QHBoxLayout;
  bar->addWidget(measure_);
  bar->addWidget(frames_, 1);
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(plot_);
  split->addWidget(shots_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(jobBar_);
  layout->addWidget(summary_);
  layout->addWidget(split, 1);

  connect(measure_, &QPushButton::clicked, this, [this]() { measure(); });
  connect(job_, &WorkerJob::failed, this, &TemporalPanel::errorOccurred);
  connect(job_, &WorkerJob::finished, this, [this]() { measure_->setEnabled(true); });
}

TemporalPanel::~TemporalPanel() { job_->cancel(); }

QString TemporalPanel::summaryText() const { return summary_->text(); }

bool TemporalPanel::measure() {
  if (job_->isRunning()) return false;
  const SourceRole judged = session_->roleB(), against = session_->roleA();
  const LoadedSource b = session_->source(judged), a = session_->source(against);
  if (!a.source || !b.source) {
    Q_EMIT errorOccurred(QStringLiteral("Temporal QC needs both A and B in the viewer (%1 and %2)")
                             .arg(sourceRoleLabel(against), sourceRoleLabel(judged)));
    return false;
  }
  // The source guides the motion (its own flicker is what a recovery must not add to);
  // without it, A's motion is used.
  const LoadedSource source = session_->source(SourceRole::Source);
  const bool withSource = source.source && judged != SourceRole::Source && against != SourceRole::Source;
  std::vector<int> frames;
  try {
    if (!frames_->text().trimmed().isEmpty()) frames = parseFrameSet(frames_->text().trimmed().toStdString());
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromStdString(e.what()));
    return false;
  }
  analysis::CompareOptions options;
  options.deltaE = false;
  options.grain = false;
  options.temporal = true;
  options.cuts = projectCuts(session_->projectDir());
  options.threads = std::max(1, QThread::idealThreadCount() - 1);
  measure_->setEnabled(false);
  auto sourceOrA = withSource ? source.source : (against == SourceRole::Source ? a.source : nullptr);
  job_->start([this, a, b, sourceOrA, frames, options, judged, against,
               withSource](const JobContext& ctx) -> WorkerJob::Deliver {
    auto metrics = std::make_shared<analysis::SequenceMetrics>(analysis::compareSequences(
        *b.source, *a.source, sourceOrA.get(), frames, options, ctx.progress, ctx.cancel));
    return [this, metrics, judged, against, withSource]() { showMetrics(*metrics, judged, against, withSource); };
  });
  return true;
}

void TemporalPanel::showMetrics(const analysis::SequenceMetrics& m, SourceRole judged, SourceRole against,
                                bool withSource) {
  const QString nameB = sourceRoleLabel(judged), nameA = sourceRoleLabel(against);
  plot_->clearGraphs();
  plot_->clearItems();
  const PlotTheme theme;
  auto addGraph = [&](const QString& name, const QColor& colour, auto value) {
    QVector<double> x, y;
    for (const auto& t : m.temporal) {
      x.push_back(t.frame);
      y.push_back(value(t));
    }
    QCPGraph* g = plot_->addGraph();
    g->setName(name);
    g->setPen(QPen(colour, 1.6));
    g->setData(x, y, true);
  };
  addGraph(nameB, theme.accent, [](const analysis::TemporalMetrics& t) { return t.chromaWarpErrorA; });
  addGraph(nameA, theme.good, [](const analysis::TemporalMetrics& t) { return t.chromaWarpErrorB; });
  if (withSource)
    addGraph(QStringLiteral("source"), theme.warning,
             [](const analysis::TemporalMetrics& t) { return t.chromaWarpErrorSource; });
  for (int cut : m.cuts) {  // no pair spans a cut: the curves break there
    auto* line = new QCPItemStraightLine(plot_);
    line->point1->setCoords(cut - 0.5, 0);
    line->point2->setCoords(cut - 0.5, 1);
    line->setPen(QPen(theme.axis, 1, Qt::DashLine));
  }
  plot_->rescaleAxes();
  plot_->replot(QCustomPlot::rpQueuedReplot);

  shots_->setRowCount(0);
  for (size_t i = 0; i < m.shots.size(); ++i) {
    const auto& s = m.shots[i];
    const int r = shots_->rowCount();
    shots_->insertRow(r);
    shots_->setItem(r, 0, cell(QString::number(i + 1)));
    shots_->setItem(r, 1, cell(QStringLiteral("%1-%2").arg(s.first).arg(s.last)));
    shots_->setItem(r, 2, cell(QString::number(s.pairs)));
    shots_->setItem(r, 3, cell(figure(s.warpErrorA)));
    shots_->setItem(r, 4, cell(figure(s.warpErrorB)));
    shots_->setItem(r, 5, cell(withSource ? figure(s.warpErrorSource) : QStringLiteral("–")));
    shots_->setItem(r, 6, cell(figure(s.chromaWarpErrorA)));
    shots_->setItem(r, 7, cell(figure(s.chromaWarpErrorB)));
    shots_->setItem(r, 8, cell(s.cdcA.measured() ? figure(s.cdcA.cdc) : QStringLiteral("–")));
    shots_->setItem(r, 9, cell(s.cdcB.measured() ? figure(s.cdcB.cdc) : QStringLiteral("–")));
  }
  shots_->resizeColumnsToContents();

  const auto& t = m.temporalSummary;
  QString text = QStringLiteral("<b>%1</b> against <b>%2</b> over %3 frame pairs, motion from the %4. "
                                "Chroma warping error: %1 %5, %2 %6")
                     .arg(nameB, nameA)
                     .arg(t.pairs)
                     .arg(QString::fromStdString(m.motionGuide))
                     .arg(figure(t.meanChromaWarpErrorA), figure(t.meanChromaWarpErrorB));
  if (withSource) text += QStringLiteral(", source %1").arg(figure(t.meanChromaWarpErrorSource));
  text += QStringLiteral(". CDC: %1 %2, %3 %4").arg(nameB, figure(m.cdcA.cdc), nameA, figure(m.cdcB.cdc));
  if (withSource && m.cdcSource.measured()) text += QStringLiteral(", source %1").arg(figure(m.cdcSource.cdc));
  text += QStringLiteral(".");
  if (!m.skipped.empty()) text += QStringLiteral(" %1 damaged frame(s) left out.").arg(m.skipped.size());
  summary_->setText(text);
}

}  // namespace filmrecover::ui
