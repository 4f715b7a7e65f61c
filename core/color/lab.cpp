#include "core/color/lab.h"

#include <cmath>

#include "core/exec/errors.h"

namespace filmrecover {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Rec.709 primaries, D65 white (ITU-R BT.709 / IEC 61966-2-1 matrix).
constexpr double kM[3][3] = {{0.4123907992659595, 0.3575843393838780, 0.1804807884018343},
                             {0.2126390058715104, 0.7151686787677559, 0.0721923153607337},
                             {0.0193308187155918, 0.1191947797946259, 0.9505321522496608}};
// White point = XYZ of RGB (1,1,1) so that white maps to exactly L=100, a=b=0.
constexpr double kXn = kM[0][0] + kM[0][1] + kM[0][2];
constexpr double kYn = kM[1][0] + kM[1][1] + kM[1][2];
constexpr double kZn = kM[2][0] + kM[2][1] + kM[2][2];

// BT.1886 with black 0 and white 1: a pure 2.4 power; sign kept for out-of-range values.
double decode(double v) { return v < 0 ? -std::pow(-v, 2.4) : std::pow(v, 2.4); }
double encode(double v) { return v < 0 ? -std::pow(-v, 1.0 / 2.4) : std::pow(v, 1.0 / 2.4); }

constexpr double kEpsilon = 216.0 / 24389.0;
constexpr double kKappa = 24389.0 / 27.0;
double f(double t) { return t > kEpsilon ? std::cbrt(t) : (kKappa * t + 16.0) / 116.0; }
double fInverse(double t) {
  const double t3 = t * t * t;
  return t3 > kEpsilon ? t3 : (116.0 * t - 16.0) / kKappa;
}

double degrees(double radians) { return radians * 180.0 / kPi; }
double radians(double degrees) { return degrees * kPi / 180.0; }

}  // namespace

