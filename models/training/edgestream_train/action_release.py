"""Build models/action/: every variant and layout, manifest.json (with sha256), golden vectors,
the precision table's PyTorch numbers, and the test split in golden format for ONNX Runtime."""
import copy
import hashlib
import json
import os

import numpy as np
import torch

from . import action_export as ax
from .action_data import FPS, MEAN, SCALE, SIZE, STD, T, to_model_input
from .action_quant import WEIGHT_RANGE, calibrate, onnx_weight_range, prepare_int8
from .action_train import predict

VARIANTS = [("fp32", "float32"), ("fp16", "float32"), ("int8", "float32")]  # fp16 keeps float32 I/O: to_fp16
# Golden tolerances (max abs difference, ONNX Runtime vs these PyTorch numbers).
# fp16: PyTorch cannot run the fp16 graph on CPU, expected values are an emulation (fp16-rounded
# weights and input, fp32 compute), so the bound is loose. int8: ORT's integer kernels requantise
# slightly differently from fake quant; one 8-bit step in a feature can move a logit by ~0.1.
TOLERANCE = {"fp32": {"logits": 1e-3, "attention": 1e-4},
             "fp16": {"logits": 0.1, "attention": 0.01},
             "int8": {"logits": 0.3, "attention": 0.03}}
# fp32 is the CPU default: on CPUs without VNNI int8 is only 1.1-1.3x faster per window (the LSTM
# stays float; benchmarks/README.md) and its 98.6% top-1 agreement flips borderline windows of the
# sample clips (an extra label after a fall). int8 stays shipped for VNNI CPUs and TensorRT.
DEFAULTS = {"variant": "fp32", "layout": "split", "stride": 4, "threshold": 0.6,
            "enterWindows": 2, "exitWindows": 2, "topK": 3}


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def fp16_emulation(model):
    """fp32 compute with fp16-rounded weights (and inputs, see `run`): the closest CPU stand-in."""
    m = copy.deepcopy(model)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(p.half().float())
    return m


def torch_variants(model, calib_clips):
    """name -> (torch model, input transform) for the PyTorch side of each variant."""
    q = prepare_int8(model)
    calibrate(q, [to_model_input(calib_clips[i:i + 32]) for i in range(0, len(calib_clips), 32)])
    return {"fp32": (model, None), "fp16": (fp16_emulation(model), "half"), "int8": (q, None)}


def run(variant, clips_u8, batch=64):
    model, transform = variant
    model.eval()
    outs, atts = [], []
    with torch.no_grad():
        for i in range(0, len(clips_u8), batch):
            x = to_model_input(clips_u8[i:i + batch])
            if transform == "half":
                x = x.half().float()
            lo, at = model(x)
            outs.append(lo.numpy())
            atts.append(at.numpy())
    return np.concatenate(outs), np.concatenate(atts)


def export_all(models, out_dir, log=print):
    """Write action.{layout}.{variant}.onnx files; returns manifest variants and inspection."""
    variants, report = [], {}
    for name, io in VARIANTS:
        entry = {"name": name, "precision": name, "ioType": io}
        for layout in ("fused", "encoder", "head"):
            stem = "action" if layout == "fused" else f"action.{layout}"
            path = os.path.join(out_dir, f"{stem}.{name}.onnx")
            if name == "fp16":
                ax.to_fp16(os.path.join(out_dir, f"{stem}.fp32.onnx"), path)
            elif name == "int8":
                with onnx_weight_range(models[name][0]):
                    ax.export(models[name][0], layout, path)
                ax.compact_qdq(path, weight_range=WEIGHT_RANGE)
            else:
                ax.export(models[name][0], layout, path)
            summary = ax.inspect(path)
            ax.assert_dynamic_batch(summary)
            summary["bytes"] = os.path.getsize(path)
            report[os.path.basename(path)] = summary
            entry[layout] = {"file": os.path.basename(path), "sha256": sha256(path)}
            q = summary["ops"].get("QuantizeLinear", 0)
            dq = summary["ops"].get("DequantizeLinear", 0)
            log(f"  {os.path.basename(path)}: {summary['bytes']} B, inputs {summary['inputs']}, "
                f"outputs {[(o['name'], o['type'], o['shape']) for o in summary['outputs']]}, Q/DQ {q}/{dq}")
        variants.append(entry)
    return variants, report


