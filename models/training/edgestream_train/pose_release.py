"""Release of the pose action model (models/pose): the keypoint head's ONNX file, golden vectors and
manifest, next to the pose encoder files that pose_convert wrote.

  /usr/bin/python3 -m edgestream_train.pose_release --head runs/pose/head_lstm_attention.pt \
      --movenet /path/to/movenet-lightning.json --out ../pose

Every variant is the MoveNet encoder at that precision plus the same fp32 head: the head costs
~0.1 ms a window against ~10 ms a frame for the encoder, and its LSTM has no int8 kernel in ONNX
Runtime (action_quant), so a cheaper head would buy nothing measurable.
Golden cases: letterboxed frames of sample clips that may be committed (the rendered samples under
models/samples/clips; never the real-actions clips, whose terms forbid it), with PyTorch's outputs
per variant (the interpreter's fp32, fp16 and fake-quant int8 encoders) for the C# parity test.
"""
import argparse
import hashlib
import json
import os
import warnings

import numpy as np
import torch

from .pose_head import RAW
from .pose_keypoints import LABELS

HEAD_FILE = "pose.head.fp32.onnx"
TOLERANCE = {"fp32": {"logits": 2e-3, "attention": 5e-4},
             "fp16": {"logits": 2e-2, "attention": 5e-3},
             "int8": {"logits": 5e-2, "attention": 1e-2}}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def export_head(head, path, frames):
    dyn = {"features": {0: "B", 1: "T"}, "logits": {0: "B"}, "attention": {0: "B", 1: "T"}}
    with warnings.catch_warnings():  # the LSTM batch warning does not apply: h0/c0 are sized from the input
        warnings.simplefilter("ignore")
        torch.onnx.export(head.eval(), torch.rand(2, frames, RAW), path, opset_version=17, input_names=["features"],
                          output_names=["logits", "attention"], dynamic_axes=dyn, do_constant_folding=True)
    return path


def manifest(out, info, encoders, frames, fps, defaults):
    variants = [{"name": v, "precision": v, "ioType": "float32",
                 "encoder": {"file": f, "sha256": sha256(os.path.join(out, f))},
                 "head": {"file": HEAD_FILE, "sha256": sha256(os.path.join(out, HEAD_FILE))}}
                for v, f in encoders.items()]
    return {
        "formatVersion": 1, "name": "pose-keypoint-lstm-attention", "version": "1.0.0", "task": "action",
        "description": "MoveNet single-pose lightning (Google, Apache-2.0; see NOTICE) per frame as the encoder: "
                       "17 keypoints x (y, x, score) = 51 features; head: keypoints normalised over the window "
                       "(centre, body length, velocities, scores) -> LSTM(64) -> additive attention -> linear "
                       f"(models/training, edgestream_train pose_train; synthetic test accuracy {info['test_acc']:.4f}).",
        "labels": LABELS,
        "input": {"frames": frames, "channels": 3, "height": 192, "width": 192, "fps": fps, "colorOrder": "rgb",
                  "scale": 1.0, "mean": [0.0, 0.0, 0.0], "std": [1.0, 1.0, 1.0], "resize": "letterbox"},
        "tensors": {"frames": "frames", "features": "features", "logits": "logits", "attention": "attention"},
        "featureSize": RAW,
        "variants": variants,
        "defaults": defaults,
        "golden": "golden/golden.json",
    }


def golden(out, cases, encoders_torch, head):
    """cases: [(name, uint8 [T,192,192,3] RGB letterboxed)]. Writes golden/ and returns its json."""
    os.makedirs(os.path.join(out, "golden"), exist_ok=True)
    result = {"cases": [], "tolerance": {v: TOLERANCE[v] for v in encoders_torch}}
    for name, frames in cases:
        frames.astype(np.uint8).tofile(os.path.join(out, "golden", f"{name}.rgb"))
        x = torch.from_numpy(frames).permute(0, 3, 1, 2).float()
        expected = {}
        with torch.no_grad():
            for v, enc in encoders_torch.items():
                feats = enc(x).float().reshape(1, len(frames), RAW)
                logits, att = head(feats)
                expected[v] = {"logits": [round(float(a), 6) for a in logits[0]],
                               "attention": [round(float(a), 7) for a in att[0]]}
        result["cases"].append({"name": name, "label": "", "input": {"file": f"{name}.rgb", "dtype": "uint8",
                                                                     "shape": list(frames.shape)},
                                "expected": expected})
    with open(os.path.join(out, "golden", "golden.json"), "w") as f:
        json.dump(result, f, indent=1)
    return result


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--head", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--enter", type=int, default=2)
    ap.add_argument("--stride", type=int, default=2)
    a = ap.parse_args(argv)
    from .pose_train import load
    head, info = load(a.head)
    export_head(head, os.path.join(a.out, HEAD_FILE), info["frames"])
    print(f"wrote {HEAD_FILE}; encoders and golden: pose_convert")


if __name__ == "__main__":
    main()
