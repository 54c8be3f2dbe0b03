"""Real frames for calibrating and checking the pose encoder, from the shared clips.

Allowed: every clip outside clips/real-actions/, and the real-actions clips whose split in
labels.tsv is `train`. The real-actions `test` split is evaluation data of the action models and
is never read here. The clips stay in shared/ (their licences forbid committing them, see
clips/README.md); only the opencv clip's frames are committed, as golden inputs.
"""
import csv
import os

import numpy as np

from .pose_frames import letterboxed_rgb
from .sensor_data import default_data_dir

VIDEO_EXT = (".mp4", ".avi", ".mkv", ".mov")


def clips_dir(data_dir=None):
    return os.path.join(str(data_dir or default_data_dir()), "clips")


def allowed_clips(data_dir=None):
    """Sorted paths of the clips calibration and checks may read (never the real-actions test split)."""
    root = clips_dir(data_dir)
    if not os.path.isdir(root):
        raise FileNotFoundError(f"{root} not found (set EDGESTREAM_DATA_DIR to the shared data folder)")
    real = os.path.join(root, "real-actions")
    split = {}
    with open(os.path.join(real, "labels.tsv"), newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            split[row["file"]] = row["split"]
    out = []
    for dirpath, _, files in os.walk(root):
        for name in files:
            if not name.lower().endswith(VIDEO_EXT):
                continue
            path = os.path.join(dirpath, name)
            if os.path.abspath(dirpath) == os.path.abspath(real):
                if name not in split:
                    raise ValueError(f"{path} has no row in real-actions/labels.tsv")
                if split[name] != "train":
                    continue
            out.append(path)
    return sorted(out)


def split_clips(paths):
    """(calibration, check) halves: alternate clips, so no clip is in both."""
    return paths[0::2], paths[1::2]


def sample_frames(paths, fps=1.0, per_clip=8, size=192):
    """Letterboxed RGB uint8 [F, size, size, 3] from each clip at `fps`, at most `per_clip` evenly
    spread frames per clip; also [(path, time_s, (W, H))] per frame."""
    frames, where = [], []
    for p in paths:
        times, lb, wh = letterboxed_rgb(p, fps, size)
        pick = np.unique(np.linspace(0, len(times) - 1, min(per_clip, len(times))).round().astype(int))
        frames.append(lb[pick])
        where += [(p, float(times[i]), wh) for i in pick]
    return np.concatenate(frames), where

