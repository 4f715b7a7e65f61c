#include "core/synth/scene_painter.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/synth/noise_field.h"

namespace filmrecover::synth {
namespace {

using Rgb = cv::Vec3f;

Rgb mix(const Rgb& a, const Rgb& b, float t) { return a * (1.0f - t) + b * t; }

cv::Scalar scalar(const Rgb& c) { return cv::Scalar(c[0], c[1], c[2]); }

// Multiplies every pixel by (1 + amount * noise): texture on flat areas so that nothing
// in a frame is perfectly flat (real film never is; matching and alignment need it).
void modulate(cv::Mat& img, const cv::Mat& noise, float amount) {
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) img.at<Rgb>(y, x) *= 1.0f + amount * noise.at<float>(y, x);
}

void paintLandscape(cv::Mat& img, cv::RNG& rng, uint32_t seed) {
  const int w = img.cols, h = img.rows;
  const cv::Mat ridge = fractalNoise(1, w, seed + 1, 3, 5, 0.5);
  const cv::Mat foliage = fractalNoise(h, w, seed + 2, 24, 4, 0.6);
  const cv::Mat clouds = fractalNoise(h, w, seed + 3, 4, 5, 0.55);
  const cv::Mat hue = fractalNoise(h, w, seed + 4, 3, 3, 0.5);
  const float horizon = h * rng.uniform(0.35f, 0.55f);
  const Rgb zenith(0.12f, 0.28f, 0.62f), haze(0.70f, 0.80f, 0.90f);
  const Rgb leaf(0.16f, 0.38f, 0.10f), dry(0.55f, 0.50f, 0.20f), mountain(0.36f, 0.42f, 0.52f);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const float ridgeY = horizon - h * (0.10f + 0.12f * ridge.at<float>(0, x));
      Rgb c;
      if (y < ridgeY) {
        c = mix(zenith, haze, std::pow(std::clamp(y / std::max(1.0f, ridgeY), 0.0f, 1.0f), 1.5f));
        const float cl = std::clamp((clouds.at<float>(y, x) - 0.05f) * 3.0f, 0.0f, 1.0f);
        c = mix(c, Rgb(0.92f, 0.92f, 0.94f), cl * 0.8f);
      } else if (y < horizon) {
        c = mountain * (0.85f + 0.3f * foliage.at<float>(y, x));
      } else {
        const float f = foliage.at<float>(y, x);
        c = mix(leaf, dry, std::clamp(0.5f + hue.at<float>(y, x), 0.0f, 1.0f));
        c *= 0.55f + 0.9f * std::clamp(0.5f + f, 0.0f, 1.0f);
      }
      img.at<Rgb>(y, x) = c;
    }
  }
  // Trees: dark rounded clusters with lit tops.
  for (int i = 0; i < 7; ++i) {
    const cv::Point p(rng.uniform(0, w), static_cast<int>(horizon + rng.uniform(0.0f, h * 0.2f)));
    const int r = rng.uniform(h / 20, h / 8);
    cv::circle(img, p, r, scalar(Rgb(0.07f, 0.20f, 0.06f)), cv::FILLED, cv::LINE_AA);
    cv::circle(img, p - cv::Point(r / 4, r / 4), r / 2, scalar(Rgb(0.20f, 0.45f, 0.15f)), cv::FILLED,
               cv::LINE_AA);
  }
  modulate(img, fractalNoise(h, w, seed + 5, 64, 2, 0.5), 0.18f);
}

