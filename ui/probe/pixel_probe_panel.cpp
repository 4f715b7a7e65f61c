#include "ui/probe/pixel_probe_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace filmrecover::ui {

PixelProbePanel::PixelProbePanel(QWidget* parent)
    : QWidget(parent), position_(new QLabel(this)), table_(new QTableWidget(4, 4, this)) {
  position_->setObjectName(QStringLiteral("caption"));
  position_->setText(QStringLiteral("Move the pointer over the picture"));
  table_->setHorizontalHeaderLabels({QStringLiteral("R"), QStringLiteral("G"), QStringLiteral("B"),
                                     QString()});
  table_->setVerticalHeaderLabels({QStringLiteral("A stored"), QStringLiteral("A display 8-bit"),
                                   QStringLiteral("B stored"), QStringLiteral("B display 8-bit")});
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Fixed);
  table_->horizontalHeader()->resizeSection(3, 26);
  table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  table_->verticalHeader()->setDefaultSectionSize(22);
  // A long role ("B aligned reference") is elided rather than squeezing the values
  // ("0.64265" shown as "0....") in a narrow dock.
  table_->verticalHeader()->setMaximumWidth(112);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  table_->setFocusPolicy(Qt::NoFocus);
  table_->setMaximumHeight(4 * 22 + table_->horizontalHeader()->sizeHint().height() + 4);
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c) {
      auto* item = new QTableWidgetItem(QStringLiteral("–"));
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      table_->setItem(r, c, item);
    }
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 6);
  layout->addWidget(position_);
  layout->addWidget(table_);
  layout->addStretch(1);
}

QString PixelProbePanel::cellText(int row, int column) const {
  return table_->item(row, column)->text();
}

void PixelProbePanel::setReading(const ProbeReading& reading) {
  if (!reading.inside) {
    for (int r = 0; r < 4; ++r)
      for (int c = 0; c < 3; ++c) table_->item(r, c)->setForeground(QColor(110, 110, 115));
    return;
  }
  reading_ = reading;
  const ProbeSample& ref = reading.a.valid ? reading.a : reading.b;
  position_->setText(QStringLiteral("frame %1   x %2   y %3").arg(reading.frame).arg(ref.x).arg(ref.y));
  table_->setVerticalHeaderLabels({QStringLiteral("A %1").arg(reading.labelA), QStringLiteral("A display 8-bit"),
                                   QStringLiteral("B %1").arg(reading.labelB), QStringLiteral("B display 8-bit")});
  auto fill = [&](int row, const ProbeSample& s, bool displayed) {
    const auto& v = displayed ? s.displayed : s.stored;
    for (int c = 0; c < 3; ++c) {
      QTableWidgetItem* item = table_->item(row, c);
      item->setForeground(QColor(220, 220, 225));
      // Displayed values as 8-bit code values (what a restorer reads off a monitor), the
      // float in the tooltip; stored values as floats.
      const int code = std::clamp(int(v[c] * 255.0f + 0.5f), 0, 255);
      item->setText(!s.valid ? QStringLiteral("–")
                    : displayed ? QStringLiteral("%1").arg(code)
                                : QString::number(v[c], 'f', 5));
      item->setToolTip(s.valid ? QString::number(v[c], 'f', 6) : QString());
    }
    QTableWidgetItem* swatch = table_->item(row, 3);
    swatch->setText(QString());
    const auto& d = s.displayed;
    auto q = [](float x) { return std::clamp(int(x * 255.0f + 0.5f), 0, 255); };
    swatch->setBackground(s.valid ? QColor(q(d[0]), q(d[1]), q(d[2])) : QColor(0, 0, 0, 0));
  };
  fill(0, reading.a, false);
  fill(1, reading.a, true);
  fill(2, reading.b, false);
  fill(3, reading.b, true);
}

}  // namespace filmrecover::ui
