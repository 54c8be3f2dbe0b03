"""What pose_fewshot reads: the keypoint files `edgestream keypoints` wrote (index.json, one CSV per clip), cut
into the base model's windows, split into training and held-out clips; the base head's weights (from its ONNX
file: a user has the released model folder, not its training checkpoint); training-time augmentation.
"""
import csv
import json
import os

import numpy as np
import torch

from .pose_head import JOINTS, MIN_SCORE, MIN_VISIBLE
from .pose_keypoints import MIRROR

OTHER = "other"


class KeypointsError(SystemExit):
    """A problem with the inputs, said with the fix; ends the command with exit code 2."""

    def __init__(self, message):
        super().__init__(f"pose_fewshot: {message}")
        self.code = 2


def read_index(folder):
    path = os.path.join(folder, "index.json")
    if not os.path.exists(path):
        raise KeypointsError(f"{path} not found; make it with `edgestream keypoints CLIPS --out {folder}`")
    with open(path) as f:
        index = json.load(f)
    if not index.get("clips"):
        raise KeypointsError(f"{path} lists no clips (every clip failed?); see the output of `edgestream keypoints`")
    return index


def check_base(index, base):
    """The keypoints must come from an encoder the base model ships, at its rate: the new head runs behind it."""
    encoders = {v["encoder"]["sha256"].lower() for v in base["variants"] if v.get("encoder")}
    used = index["model"]["encoder"]["sha256"].lower()
    if used not in encoders:
        raise KeypointsError(f"the keypoints were made by encoder {index['model']['encoder']['file']} ({used[:12]}) of "
                             f"{index['model']['name']}, which the base model {base['name']} does not ship; rerun "
                             f"`edgestream keypoints ... --model BASE_FOLDER` or pass the --base they were made with")
    if abs(float(index["fps"]) - float(base["input"]["fps"])) > 1e-6 or index.get("featureSize") != base["featureSize"]:
        raise KeypointsError(f"the keypoints are at {index['fps']} fps with {index.get('featureSize')} features; "
                             f"the base model wants {base['input']['fps']} fps and {base['featureSize']}")


def read_clip(folder, entry):
    """(times [N], features [N,F] float32) of one clip's CSV (time_s, source_frame, f0..)."""
    with open(os.path.join(folder, entry["file"]), newline="") as f:
        rows = list(csv.reader(f))
    data = np.array(rows[1:], dtype=np.float64).reshape(len(rows) - 1, len(rows[0]))
    return data[:, 0], data[:, 2:].astype(np.float32)


def windows(times, feats, frames, stride, fps):
    """Windows [W, frames, F] inside runs of consecutive frames (a gap in time starts a new run, as the
    pipeline's window ring resets)."""
    breaks = np.nonzero(np.diff(times) > 1.5 / fps)[0] + 1
    out = []
    for run in np.split(np.arange(len(times)), breaks):
        for s in range(0, len(run) - frames + 1, stride):
            out.append(feats[run[s]:run[s] + frames])
    return np.stack(out) if out else np.zeros((0, frames, feats.shape[1]), np.float32)


def user_labels(index):
    """`other` first (pose_head.abstain pushes every label but index 0 down), then the user's labels in order."""
    mine = sorted({c["label"] for c in index["clips"]})
    return [OTHER] + [lab for lab in mine if lab != OTHER], OTHER not in mine


def split_clips(index, holdout=True):
    """(train entries, held-out entries): the last clip (by name) of every label that has two or more."""
    by_label = {}
    for c in sorted(index["clips"], key=lambda c: c["source"]):
        by_label.setdefault(c["label"], []).append(c)
    train, held = [], []
    for clips in by_label.values():
        if holdout and len(clips) >= 2:
            train += clips[:-1]
            held.append(clips[-1])
        else:
            train += clips
    return train, held


def clip_set(folder, entries, labels, frames, stride, fps):
    """(x [N,frames,F], y [N], clip index [N]) of the entries' windows, and the entries with none (too short)."""
    xs, ys, cs, short = [], [], [], []
    for k, entry in enumerate(entries):
        w = windows(*read_clip(folder, entry), frames, stride, fps)
        if len(w) == 0:
            short.append(entry)
            continue
        xs.append(w)
        ys.append(np.full(len(w), labels.index(entry["label"]), np.int64))
        cs.append(np.full(len(w), k, np.int64))
    if not xs:
        return np.zeros((0, frames, JOINTS * 3), np.float32), np.zeros(0, np.int64), np.zeros(0, np.int64), short
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(cs), short