void paintFace(cv::Mat& img, cv::Point c, int r, const Rgb& skin, cv::RNG& rng) {
  const Rgb hair = rng.uniform(0.0f, 1.0f) < 0.5f ? Rgb(0.12f, 0.08f, 0.05f) : Rgb(0.45f, 0.30f, 0.15f);
  cv::ellipse(img, c + cv::Point(0, r * 9 / 10), cv::Size(r * 13 / 10, r * 7 / 10), 0, 180, 360,
              scalar(Rgb(rng.uniform(0.1f, 0.8f), rng.uniform(0.1f, 0.5f), rng.uniform(0.2f, 0.8f))),
              cv::FILLED, cv::LINE_AA);  // shoulders
  cv::ellipse(img, c - cv::Point(0, r / 5), cv::Size(r * 8 / 10, r), 0, 0, 360, scalar(hair),
              cv::FILLED, cv::LINE_AA);
  // Skin shaded from the light side: concentric ellipses from dark rim to lit centre.
  for (int k = 0; k < 8; ++k) {
    const float t = k / 7.0f;
    const Rgb shade = skin * (0.65f + 0.45f * t);
    cv::ellipse(img, c + cv::Point(-k * r / 40, -k * r / 40),
                cv::Size(r * (7 - k * 0.6) / 10, r * (9 - k * 0.8) / 10), 0, 0, 360, scalar(shade),
                cv::FILLED, cv::LINE_AA);
  }
  for (int s : {-1, 1}) {
    const cv::Point e = c + cv::Point(s * r / 4, -r / 8);
    cv::ellipse(img, e, cv::Size(r / 9, r / 16), 0, 0, 360, scalar(Rgb(0.9f, 0.9f, 0.88f)), cv::FILLED,
                cv::LINE_AA);
    cv::circle(img, e, r / 20 + 1, scalar(Rgb(0.15f, 0.25f, 0.35f)), cv::FILLED, cv::LINE_AA);
    cv::line(img, e + cv::Point(-r / 8, -r / 8), e + cv::Point(r / 8, -r / 7), scalar(hair * 0.8f),
             std::max(1, r / 25), cv::LINE_AA);
  }
  cv::ellipse(img, c + cv::Point(0, r * 4 / 10), cv::Size(r / 5, r / 14), 0, 0, 360,
              scalar(Rgb(0.65f, 0.18f, 0.20f)), cv::FILLED, cv::LINE_AA);
  cv::line(img, c, c + cv::Point(-r / 20, r / 4), scalar(skin * 0.6f), std::max(1, r / 30), cv::LINE_AA);
}

void paintPortrait(cv::Mat& img, cv::RNG& rng, uint32_t seed) {
  const int w = img.cols, h = img.rows;
  const cv::Mat wall = fractalNoise(h, w, seed + 1, 6, 5, 0.6);
  const Rgb a(rng.uniform(0.3f, 0.6f), rng.uniform(0.25f, 0.45f), rng.uniform(0.15f, 0.35f));
  const Rgb b(0.20f, 0.30f, 0.32f);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      img.at<Rgb>(y, x) = mix(a, b, std::clamp(0.5f + wall.at<float>(y, x), 0.0f, 1.0f)) *
                          (0.6f + 0.4f * x / static_cast<float>(w));
  const Rgb skins[] = {Rgb(0.92f, 0.72f, 0.60f), Rgb(0.78f, 0.56f, 0.42f), Rgb(0.55f, 0.37f, 0.26f),
                       Rgb(0.36f, 0.24f, 0.17f)};
  const int faces = rng.uniform(1, 4);
  for (int i = 0; i < faces; ++i) {
    const cv::Point c(w * (i + 1) / (faces + 1) + rng.uniform(-w / 20, w / 20),
                      h / 2 + rng.uniform(-h / 10, h / 10));
    paintFace(img, c, std::max(8, h / (faces + 2) + rng.uniform(0, h / 12)), skins[rng.uniform(0, 4)], rng);
  }
  modulate(img, fractalNoise(h, w, seed + 2, 96, 2, 0.5), 0.06f);
}

