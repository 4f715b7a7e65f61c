#include "ui/app/dark_theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyleFactory>

namespace filmrecover::ui {

void applyDarkTheme(QApplication& app) {
  app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QPalette p;
  const QColor window(45, 45, 48), base(32, 32, 35), text(214, 214, 218), disabled(120, 120, 126);
  const QColor accent(222, 128, 40);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, QColor(38, 38, 41));
  p.setColor(QPalette::ToolTipBase, QColor(25, 25, 27));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, QColor(54, 54, 58));
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, QColor(255, 90, 80));
  p.setColor(QPalette::Highlight, accent);
  p.setColor(QPalette::HighlightedText, QColor(20, 20, 20));
  p.setColor(QPalette::Link, accent);
  p.setColor(QPalette::PlaceholderText, disabled);
  p.setColor(QPalette::Mid, QColor(40, 40, 43));
  p.setColor(QPalette::Dark, QColor(28, 28, 30));
  p.setColor(QPalette::Light, QColor(70, 70, 75));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, disabled);
  app.setPalette(p);
  QFont font = app.font();
  font.setPointSizeF(9.0);
  app.setFont(font);
  app.setStyleSheet(QStringLiteral(R"(
    QMainWindow::separator { background: #2a2a2d; width: 4px; height: 4px; }
    QDockWidget { titlebar-close-icon: none; color: #c8c8cc; }
    QDockWidget::title { background: #37373b; padding: 5px 8px; border-bottom: 1px solid #262628; }
    QWidget#viewerBar { background: #333337; }
    QToolBar#viewerBar { border: none; border-bottom: 1px solid #262628; padding: 3px 6px; spacing: 4px; }
    QToolBar::separator { background: #4a4a50; width: 1px; margin: 4px 8px; }
    QLabel#caption { color: #9a9aa2; }
    QWidget#separator { background: #4a4a50; }
    QComboBox, QSpinBox, QDoubleSpinBox { padding: 2px 6px; min-height: 20px; }
    QStatusBar { background: #2b2b2e; color: #a8a8b0; }
    QStatusBar::item { border: none; }
    QMenuBar { background: #2f2f32; }
    QMenuBar::item:selected { background: #46464c; }
    QMenu { background: #2f2f32; border: 1px solid #1e1e20; }
    QMenu::item:selected { background: #de8028; color: #141414; }
    QHeaderView::section { background: #37373b; color: #a8a8b0; border: none; padding: 3px 6px; }
    QTableWidget, QTreeWidget { gridline-color: #3a3a3e; border: none; }
    QProgressBar { border: 1px solid #444; border-radius: 2px; background: #262628; text-align: center;
                   max-height: 12px; min-width: 120px; }
    QProgressBar::chunk { background: #de8028; }
    QToolTip { border: 1px solid #555; }
  )"));
}

}  // namespace filmrecover::ui
