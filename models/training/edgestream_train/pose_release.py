"""Release of the pose action model (models/pose): the keypoint head's ONNX file, golden vectors and
manifest, next to the pose encoder files that pose_convert wrote.

  /usr/bin/python3 -m edgestream_train.pose_release --head runs/pose/head_lstm_attention.pt \
      --movenet /path/to/movenet-lightning.json --out ../pose

Every variant is the MoveNet encoder at that precision plus the same fp32 head: the head costs
~0.1 ms a window against ~10 ms a frame for the encoder, and its LSTM has no int8 kernel in ONNX
Runtime (action_quant), so a cheaper head would buy nothing measurable.
Golden case: one window of letterboxed frames of OpenCV's vtest clip (the only shared clip with clear
reuse terms; never the real-actions clips, whose terms forbid committing them), with PyTorch's
outputs for fp32 and fp16 (float16 emulation). int8 has no model-level golden: its fake-quant
encoder is calibrated in pose_convert and its keypoints move by several pixels (models/pose/ENCODER.md),
so its parity is checked at the encoder (golden/encoder_golden.json), not through the head.
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
    """cases: [(name, uint8 [T,192,192,3] RGB letterboxed)]. Writes golden/ and returns its json.

    fp16's expected values are fp32's, with a tolerance of 3x the distance of the float16 emulation
    (pose_measure.fp16_emulation) to fp32 on these cases: the emulation rounds after every op and
    ONNX Runtime's fp16 kernels round differently, so neither is the other's reference; both land
    about as far from fp32 (measured: 0.13 in logits each), because the head divides keypoint
    offsets by the body length and so magnifies a 0.01 keypoint difference tenfold."""
    os.makedirs(os.path.join(out, "golden"), exist_ok=True)
    result = {"cases": [], "tolerance": {"fp32": dict(TOLERANCE["fp32"])}}
    spread = {}
    for name, frames in cases:
        frames.astype(np.uint8).tofile(os.path.join(out, "golden", f"{name}.rgb"))
        x = torch.from_numpy(frames).permute(0, 3, 1, 2).float()
        got = {}
        with torch.no_grad():
            for v, enc in encoders_torch.items():
                logits, att = head(enc(x).float().reshape(1, len(frames), RAW))
                got[v] = {"logits": logits[0].numpy(), "attention": att[0].numpy()}
        expected = {"fp32": got["fp32"]}
        if "fp16" in got:
            expected["fp16"] = got["fp32"]
            for k in ("logits", "attention"):
                spread[k] = max(spread.get(k, 0.0), float(np.abs(got["fp16"][k] - got["fp32"][k]).max()))
        result["cases"].append({"name": name, "label": "", "input": {"file": f"{name}.rgb", "dtype": "uint8",
                                                                     "shape": list(frames.shape)},
                                "expected": {v: {k: [round(float(a), 7) for a in arr] for k, arr in o.items()}
                                             for v, o in expected.items()}})
    if spread:
        result["tolerance"]["fp16"] = {k: round(max(TOLERANCE["fp16"][k], 3 * d), 4) for k, d in spread.items()}
        result["fp16EmulationMaxAbsDiffToFp32"] = spread
    with open(os.path.join(out, "golden", "golden.json"), "w") as f:
        json.dump(result, f, indent=1)
    return result


def golden_frames(data_dir, frames, fps):
    """One window of OpenCV's vtest clip from 8 s (the encoder golden's clip: pose_golden explains why)."""
    from .pose_data import clips_dir
    from .pose_frames import letterbox, resampled_frames
    import cv2
    path = os.path.join(clips_dir(data_dir), "opencv", "vtest_first20s_h264.mp4")
    got = [letterbox(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)) for t, bgr in resampled_frames(path, fps) if t >= 8.0]
    return np.stack(got[:frames])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--head", required=True)
    ap.add_argument("--movenet", required=True, help="movenet-lightning.json or its torch cache (pose_extract)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--data-dir", help="shared data folder (default: EDGESTREAM_DATA_DIR or ../shared/data)")
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--enter", type=int, default=2)
    ap.add_argument("--exit", type=int, default=2)
    ap.add_argument("--stride", type=int, default=2)
    a = ap.parse_args(argv)
    from .pose_train import load
    from .pose_extract import load_movenet
    from .pose_measure import fp16_emulation
    from .pose_encoder import PoseEncoder
    head, info = load(a.head)
    export_head(head, os.path.join(a.out, HEAD_FILE), info["frames"])
    enc = load_movenet(a.movenet).eval()
    encoders_torch = {"fp32": enc, "fp16": PoseEncoder(fp16_emulation(enc.graph)).eval()}
    frames = golden_frames(a.data_dir, info["frames"], info["fps"])
    golden(a.out, [("vtest_walkers", frames)], encoders_torch, head)
    files = {v: f"pose.encoder.{v}.onnx" for v in ("fp32", "fp16")}  # int8: rejected, see ENCODER.md
    defaults = {"variant": "fp32", "layout": "split", "stride": a.stride, "threshold": a.threshold,
                "enterWindows": a.enter, "exitWindows": a.exit, "topK": 3}
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump(manifest(a.out, info, files, info["frames"], info["fps"], defaults), f, indent=2)
    print(f"wrote {HEAD_FILE}, golden/golden.json (fp32, fp16; int8 has the encoder golden only) and manifest.json")


if __name__ == "__main__":
    main()
