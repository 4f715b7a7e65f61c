#!/usr/bin/python3
"""Independent reference values for the metric tests, computed with numpy only.

The formulas follow scikit-image (skimage.metrics.peak_signal_noise_ratio and
structural_similarity with gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
data_range=1: scipy's Gaussian filter with truncate=3.5 and 'reflect' borders, mean over
the map cropped by the 5-pixel half window) and numpy.percentile. Scikit-image itself is
not a dependency; this re-implementation is small enough to check by eye.

usage: reference_metrics.py WIDTH HEIGHT A.f32 B.f32 [SOURCE.f32] [--patch PATCH.f32 SIZE BINS]
       [--values VALUES.f64]
Prints one JSON document.
"""
import json
import sys

import numpy as np

KR, KB = 0.2126, 0.0722
KG = 1.0 - KR - KB


def ycbcr(img):
    r, g, b = img[..., 0], img[..., 1], img[..., 2]
    y = KR * r + KG * g + KB * b
    return y, (b - y) / (2 * (1 - KB)), (r - y) / (2 * (1 - KR))


def psnr(mse):
    return 100.0 if mse == 0 else min(100.0, 10 * np.log10(1.0 / mse))


def gaussian_filter(img, sigma=1.5, truncate=3.5):
    radius = int(truncate * sigma + 0.5)
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    k = np.exp(-0.5 * (x / sigma) ** 2)
    k /= k.sum()
    out = img
    for axis in (0, 1):
        pad = [(0, 0), (0, 0)]
        pad[axis] = (radius, radius)
        p = np.pad(out, pad, mode="symmetric")  # scipy.ndimage 'reflect'
        acc = np.zeros_like(out)
        n = out.shape[axis]
        for i, w in enumerate(k):
            sl = [slice(None), slice(None)]
            sl[axis] = slice(i, i + n)
            acc += w * p[tuple(sl)]
        out = acc
    return out


def ssim_channel(a, b):
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    ux, uy = gaussian_filter(a), gaussian_filter(b)
    uxx, uyy, uxy = gaussian_filter(a * a), gaussian_filter(b * b), gaussian_filter(a * b)
    vx, vy, vxy = uxx - ux * ux, uyy - uy * uy, uxy - ux * uy
    s = ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux ** 2 + uy ** 2 + c1) * (vx + vy + c2))
    pad = 5
    if min(a.shape) <= 2 * pad:  # too small to crop: the whole map (as the C++ code does)
        return s.mean()
    return s[pad:-pad, pad:-pad].mean()


def nps(patch, bins):
    n = patch.shape[0]
    yy, xx = np.mgrid[0:n, 0:n].astype(np.float64)
    design = np.stack([np.ones(n * n), xx.ravel(), yy.ravel()], axis=1)
    coef, *_ = np.linalg.lstsq(design, patch.ravel(), rcond=None)
    resid = patch - (design @ coef).reshape(n, n)
    w1 = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)
    w = np.outer(w1, w1)
    f = np.fft.fft2(resid * w)
    p = np.abs(f) ** 2 / (w ** 2).sum()
    freq = np.fft.fftfreq(n)
    fr = np.sqrt(freq[None, :] ** 2 + freq[:, None] ** 2)
    power = []
    nondc = np.ones_like(p, dtype=bool)
    nondc[0, 0] = False
    for i in range(bins):
        lo, hi = i * 0.5 / bins, (i + 1) * 0.5 / bins
        sel = nondc & (fr <= 0.5) & ((fr >= lo) & (fr < hi) if i < bins - 1 else (fr >= lo))
        power.append(float(p[sel].mean()) if sel.any() else 0.0)
    rms = float(np.sqrt(p[nondc].sum() / (n * n)))
    return power, rms


def main(argv):
    w, h = int(argv[1]), int(argv[2])
    load = lambda path: np.fromfile(path, dtype=np.float32).astype(np.float64).reshape(h, w, 3)
    a, b = load(argv[3]), load(argv[4])
    rest = argv[5:]
    src = None
    if rest and not rest[0].startswith("--"):
        src = load(rest[0])
        rest = rest[1:]
    ya, cba, cra = ycbcr(a)
    yb, cbb, crb = ycbcr(b)
    out = {
        "psnr_rgb": psnr(np.mean((a - b) ** 2)),
        "psnr_luma": psnr(np.mean((ya - yb) ** 2)),
        "psnr_chroma": psnr(np.mean(np.concatenate([(cba - cbb).ravel() ** 2, (cra - crb).ravel() ** 2]))),
        "ssim": float(np.mean([ssim_channel(a[..., c], b[..., c]) for c in range(3)])),
        "mean_luma_a": float(ya.mean()),
    }
    if src is not None:
        ys, cbs, crs = ycbcr(src)
        out["luma_identity_max"] = float(np.abs(ya - ys).max())
        out["chroma_identity_max"] = float(np.sqrt((cba - cbs) ** 2 + (cra - crs) ** 2).max())
    while rest:
        if rest[0] == "--patch":
            size, bins = int(rest[2]), int(rest[3])
            patch = np.fromfile(rest[1], dtype=np.float32).astype(np.float64).reshape(size, size)
            out["nps_power"], out["nps_rms"] = nps(patch, bins)
            rest = rest[4:]
        elif rest[0] == "--values":
            values = np.fromfile(rest[1], dtype=np.float64)
            out["p95"] = float(np.percentile(values, 95))
            out["p50"] = float(np.percentile(values, 50))
            rest = rest[2:]
        else:
            raise SystemExit("unknown argument " + rest[0])
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
