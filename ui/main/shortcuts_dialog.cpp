#include "ui/main/shortcuts_dialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace filmrecover::ui {

ShortcutsDialog::ShortcutsDialog(const QList<QPair<QString, QString>>& rows, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(QStringLiteral("Keyboard Shortcuts"));
  auto* table = new QTableWidget(rows.size(), 2, this);
  table->setHorizontalHeaderLabels({QStringLiteral("Keys"), QStringLiteral("Action")});
  table->verticalHeader()->hide();
  table->horizontalHeader()->setStretchLastSection(true);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionMode(QAbstractItemView::NoSelection);
  for (int i = 0; i < rows.size(); ++i) {
    table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
    table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
  }
  table->resizeColumnToContents(0);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(table);
  layout->addWidget(buttons);
  resize(480, 560);
}

}  // namespace filmrecover::ui
