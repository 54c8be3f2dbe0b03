"""Action datasets: synthetic splits (cached as .npz) and a folder-of-videos loader (UCF101 layout).

All clips are uint8 [T, H, W, 3] RGB; normalisation happens in `to_model_input`, the same rule the
C# pipeline applies from the manifest (x = (p * scale - mean) / std, CHW).
"""
import os
from multiprocessing import Pool

import cv2
import numpy as np
import torch

from .action_render import LABELS, render_window

T, SIZE, FPS = 16, 64, 15
SCALE, MEAN, STD = 1.0 / 255.0, 0.5, 0.5
# Disjoint seed ranges per split: a clip's seed decides label variation, look and noise.
SPLIT_SEED = {"train": 1_000_000, "val": 2_000_000, "test": 3_000_000}


def _render(args):
    label_idx, seed, views = args
    return render_window(LABELS[label_idx], seed, frames=T, out_size=SIZE, views=views)


def generate_split(split, per_class, workers=2, base_seed=None, views="oblique"):
    """Balanced split: clip i has label i % K and seed base + i. Returns (clips uint8, labels int64)."""
    base = SPLIT_SEED[split] if base_seed is None else base_seed
    n = per_class * len(LABELS)
    jobs = [(i % len(LABELS), base + i, views) for i in range(n)]
    if workers > 1:
        with Pool(workers) as pool:
            clips = pool.map(_render, jobs, chunksize=32)
    else:
        clips = [_render(j) for j in jobs]
    return np.stack(clips), np.array([j[0] for j in jobs], dtype=np.int64)


def load_or_generate(data_dir, split, per_class, workers=2, views="oblique"):
    suffix = "" if views == "oblique" else f"_{views}"
    path = os.path.join(data_dir, f"{split}_{per_class}{suffix}.npz")
    if os.path.exists(path):
        z = np.load(path)
        return z["x"], z["y"]
    x, y = generate_split(split, per_class, workers, views=views)
    os.makedirs(data_dir, exist_ok=True)
    np.savez(path, x=x, y=y)
    return x, y


def to_model_input(clips_u8):
    """uint8 [..., H, W, 3] -> float32 [..., 3, H, W] normalised as the manifest says."""
    x = torch.as_tensor(clips_u8).float() * SCALE
    x = (x - MEAN) / STD
    return x.movedim(-1, -3).contiguous()


class ClipDataset(torch.utils.data.Dataset):
    """uint8 clips in memory; optional horizontal flip (every class is left/right symmetric)."""

    def __init__(self, clips, labels, flip=False, seed=0):
        self.clips, self.labels, self.flip = clips, labels, flip
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        c = self.clips[i]
        if self.flip and self.rng.random() < 0.5:
            c = c[:, :, ::-1]
        return to_model_input(np.ascontiguousarray(c)), int(self.labels[i])


# ---------------------------------------------------------------- folder of videos

VIDEO_EXT = (".avi", ".mp4", ".mkv", ".mov", ".webm", ".mpg", ".mpeg")


def read_video(path, fps=FPS, size=SIZE):
    """Decode, resample to `fps` by timestamp (drop/repeat, as the C# pipeline does), stretch-resize,
    RGB. Returns uint8 [N, size, size, 3]."""
    cap = cv2.VideoCapture(path)
    src_fps = cap.get(cv2.CAP_PROP_FPS) or fps
    frames = []
    ok, img = cap.read()
    while ok:
        frames.append(cv2.cvtColor(cv2.resize(img, (size, size), interpolation=cv2.INTER_AREA),
                                   cv2.COLOR_BGR2RGB))
        ok, img = cap.read()
    cap.release()
    if not frames:
        raise ValueError(f"no frames decoded from {path}")
    n_out = max(1, int(round(len(frames) * fps / src_fps)))
    idx = np.minimum((np.arange(n_out) * src_fps / fps + 1e-6).astype(int), len(frames) - 1)
    return np.stack([frames[i] for i in idx])


def windows(video, t=T, stride=4):
    """All windows of t frames with the given stride (a short video is padded by repeating its last frame)."""
    if len(video) < t:
        video = np.concatenate([video, np.repeat(video[-1:], t - len(video), 0)])
    return [video[s:s + t] for s in range(0, len(video) - t + 1, stride)]


class VideoFolderDataset(torch.utils.data.Dataset):
    """root/<class>/<video files> (the UCF101 layout). Every video is decoded once and cut into
    windows of T frames; `labels` fixes the class order (default: sorted folder names)."""

    def __init__(self, root, labels=None, stride=8, flip=False):
        self.labels = labels or sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
        clips, ys = [], []
        for k, name in enumerate(self.labels):
            folder = os.path.join(root, name)
            if not os.path.isdir(folder):
                continue
            for f in sorted(os.listdir(folder)):
                if f.lower().endswith(VIDEO_EXT):
                    for w in windows(read_video(os.path.join(folder, f)), stride=stride):
                        clips.append(w)
                        ys.append(k)
        if not clips:
            raise ValueError(f"no videos found under {root}")
        self.inner = ClipDataset(np.stack(clips), np.array(ys, dtype=np.int64), flip=flip)

    def __len__(self):
        return len(self.inner)

    def __getitem__(self, i):
        return self.inner[i]

    @property
    def clips(self):
        return self.inner.clips

    @property
    def targets(self):
        return self.inner.labels
