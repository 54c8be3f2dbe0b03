"""Frames for the pose encoder: the letterbox rule shared with the C# pipeline, the inverse mapping
of keypoints to source pixels, and decoding a clip resampled to a frame rate by timestamp.

Letterbox (the C# side must compute exactly this, in double precision):
    s  = min(size / W, size / H)
    nw = max(1, floor(W * s + 0.5)),  nh = max(1, floor(H * s + 0.5))   (round half up, not to even)
    resize to (nw, nh) with OpenCV INTER_AREA, paste on a black size x size canvas at
    x0 = (size - nw) // 2, y0 = (size - nh) // 2   (an odd margin leaves the extra pixel right/bottom)
"""
import math

import cv2
import numpy as np

TIE_S = 1e-6


def letterbox_geometry(w, h, size=192):
    """(nw, nh, x0, y0) of a W x H image letterboxed into size x size."""
    if w < 1 or h < 1:
        raise ValueError(f"image size {w}x{h}")
    s = min(size / w, size / h)
    nw = max(1, int(math.floor(w * s + 0.5)))
    nh = max(1, int(math.floor(h * s + 0.5)))
    return nw, nh, (size - nw) // 2, (size - nh) // 2


def letterbox(bgr_or_rgb_u8, size=192):
    """The image scaled to fit size x size (aspect kept, INTER_AREA) and centred on black.
    Channel order is kept; the pose encoder wants RGB."""
    img = np.asarray(bgr_or_rgb_u8)
    h, w = img.shape[:2]
    nw, nh, x0, y0 = letterbox_geometry(w, h, size)
    canvas = np.zeros((size, size) + img.shape[2:], dtype=img.dtype)
    canvas[y0:y0 + nh, x0:x0 + nw] = cv2.resize(img, (nw, nh), interpolation=cv2.INTER_AREA).reshape(
        (nh, nw) + img.shape[2:])
    return canvas


def keypoints_to_source(kps, w, h, size=192):
    """MoveNet keypoints (..., 3) = (y, x, score), y/x normalised over the letterboxed input ->
    (..., 3) = (x_px, y_px, score) in the W x H source image. Continuous pixel coordinates (0 is the
    top/left edge of the first row/column); the per-axis scale is nw/W, nh/H, the scale the resize
    actually applied after rounding. Points in the black margin map outside [0, W) x [0, H)."""
    kps = np.asarray(kps, np.float64)
    nw, nh, x0, y0 = letterbox_geometry(w, h, size)
    x = (kps[..., 1] * size - x0) * (w / nw)
    y = (kps[..., 0] * size - y0) * (h / nh)
    return np.stack([x, y, kps[..., 2]], -1)


def _frames_with_times(path):
    """(time_s, bgr) for every decoded frame. Timestamps are the container's; a missing, repeated
    or backwards one becomes the previous one plus one frame interval (the C# file source's rule)."""
    cap = cv2.VideoCapture(path)
    if not cap.isOpened():
        raise IOError(f"cannot open video {path}")
    native = cap.get(cv2.CAP_PROP_FPS)
    step = 1.0 / native if native and native > 0 else 1.0 / 30
    prev = None
    try:
        while True:
            ok, img = cap.read()
            if not ok:
                break
            t = cap.get(cv2.CAP_PROP_POS_MSEC) / 1000.0
            if prev is not None and not t > prev:
                t = prev + step
            prev = t
            yield t, img
    finally:
        cap.release()


def resampled_frames(path, fps):
    """(tick_time_s, bgr) for the ticks k / fps (k = 0, 1, ...) up to the last frame's time; each tick
    gets the decoded frame whose time is nearest (the earlier one on a tie, within TIE_S so that float
    noise in the timestamps cannot decide), so frames are dropped or repeated to reach `fps`.
    Streams: only two decoded frames are held at a time."""
    if fps <= 0:
        raise ValueError(f"fps {fps}")
    k, before = 0, None
    for t, img in _frames_with_times(path):
        while k / fps <= t:
            tick = k / fps
            if before is not None and tick - before[0] <= t - tick + TIE_S:
                yield tick, before[1]
            else:
                yield tick, img
            k += 1
        before = (t, img)
    if before is None:
        raise ValueError(f"no frames decoded from {path}")


def video_size(path):
    cap = cv2.VideoCapture(path)
    try:
        return int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
    finally:
        cap.release()


def letterboxed_rgb(path, fps, size=192):
    """(times [T], uint8 [T, size, size, 3] RGB letterboxed frames, (W, H)) of a clip at `fps`."""
    times, frames, wh = [], [], None
    for t, bgr in resampled_frames(path, fps):
        wh = (bgr.shape[1], bgr.shape[0])
        times.append(t)
        frames.append(letterbox(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), size))
    return np.asarray(times), np.stack(frames), wh
