"""Golden vectors of the pose encoder: 3 letterboxed frames of OpenCV's vtest clip and PyTorch's
features for each variant (fp32; fp16 = float16 emulation, pose_measure.fp16_emulation; int8 = the
fake-quant model), in the project's golden format (docs/model-contract.md).

Why vtest: it is the only shared clip with clear reuse terms (clips/README.md); the real-actions
clips must not be committed, and frames cut from them would be. The three frames (t = 8, 17, 19 s
of the 20 s clip) were picked among its 1 fps frames for the largest argmax margins (pose_measure.
margins) with most keypoints above 0.3, so that a small numeric difference between PyTorch and
ONNX Runtime cannot flip an argmax (a flip moves a keypoint by >= 1/48 of the input).
"""
import json
import os

import cv2
import numpy as np
import torch

from . import pose_measure as pm
from .pose_data import clips_dir
from .pose_encoder import PoseEncoder
from .pose_frames import letterbox, resampled_frames

CLIP = os.path.join("opencv", "vtest_first20s_h264.mp4")
TIMES = (8.0, 17.0, 19.0)
# Largest allowed |ONNX Runtime - PyTorch| per feature (y, x in 0..1, score in 0..1).
# fp32: two fp32 implementations; measured fp32-vs-float64 differences are far below (eval/encoder.json).
# fp16: the expected values are an emulation (float16 after every op); 3x the emulation's own distance
#   to fp32 on these frames, at least 0.01.
# int8: ORT's integer kernels requantise differently from fake quant; this network amplifies one
#   8-bit step a lot (ENCODER.md), so the bound is an estimate to be confirmed by the C# check.
TOLERANCE = {"fp32": 1e-3, "fp16": 0.01, "int8": 0.05}


def frames(data_dir=None, size=192):
    """uint8 [3,size,size,3] RGB letterboxed frames and (W, H) of the source."""
    path = os.path.join(clips_dir(data_dir), CLIP)
    got, wh = {}, None
    for t, bgr in resampled_frames(path, 1.0):
        if t in TIMES:
            got[t] = letterbox(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), size)
            wh = (bgr.shape[1], bgr.shape[0])
    if len(got) != len(TIMES):
        raise ValueError(f"{path}: frames at {sorted(set(TIMES) - set(got))} s not decoded")
    return np.stack([got[t] for t in TIMES]), wh


def write(out_dir, graphs, data_dir=None, size=192):
    """golden/frames.rgb + golden/encoder_golden.json; returns a summary for eval/encoder.json."""
    x, wh = frames(data_dir, size)
    folder = os.path.join(out_dir, "golden")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "frames.rgb"), "wb") as f:
        f.write(np.ascontiguousarray(x, np.uint8).tobytes())
    with torch.no_grad():
        feats = {v: PoseEncoder(g)(pm.to_input(x)).numpy() for v, g in graphs.items()}
    diff = {v: float(np.abs(feats[v] - feats["fp32"]).max()) for v in feats}
    tol = dict(TOLERANCE)
    tol["fp16"] = max(tol["fp16"], 3 * diff["fp16"])
    margins = {v: [round(float(m), 5) for m in pm.margins(g, x)] for v, g in graphs.items()}
    case = {
        "name": "vtest_3_frames",
        "input": {"file": "frames.rgb", "dtype": "uint8", "shape": [len(x), size, size, 3]},
        "frames": [{"source": "clips/" + CLIP.replace(os.sep, "/"), "timeS": t, "sourceSize": list(wh)} for t in TIMES],
        "expected": {v: {"features": [round(float(a), 6) for a in f.reshape(-1)]} for v, f in feats.items()},
    }
    doc = {
        "description": ("Pose encoder golden vectors: input uint8 [N,S,S,3] RGB letterboxed frames (raw bytes); "
                        "the model input is frames[N,3,S,S] = these pixel values as float32 (scale 1, mean 0, "
                        "std 1); expected features are [N,51] row-major, 17 keypoints x (y, x, score)."),
        "cases": [case],
        "tolerance": {v: {"features": t} for v, t in tol.items()},
        "argmaxMargins": margins,
        "maxAbsDiffToFp32": diff,
    }
    with open(os.path.join(folder, "encoder_golden.json"), "w") as f:
        json.dump(doc, f, indent=1)
    return {"frames": [f"{CLIP}@{t}s" for t in TIMES], "tolerance": tol, "argmaxMargins": margins,
            "maxAbsDiffToFp32": diff}
