"""Straightforward numpy versions of TF ops for one frame, written from TF's documented formulas
(loops, no torch), to check the interpreter against."""
import math

import numpy as np


def same_pads(size, k, s, d=1):
    out = math.ceil(size / s)
    total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
    return total // 2, total - total // 2


def _pad(x, padding, kh, kw, s, d, value=0.0):
    """x [B,H,W,C] padded per TF (SAME: the odd pixel after)."""
    if padding == "VALID":
        return x
    pt, pb = same_pads(x.shape[1], kh, s[0], d[0])
    pl, pr = same_pads(x.shape[2], kw, s[1], d[1])
    return np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)), constant_values=value)


def _windows(x, kh, kw, s, d):
    b, h, w, c = x.shape
    oh, ow = (h - (kh - 1) * d[0] - 1) // s[0] + 1, (w - (kw - 1) * d[1] - 1) // s[1] + 1
    for i in range(oh):
        for j in range(ow):
            ys = i * s[0] + np.arange(kh) * d[0]
            xs = j * s[1] + np.arange(kw) * d[1]
            yield i, j, x[:, ys][:, :, xs]  # [B,kh,kw,C]


def _out_hw(x, kh, kw, s, d):
    return (x.shape[1] - (kh - 1) * d[0] - 1) // s[0] + 1, (x.shape[2] - (kw - 1) * d[1] - 1) // s[1] + 1


def conv2d(x, w, s=(1, 1), padding="SAME", d=(1, 1)):
    """x [B,H,W,Cin], w [kh,kw,Cin,Cout]."""
    kh, kw, _, cout = w.shape
    xp = _pad(x.astype(np.float64), padding, kh, kw, s, d)
    oh, ow = _out_hw(xp, kh, kw, s, d)
    out = np.zeros((x.shape[0], oh, ow, cout))
    for i, j, win in _windows(xp, kh, kw, s, d):
        out[:, i, j] = np.einsum("bhwc,hwco->bo", win, w)
    return out


def depthwise(x, w, s=(1, 1), padding="SAME", d=(1, 1)):
    """w [kh,kw,Cin,mult]; output channel c*mult+m."""
    kh, kw, cin, mult = w.shape
    xp = _pad(x.astype(np.float64), padding, kh, kw, s, d)
    oh, ow = _out_hw(xp, kh, kw, s, d)
    out = np.zeros((x.shape[0], oh, ow, cin * mult))
    for i, j, win in _windows(xp, kh, kw, s, d):
        out[:, i, j] = np.einsum("bhwc,hwcm->bcm", win, w).reshape(x.shape[0], -1)
    return out


def max_pool(x, k, s, padding):
    xp = _pad(x.astype(np.float64), padding, k[0], k[1], s, (1, 1), value=-np.inf)
    oh, ow = _out_hw(xp, k[0], k[1], s, (1, 1))
    out = np.zeros((x.shape[0], oh, ow, x.shape[3]))
    for i, j, win in _windows(xp, k[0], k[1], s, (1, 1)):
        out[:, i, j] = win.max(axis=(1, 2))
    return out


def resize_bilinear(x, oh, ow, align_corners=False, half_pixel_centers=False):
    """TF's ResizeBilinear (image_resizer_state + compute_interpolation_weights)."""
    b, h, w, c = x.shape

    def scale(n_in, n_out):
        return (n_in - 1) / (n_out - 1) if align_corners and n_out > 1 else n_in / n_out

    def weights(n_in, n_out):
        sc, res = scale(n_in, n_out), []
        for o in range(n_out):
            src = (o + 0.5) * sc - 0.5 if half_pixel_centers else o * sc
            lo_f = math.floor(src)
            lo, hi = max(lo_f, 0), min(math.ceil(src), n_in - 1)
            res.append((lo, hi, src - lo_f))
        return res

    out = np.zeros((b, oh, ow, c))
    for i, (y0, y1, fy) in enumerate(weights(h, oh)):
        for j, (x0, x1, fx) in enumerate(weights(w, ow)):
            top = x[:, y0, x0] + (x[:, y0, x1] - x[:, y0, x0]) * fx
            bot = x[:, y1, x0] + (x[:, y1, x1] - x[:, y1, x0]) * fx
            out[:, i, j] = top + (bot - top) * fy
    return out


def gather_nd(params, indices):
    indices = np.asarray(indices)
    lead = indices.shape[:-1]
    flat = indices.reshape(-1, indices.shape[-1])
    return np.stack([params[tuple(ix)] for ix in flat]).reshape(lead + params.shape[indices.shape[-1]:])


def sigmoid(x):
    return 1 / (1 + np.exp(-x))
