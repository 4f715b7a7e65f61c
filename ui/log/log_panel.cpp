#include "ui/log/log_panel.h"

#include <QHeaderView>
#include <QTime>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace filmrecover::ui {

namespace {
constexpr int kMaxMessages = 5000;
}

LogPanel::LogPanel(QWidget* parent) : QWidget(parent), list_(new QTreeWidget(this)) {
  list_->setColumnCount(3);
  list_->setHeaderLabels({QStringLiteral("Time"), QStringLiteral("Level"), QStringLiteral("Message")});
  list_->setRootIsDecorated(false);
  list_->setUniformRowHeights(true);
  list_->setAlternatingRowColors(true);
  list_->header()->setStretchLastSection(true);
  list_->header()->resizeSection(0, 70);
  list_->header()->resizeSection(1, 64);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(list_);
}

void LogPanel::append(const QString& level, const QString& text) {
  auto* item = new QTreeWidgetItem({QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), level, text});
  item->setToolTip(2, text);
  const QColor colour = level == QLatin1String("error")     ? QColor(240, 110, 100)
                        : level == QLatin1String("warning") ? QColor(230, 190, 90)
                                                            : QColor(170, 170, 178);
  item->setForeground(1, colour);
  if (level == QLatin1String("error")) item->setForeground(2, colour);
  list_->addTopLevelItem(item);
  while (list_->topLevelItemCount() > kMaxMessages) delete list_->takeTopLevelItem(0);
  list_->scrollToItem(item);
  if (level == QLatin1String("error")) Q_EMIT errorAdded(text);
}

int LogPanel::count() const { return list_->topLevelItemCount(); }
QString LogPanel::text(int i) const { return list_->topLevelItem(i)->text(2); }
QString LogPanel::level(int i) const { return list_->topLevelItem(i)->text(1); }
void LogPanel::clear() { list_->clear(); }

}  // namespace filmrecover::ui
