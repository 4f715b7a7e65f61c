#include "ui/main/window_grab.h"

#include <QPainter>
#include <QPixmap>
#include <QWidget>

#include "ui/viewer/viewer.h"

namespace filmrecover::ui {

QImage grabWindowWithViewer(QWidget* window, Viewer* viewer) {
  QImage shot = window->grab().toImage();
  if (!viewer || !viewer->isVisible()) return shot;
  const QImage picture = viewer->grabFramebuffer();
  if (picture.isNull()) return shot;
  QPainter painter(&shot);
  painter.drawImage(QRect(viewer->mapTo(window, QPoint(0, 0)), viewer->size()), picture);
  return shot;
}

}  // namespace filmrecover::ui