void paintInterior(cv::Mat& img, cv::RNG& rng, uint32_t seed) {
  const int w = img.cols, h = img.rows;
  const cv::Mat grain = fractalNoise(h, w, seed + 1, 8, 4, 0.6);
  const int floorY = h * 2 / 3;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      Rgb c;
      if (y < floorY) {
        const float light = 0.08f + 0.6f * std::exp(-std::pow((x - w * 0.3f) / (w * 0.35f), 2.0f));
        c = Rgb(0.62f, 0.60f, 0.56f) * light;
      } else {
        const float stripe = 0.5f + 0.5f * std::sin(x * 0.15f + 6.0f * grain.at<float>(y, x));
        c = Rgb(0.36f, 0.22f, 0.12f) * (0.5f + 0.5f * stripe);
      }
      img.at<Rgb>(y, x) = c;
    }
  }
  // A window with a near-clipping highlight, and a row of neutral cards (grey scale).
  cv::rectangle(img, cv::Rect(w / 10, h / 8, w / 5, h / 3), scalar(Rgb(0.97f, 0.97f, 0.95f)), cv::FILLED);
  cv::line(img, {w / 10 + w / 10, h / 8}, {w / 10 + w / 10, h / 8 + h / 3}, cv::Scalar(0.1, 0.1, 0.1), 3);
  const int cards = 6;
  for (int i = 0; i < cards; ++i) {
    const float v = 0.05f + 0.9f * i / (cards - 1);
    cv::rectangle(img, cv::Rect(w * 4 / 10 + i * w / 12, h / 3, w / 14, h / 5), cv::Scalar(v, v, v),
                  cv::FILLED);
  }
  cv::circle(img, {w * 3 / 4, h * 3 / 4}, h / 8, scalar(Rgb(0.05f, 0.05f, 0.06f)), cv::FILLED, cv::LINE_AA);
  cv::circle(img, {w * 3 / 4 - h / 30, h * 3 / 4 - h / 30}, h / 40, cv::Scalar(1, 1, 1), cv::FILLED,
             cv::LINE_AA);  // specular
  (void)rng;
  modulate(img, fractalNoise(h, w, seed + 2, 80, 2, 0.5), 0.08f);
}

void paintPrimaries(cv::Mat& img, cv::RNG& rng, uint32_t seed) {
  const int w = img.cols, h = img.rows;
  const cv::Mat bg = fractalNoise(h, w, seed + 1, 5, 4, 0.6);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float v = 0.12f + 0.08f * bg.at<float>(y, x);
      img.at<Rgb>(y, x) = Rgb(v, v * 0.95f, v * 1.05f);
    }
  const Rgb prim[] = {Rgb(0.85f, 0.08f, 0.07f), Rgb(0.10f, 0.65f, 0.12f), Rgb(0.10f, 0.15f, 0.80f),
                      Rgb(0.92f, 0.82f, 0.10f), Rgb(0.10f, 0.72f, 0.80f), Rgb(0.78f, 0.12f, 0.70f),
                      Rgb(0.95f, 0.45f, 0.05f), Rgb(0.45f, 0.10f, 0.60f)};
  // A colour chart in one corner, then saturated objects at random places.
  const int cw = w / 16, ch = h / 10;
  for (int i = 0; i < 8; ++i)
    cv::rectangle(img, cv::Rect(w / 20 + (i % 4) * (cw + 3), h / 12 + (i / 4) * (ch + 3), cw, ch),
                  scalar(prim[i]), cv::FILLED);
  for (int i = 0; i < 10; ++i) {
    const Rgb c = prim[rng.uniform(0, 8)] * rng.uniform(0.6f, 1.1f);
    const cv::Point p(rng.uniform(0, w), rng.uniform(h / 3, h));
    if (i % 2)
      cv::circle(img, p, rng.uniform(h / 14, h / 5), scalar(c), cv::FILLED, cv::LINE_AA);
    else
      cv::rectangle(img, cv::Rect(p.x, p.y, rng.uniform(w / 14, w / 5), rng.uniform(h / 12, h / 4)),
                    scalar(c), cv::FILLED);
  }
  modulate(img, fractalNoise(h, w, seed + 2, 48, 3, 0.5), 0.15f);
}