def manifest(labels, variants, version="1.0.0"):
    return {
        "formatVersion": 1,
        "name": "action-cnn-lstm-attention",
        "version": version,
        "task": "action",
        "description": ("CNN (3 conv blocks 32/64/64, global average + max pool = 128 features) per frame -> "
                        "LSTM(128) -> additive attention over time; linear classifier on [context, last LSTM state]. "
                        "Trained on synthetic stick-figure clips (models/training, edgestream_train action). "
                        "Split layout: encoder per frame, head per window."),
        "labels": list(labels),
        "input": {"frames": T, "channels": 3, "height": SIZE, "width": SIZE, "fps": FPS, "colorOrder": "rgb",
                  "scale": SCALE, "mean": [MEAN] * 3, "std": [STD] * 3, "resize": "stretch"},
        "tensors": {"frames": "frames", "features": "features", "logits": "logits", "attention": "attention"},
        "featureSize": 128,
        "variants": variants,
        "defaults": dict(DEFAULTS),
        "golden": "golden/golden.json",
    }


def write_cases(folder, json_name, clips, labels_idx, labels, names, expected=None, tolerance=None):
    """Golden-format file: one raw uint8 [T,H,W,3] .rgb per case (+ expected outputs if given)."""
    os.makedirs(folder, exist_ok=True)
    cases = []
    for i, (clip, y, name) in enumerate(zip(clips, labels_idx, names)):
        with open(os.path.join(folder, f"{name}.rgb"), "wb") as f:
            f.write(np.ascontiguousarray(clip, dtype=np.uint8).tobytes())
        case = {"name": name, "label": labels[int(y)],
                "input": {"file": f"{name}.rgb", "dtype": "uint8", "shape": list(clip.shape)}}
        if expected is not None:
            case["expected"] = {v: {"logits": [round(float(a), 6) for a in expected[v][0][i]],
                                    "attention": [round(float(a), 7) for a in expected[v][1][i]]}
                                for v in expected}
        cases.append(case)
    doc = {"cases": cases}
    if tolerance:
        doc["tolerance"] = tolerance
    with open(os.path.join(folder, json_name), "w") as f:
        json.dump(doc, f, indent=1)
    return doc


def pick_golden(test_x, test_y, labels, outputs, wanted=("fall", "sit_down", "stand_up", "wave")):
    """First test clip of each wanted class that every variant classifies correctly."""
    picks = []
    for name in wanted:
        k = labels.index(name)
        ok = np.ones(len(test_y), bool)
        for lo, _ in outputs.values():
            ok &= lo.argmax(1) == test_y
        idx = np.flatnonzero((test_y == k) & ok)
        picks.append(int(idx[0]) if len(idx) else int(np.flatnonzero(test_y == k)[0]))
    return picks


def precision_table(outputs, test_y, report, sizes_of):
    ref = outputs["fp32"][0]
    rows = []
    for name, (lo, at) in outputs.items():
        rows.append({"variant": name,
                     "bytes": {lay: report[f][ "bytes"] for lay, f in sizes_of(name).items()},
                     "testAccuracy": float((lo.argmax(1) == test_y).mean()),
                     "top1AgreementWithFp32": float((lo.argmax(1) == ref.argmax(1)).mean()),
                     "maxAbsLogitDiff": float(np.abs(lo - ref).max()),
                     "maxAbsAttentionDiff": float(np.abs(at - outputs["fp32"][1]).max())})
    return rows