def visible_share(x):
    """[N,T,51] -> [N]: the share of joint observations at or above MIN_SCORE (pose_head.abstain's gate)."""
    return (x.reshape(len(x), x.shape[1], JOINTS, 3)[..., 2] >= MIN_SCORE).mean(axis=(1, 2))


def relabel_unseen(y, x):
    """Windows the head abstains on (nobody seen well enough: pose_head.MIN_VISIBLE) are `other` whatever the clip's
    label: the head's fixed penalty answers `other` for them anyway, and training them as the clip's label would ask
    the network to beat a penalty it cannot see past."""
    return np.where(visible_share(x) < MIN_VISIBLE, 0, y)


def augment(x, rng):
    """Training copies of real windows: a mirror half of the time (MoveNet's left/right follow the person, so the
    joints swap and x flips), the body moved and scaled by up to 10% about its centre (another distance or place in
    the picture), and 0.3% keypoint jitter. Only seen joints move; scores stay."""
    x = x.copy().reshape(len(x), x.shape[1], JOINTS, 3)
    flip = rng.random(len(x)) < 0.5
    x[flip] = x[flip][:, :, MIRROR]
    x[flip, :, :, 1] = 1.0 - x[flip, :, :, 1]
    seen = x[..., 2] >= MIN_SCORE
    w = seen[..., None].astype(np.float32)
    centre = (x[..., :2] * w).sum(axis=(1, 2)) / np.maximum(w.sum(axis=(1, 2)), 1.0)          # [N,2]
    scale = rng.uniform(0.9, 1.1, (len(x), 1, 1, 1))
    shift = rng.uniform(-0.05, 0.05, (len(x), 1, 1, 2))
    yx = (x[..., :2] - centre[:, None, None]) * scale + centre[:, None, None] + shift
    yx += rng.normal(0, 0.003, yx.shape)
    x[..., :2] = np.where(seen[..., None], np.clip(yx, 0.0, 1.0), x[..., :2])
    return x.reshape(len(x), x.shape[1], JOINTS * 3).astype(np.float32)


def _gates(a, hidden):
    """ONNX LSTM gate order (i, o, f, c) -> PyTorch's (i, f, g, o) along the first axis."""
    i, o, f, c = (a[k * hidden:(k + 1) * hidden] for k in range(4))
    return np.concatenate([i, f, c, o])


def base_head_state(onnx_path, base_labels, labels, model):
    """The base head's weights as a state dict for `model` (a KeypointHead of `labels`), read from its ONNX file;
    the classifier rows of labels the base also has are kept, the others stay as initialised. Returns (state, kept).
    The mapping is checked in tests/test_pose_fewshot.py: loading the base head and exporting it again gives back
    the same initializers."""
    import onnx
    from onnx import numpy_helper
    graph = onnx.load(onnx_path).graph
    init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    mats = [init[n.input[1]] for n in graph.node if n.op_type == "MatMul" and n.input[1] in init]
    lstm = next(n for n in graph.node if n.op_type == "LSTM")
    w, r, b = (init[name][0] for name in lstm.input[1:4])
    hidden = r.shape[1]
    sd = {k: v.clone() for k, v in model.state_dict().items()}
    want = {"inp.0.weight": mats[0].T, "inp.0.bias": init["inp.0.bias"],
            "temporal.lstm.weight_ih_l0": _gates(w, hidden), "temporal.lstm.weight_hh_l0": _gates(r, hidden),
            "temporal.lstm.bias_ih_l0": _gates(b[:4 * hidden], hidden),
            "temporal.lstm.bias_hh_l0": _gates(b[4 * hidden:], hidden),
            "temporal.att1.weight": mats[1].T, "temporal.att1.bias": init["temporal.att1.bias"],
            "temporal.att2.weight": mats[2].T, "temporal.att2.bias": init["temporal.att2.bias"]}
    for k, v in want.items():
        if tuple(sd[k].shape) != v.shape:
            raise ValueError(f"{onnx_path}: {k} is {v.shape}, the head here has {tuple(sd[k].shape)}")
        sd[k] = torch.from_numpy(np.array(v, dtype=np.float32))
    fc_w, fc_b = init["temporal.fc.weight"], init["temporal.fc.bias"]
    kept = [lab for lab in labels if lab in base_labels]
    for lab in kept:
        sd["temporal.fc.weight"][labels.index(lab)] = torch.from_numpy(fc_w[base_labels.index(lab)].copy())
        sd["temporal.fc.bias"][labels.index(lab)] = float(fc_b[base_labels.index(lab)])
    return sd, kept