Lab rgbToLab(float r, float g, float b) {
  const double R = decode(r), G = decode(g), B = decode(b);
  const double X = kM[0][0] * R + kM[0][1] * G + kM[0][2] * B;
  const double Y = kM[1][0] * R + kM[1][1] * G + kM[1][2] * B;
  const double Z = kM[2][0] * R + kM[2][1] * G + kM[2][2] * B;
  const double fx = f(X / kXn), fy = f(Y / kYn), fz = f(Z / kZn);
  return Lab{116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

void labToRgb(const Lab& lab, float& r, float& g, float& b) {
  const double fy = (lab.L + 16.0) / 116.0;
  const double fx = fy + lab.a / 500.0;
  const double fz = fy - lab.b / 200.0;
  const double X = fInverse(fx) * kXn, Y = fInverse(fy) * kYn, Z = fInverse(fz) * kZn;
  // Inverse of kM (computed once).
  static const auto inv = [] {
    const auto& m = kM;
    const double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                       m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                       m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    struct M3 { double v[3][3]; } o{};
    o.v[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
    o.v[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
    o.v[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
    o.v[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
    o.v[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
    o.v[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
    o.v[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
    o.v[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
    o.v[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
    return o;
  }();
  r = static_cast<float>(encode(inv.v[0][0] * X + inv.v[0][1] * Y + inv.v[0][2] * Z));
  g = static_cast<float>(encode(inv.v[1][0] * X + inv.v[1][1] * Y + inv.v[1][2] * Z));
  b = static_cast<float>(encode(inv.v[2][0] * X + inv.v[2][1] * Y + inv.v[2][2] * Z));
}

double deltaE2000(const Lab& lab1, const Lab& lab2) {
  // Sharma, Wu & Dalal, "The CIEDE2000 color-difference formula: implementation notes,
  // supplementary test data, and mathematical observations", 2005; equation numbers follow it.
  const double C1 = std::hypot(lab1.a, lab1.b), C2 = std::hypot(lab2.a, lab2.b);
  const double Cbar = (C1 + C2) / 2.0;
  const double Cbar7 = std::pow(Cbar, 7.0);
  const double G = 0.5 * (1.0 - std::sqrt(Cbar7 / (Cbar7 + std::pow(25.0, 7.0))));
  const double a1p = (1.0 + G) * lab1.a, a2p = (1.0 + G) * lab2.a;
  const double C1p = std::hypot(a1p, lab1.b), C2p = std::hypot(a2p, lab2.b);
  const auto hue = [](double b, double ap) {
    if (b == 0 && ap == 0) return 0.0;
    double h = degrees(std::atan2(b, ap));
    return h < 0 ? h + 360.0 : h;
  };
  const double h1p = hue(lab1.b, a1p), h2p = hue(lab2.b, a2p);

  const double dLp = lab2.L - lab1.L;
  const double dCp = C2p - C1p;
  double dhp = 0;
  if (C1p * C2p != 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const double dHp = 2.0 * std::sqrt(C1p * C2p) * std::sin(radians(dhp / 2.0));

  const double Lbarp = (lab1.L + lab2.L) / 2.0;
  const double Cbarp = (C1p + C2p) / 2.0;
  double hbarp = h1p + h2p;
  if (C1p * C2p != 0) {
    if (std::fabs(h1p - h2p) <= 180) hbarp = (h1p + h2p) / 2.0;
    else if (h1p + h2p < 360) hbarp = (h1p + h2p + 360) / 2.0;
    else hbarp = (h1p + h2p - 360) / 2.0;
  }
  const double T = 1.0 - 0.17 * std::cos(radians(hbarp - 30)) + 0.24 * std::cos(radians(2 * hbarp)) +
                   0.32 * std::cos(radians(3 * hbarp + 6)) - 0.20 * std::cos(radians(4 * hbarp - 63));
  const double dTheta = 30.0 * std::exp(-std::pow((hbarp - 275.0) / 25.0, 2.0));
  const double Cbarp7 = std::pow(Cbarp, 7.0);
  const double RC = 2.0 * std::sqrt(Cbarp7 / (Cbarp7 + std::pow(25.0, 7.0)));
  const double Lm50 = (Lbarp - 50.0) * (Lbarp - 50.0);
  const double SL = 1.0 + 0.015 * Lm50 / std::sqrt(20.0 + Lm50);
  const double SC = 1.0 + 0.045 * Cbarp;
  const double SH = 1.0 + 0.015 * Cbarp * T;
  const double RT = -std::sin(radians(2.0 * dTheta)) * RC;
  const double tL = dLp / SL, tC = dCp / SC, tH = dHp / SH;
  return std::sqrt(tL * tL + tC * tC + tH * tH + RT * tC * tH);
}

double meanDeltaE2000(const Image& a, const Image& b, const Rect* region) {
  if (a.width != b.width || a.height != b.height || a.channels < 3 || b.channels < 3)
    throw InputError("cannot compare colours of images of different sizes (" + std::to_string(a.width) + "x" +
                     std::to_string(a.height) + " and " + std::to_string(b.width) + "x" +
                     std::to_string(b.height) + ")");
  Rect r{0, 0, a.width, a.height};
  if (region) {
    r.x0 = std::max(region->x0, 0);
    r.y0 = std::max(region->y0, 0);
    r.x1 = std::min(region->x1, a.width);
    r.y1 = std::min(region->y1, a.height);
  }
  if (r.empty()) throw InputError("the region to compare colours in is empty");
  double sum = 0;
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) {
      const size_t ia = a.index(x, y), ib = b.index(x, y);
      sum += deltaE2000(rgbToLab(a.pixels[ia], a.pixels[ia + 1], a.pixels[ia + 2]),
                        rgbToLab(b.pixels[ib], b.pixels[ib + 1], b.pixels[ib + 2]));
    }
  return sum / (static_cast<double>(r.width()) * r.height());
}

}  // namespace filmrecover
