#pragma once
// The preview crops of a running training: input, target and output side by side.
#include <QImage>
#include <QWidget>

namespace filmrecover::ui {

//! Three captioned pictures, scaled to fit with nearest-neighbour past 1:1 (pixels stay crisp).
class PreviewCrops : public QWidget {
  Q_OBJECT
 public:
  explicit PreviewCrops(QWidget* parent = nullptr);
  void setImages(qint64 step, const QImage& input, const QImage& target, const QImage& output);
  void clear();
  //! Step of the shown preview (-1 when none).
  qint64 step() const { return step_; }
  QImage output() const { return images_[2]; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QImage images_[3];
  qint64 step_ = -1;
};

}  // namespace filmrecover::ui
