#include "ui/scopes/scopes_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include "ui/scopes/scope_view.h"
#include "ui/viewer/viewer_panel.h"

namespace filmrecover::ui {

ScopesPanel::ScopesPanel(ViewerPanel* viewer, QWidget* parent)
    : QWidget(parent),
      viewerPanel_(viewer),
      computer_(new ScopeComputer(this)),
      waveform_(new ScopeView(ScopeView::Kind::Waveform, this)),
      vectorscope_(new ScopeView(ScopeView::Kind::Vectorscope, this)),
      mode_(new QComboBox(this)),
      info_(new QLabel(this)) {
  mode_->addItem(QStringLiteral("Luma"), static_cast<int>(WaveformMode::Luma));
  mode_->addItem(QStringLiteral("RGB parade"), static_cast<int>(WaveformMode::RgbParade));
  mode_->setToolTip(QStringLiteral("Waveform: Rec.709 luma or R, G, B side by side"));
  info_->setObjectName(QStringLiteral("caption"));
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(6, 4, 6, 2);
  auto* title = new QLabel(QStringLiteral("Waveform"), this);
  title->setObjectName(QStringLiteral("caption"));
  bar->addWidget(title);
  bar->addWidget(mode_);
  bar->addStretch(1);
  bar->addWidget(info_);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(waveform_);
  auto* vsBox = new QWidget(this);
  auto* vsLayout = new QVBoxLayout(vsBox);
  vsLayout->setContentsMargins(0, 0, 0, 0);
  vsLayout->setSpacing(2);
  auto* vsTitle = new QLabel(QStringLiteral("Vectorscope  ·  Rec.709, 75% / 100% targets, skin line"), vsBox);
  vsTitle->setObjectName(QStringLiteral("caption"));
  vsTitle->setContentsMargins(6, 2, 6, 0);
  vsLayout->addWidget(vsTitle);
  vsLayout->addWidget(vectorscope_, 1);
  split->addWidget(vsBox);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addLayout(bar);
  layout->addWidget(split, 1);

  connect(mode_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          [this] { setWaveformMode(static_cast<WaveformMode>(mode_->currentData().toInt())); });
  connect(viewerPanel_, &ViewerPanel::shownChanged, this, &ScopesPanel::refresh);
  connect(computer_, &ScopeComputer::ready, this, [this](const ScopeImages& images) {
    waveform_->setImage(images.waveform);
    waveform_->setParade(images.mode == WaveformMode::RgbParade);
    vectorscope_->setImage(images.vectorscope);
    info_->setText(images.samples ? QStringLiteral("frame %1").arg(images.frame) : QString());
  });
  refresh();
}

void ScopesPanel::setWaveformMode(WaveformMode mode) {
  waveformMode_ = mode;
  mode_->setCurrentIndex(mode_->findData(static_cast<int>(mode)));
  refresh();
}

void ScopesPanel::showEvent(QShowEvent* e) {
  QWidget::showEvent(e);
  refresh();
}

void ScopesPanel::refresh() {
  // Hidden scopes cost nothing; showEvent catches up.
  if (!isVisible()) return;
  computer_->request(viewerPanel_->shown(), waveformMode_);
}

}  // namespace filmrecover::ui
