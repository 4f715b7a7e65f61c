#include "ui/panels/common/job_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

#include "ui/jobs/worker_job.h"

namespace filmrecover::ui {

JobBar::JobBar(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  bar_ = new QProgressBar(this);
  bar_->setTextVisible(true);
  bar_->setMaximumHeight(16);
  bar_->setRange(0, 1);
  bar_->setValue(0);
  status_ = new QLabel(QStringLiteral("idle"), this);
  status_->setMinimumWidth(180);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  cancel_ = new QToolButton(this);
  cancel_->setText(QStringLiteral("Cancel"));
  cancel_->setEnabled(false);
  layout->addWidget(bar_, 2);
  layout->addWidget(status_, 3);
  layout->addWidget(cancel_);
  connect(cancel_, &QToolButton::clicked, this, [this]() {
    if (job_) job_->cancel();
    status_->setText(QStringLiteral("cancelling…"));
  });
}

void JobBar::follow(WorkerJob* job) {
  if (job_) disconnect(job_, nullptr, this, nullptr);
  job_ = job;
  connect(job, &WorkerJob::started, this, [this]() {
    eta_.start();
    stage_.clear();
    bar_->setRange(0, 0);  // busy until the first report
    status_->setText(QStringLiteral("%1: starting…").arg(job_->name()));
    cancel_->setEnabled(true);
  });
  connect(job, &WorkerJob::progressed, this, &JobBar::onProgress);
  connect(job, &WorkerJob::succeeded, this, [this]() {
    bar_->setRange(0, 1);
    bar_->setValue(1);
    status_->setText(QStringLiteral("%1: done").arg(job_->name()));
  });
  connect(job, &WorkerJob::cancelled, this, [this]() {
    status_->setText(QStringLiteral("%1: cancelled").arg(job_->name()));
  });
  connect(job, &WorkerJob::failed, this, [this](const QString& message) {
    status_->setText(QStringLiteral("<span style='color:#e05555'>%1 failed: %2</span>")
                         .arg(job_->name(), message.toHtmlEscaped()));
    status_->setToolTip(message);
  });
  connect(job, &WorkerJob::finished, this, [this]() {
    cancel_->setEnabled(false);
    if (bar_->maximum() == 0) bar_->setRange(0, 1);
  });
}

void JobBar::onProgress(const QString& stage, qint64 done, qint64 total, const QString& message) {
  if (stage != stage_) {  // a new stage: its own rate
    stage_ = stage;
    eta_.start();
  }
  if (total > 0) {
    bar_->setRange(0, int(std::min<qint64>(total, 1 << 30)));
    bar_->setValue(int(std::min(done, total)));
  }
  eta_.update(done, total);
  QString text = stage.isEmpty() ? job_->name() : stage;
  if (total > 0) text += QStringLiteral(" %1/%2").arg(done).arg(total);
  const QString eta = eta_.text();
  if (!eta.isEmpty()) text += QStringLiteral(" · %1").arg(eta);
  if (!message.isEmpty()) text += QStringLiteral(" · %1").arg(message);
  status_->setText(text);
}

QString JobBar::statusText() const { return status_->text(); }
int JobBar::value() const { return bar_->value(); }
int JobBar::maximum() const { return bar_->maximum(); }

}  // namespace filmrecover::ui