void paintArchitecture(cv::Mat& img, cv::RNG& rng, uint32_t seed) {
  const int w = img.cols, h = img.rows;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      img.at<Rgb>(y, x) = mix(Rgb(0.35f, 0.50f, 0.75f), Rgb(0.85f, 0.75f, 0.60f), y / float(h));
  int x = 0;
  while (x < w) {
    const int bw = rng.uniform(w / 10, w / 4), top = rng.uniform(h / 8, h / 2);
    const Rgb wallc(rng.uniform(0.3f, 0.8f), rng.uniform(0.3f, 0.7f), rng.uniform(0.25f, 0.6f));
    cv::rectangle(img, cv::Rect(x, top, bw, h - top), scalar(wallc), cv::FILLED);
    const int step = std::max(6, h / 18);
    for (int wy = top + step / 2; wy + step / 2 < h; wy += step)
      for (int wx = x + step / 3; wx + step / 2 < x + bw; wx += step * 2 / 3 + 2)
        cv::rectangle(img, cv::Rect(wx, wy, std::max(2, step / 3), std::max(2, step / 2)),
                      scalar(rng.uniform(0.0f, 1.0f) < 0.3f ? Rgb(0.95f, 0.85f, 0.5f) : Rgb(0.08f, 0.1f, 0.12f)),
                      cv::FILLED);
    cv::line(img, {x, top}, {x, h}, cv::Scalar(0.05, 0.05, 0.05), 1);
    x += bw + rng.uniform(0, w / 30);
  }
  modulate(img, fractalNoise(h, w, seed + 2, 64, 3, 0.5), 0.12f);
}

void paintDocument(cv::Mat& img, cv::RNG& rng, uint32_t seed) {
  const int w = img.cols, h = img.rows;
  const cv::Mat paper = fractalNoise(h, w, seed + 1, 32, 4, 0.6);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      img.at<Rgb>(y, x) = Rgb(0.86f, 0.80f, 0.66f) * (0.92f + 0.1f * paper.at<float>(y, x));
  const double scale = std::max(0.25, h / 900.0);
  const int lineH = std::max(7, static_cast<int>(26 * scale));
  static const char* letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (int y = lineH; y < h - lineH / 2; y += lineH) {
    std::string line;
    const int n = w / std::max(4, lineH / 2);
    for (int i = 0; i < n; ++i) line += rng.uniform(0, 6) == 0 ? ' ' : letters[rng.uniform(0, 62)];
    cv::putText(img, line, {w / 30, y}, cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(0.10, 0.08, 0.12),
                1, cv::LINE_AA);
  }
  // A red stamp and a photograph pasted on the page.
  cv::circle(img, {w * 4 / 5, h / 4}, h / 9, cv::Scalar(0.75, 0.1, 0.1), std::max(2, h / 80), cv::LINE_AA);
  cv::Mat photo = img(cv::Rect(w / 2, h / 2, w / 3, h / 3));
  paintLandscape(photo, rng, seed + 9);
}

}  // namespace

std::string sceneKindName(SceneKind kind) {
  switch (kind) {
    case SceneKind::Landscape: return "landscape";
    case SceneKind::Portrait: return "portrait";
    case SceneKind::Interior: return "interior";
    case SceneKind::Primaries: return "primaries";
    case SceneKind::Architecture: return "architecture";
    case SceneKind::Document: return "document";
  }
  return "unknown";
}

cv::Mat paintScene(SceneKind kind, int width, int height, uint32_t seed) {
  cv::Mat img(height, width, CV_32FC3, cv::Scalar(0, 0, 0));
  cv::RNG rng(seed * 747796405u + 2891336453u);
  switch (kind) {
    case SceneKind::Landscape: paintLandscape(img, rng, seed); break;
    case SceneKind::Portrait: paintPortrait(img, rng, seed); break;
    case SceneKind::Interior: paintInterior(img, rng, seed); break;
    case SceneKind::Primaries: paintPrimaries(img, rng, seed); break;
    case SceneKind::Architecture: paintArchitecture(img, rng, seed); break;
    case SceneKind::Document: paintDocument(img, rng, seed); break;
  }
  cv::min(cv::max(img, 0.0), 1.0, img);
  return img;
}

}  // namespace filmrecover::synth
