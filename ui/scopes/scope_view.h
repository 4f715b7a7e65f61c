#pragma once
// Paints one rendered scope, scaled to fit, with its scale labels.
#include <QImage>
#include <QWidget>

namespace filmrecover::ui {

//! A waveform or vectorscope picture with labels.
class ScopeView : public QWidget {
  Q_OBJECT
 public:
  enum class Kind { Waveform, Vectorscope };
  explicit ScopeView(Kind kind, QWidget* parent = nullptr);
  void setImage(const QImage& image);
  const QImage& image() const { return image_; }
  //! Parade: three channel columns labelled R G B.
  void setParade(bool parade) { parade_ = parade; update(); }
  QSize sizeHint() const override { return {360, 240}; }

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  Kind kind_;
  QImage image_;
  bool parade_ = false;
};

}  // namespace filmrecover::ui
