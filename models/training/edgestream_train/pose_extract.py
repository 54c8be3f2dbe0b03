"""Keypoints of clips with MoveNet in torch (for building training data from videos).

    from edgestream_train.pose_extract import load_movenet, keypoints_of_video
    enc = load_movenet("/work/npm/pkg/package/models/movenet-lightning.json", cache="/work/npm/cache/movenet-lightning.pt")
    times, kps, (w, h) = keypoints_of_video("clip.mp4", 10, enc)    # kps [T,17,3] = (y, x, score)

CLI (from models/training):
    /usr/bin/python3 -m edgestream_train.pose_extract --video F --fps 10 --out kps.npz [--model M] [--batch 32]

Frames are decoded with OpenCV, resampled to `fps` by timestamp (pose_frames.resampled_frames),
letterboxed as the C# pipeline does (pose_frames.letterbox) and run in batches; keypoints are in the
letterboxed input's normalised coordinates (pose_frames.keypoints_to_source maps them to pixels).
"""
import argparse
import os
import sys
import time

import cv2
import numpy as np
import torch

from .pose_encoder import PoseEncoder
from .pose_frames import letterbox, resampled_frames
from .tfjs_graph import TfjsGraph, load_cache, save_cache
from .tfjs_load import load_model_json

DEFAULT_MODEL = os.environ.get("EDGESTREAM_MOVENET", "/work/npm/cache/movenet-lightning.pt")


def load_movenet(path=DEFAULT_MODEL, cache=None):
    """PoseEncoder (eval mode) of a single-pose MoveNet from its model.json, or from a cache written by
    a previous call (`cache`, a .pt path: written when `path` is a json, read when `path` is a .pt)."""
    if path.endswith(".pt"):
        parsed = load_cache(path)
    else:
        parsed = load_model_json(path)
        if cache:
            os.makedirs(os.path.dirname(os.path.abspath(cache)), exist_ok=True)
            save_cache(parsed, cache)
    return PoseEncoder(TfjsGraph(parsed)).eval()


def _run(encoder, batch_u8):
    x = torch.from_numpy(np.stack(batch_u8)).permute(0, 3, 1, 2).float()
    with torch.no_grad():
        return encoder(x).reshape(-1, 17, 3).numpy()


def keypoints_of_video(path, fps, model=None, batch=32):
    """(times_s [T] (the k / fps ticks), keypoints float32 [T,17,3] (y, x, score), (W, H))."""
    encoder = model if model is not None else load_movenet()
    times, kps, pending, wh = [], [], [], None
    for t, bgr in resampled_frames(path, fps):
        wh = (bgr.shape[1], bgr.shape[0])
        times.append(t)
        pending.append(letterbox(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), encoder.size))
        if len(pending) == batch:
            kps.append(_run(encoder, pending))
            pending = []
    if pending:
        kps.append(_run(encoder, pending))
    return np.asarray(times), np.concatenate(kps).astype(np.float32), wh


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--video", required=True)
    ap.add_argument("--fps", type=float, required=True)
    ap.add_argument("--out", required=True, help=".npz with times_s, keypoints [T,17,3] (y, x, score), width, height")
    ap.add_argument("--model", default=DEFAULT_MODEL, help="model.json or a cache .pt (default %(default)s)")
    ap.add_argument("--cache", help="write a cache .pt when --model is a json")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    a = ap.parse_args(argv)
    if a.threads:
        torch.set_num_threads(a.threads)
    start = time.time()
    times, kps, (w, h) = keypoints_of_video(a.video, a.fps, load_movenet(a.model, a.cache), a.batch)
    np.savez_compressed(a.out, times_s=times, keypoints=kps, width=w, height=h, fps=a.fps)
    print(f"{a.video}: {len(times)} frames at {a.fps} fps, {w}x{h}, {time.time() - start:.1f} s -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
