"""ONNX Runtime parity check for models/action, for a machine that has the onnxruntime Python
package (Debian has none; the C# side does the same checks with the .NET runtime).

  python3 -m edgestream_train.action_ort_check --models ../action --test-per-class 100 --json out.json

Checks per variant and layout: golden cases within the manifest tolerance, split (encoder per frame
then head) equals fused, and on the synthetic test split (re-rendered here from its seeds): accuracy
and top-1 agreement / max logit difference against the fp32 ONNX model."""
import argparse
import json
import os
import time

import numpy as np
import onnxruntime as ort


def normalise(u8, man, dtype):
    x = u8.astype(np.float32) * man["input"]["scale"]
    x = (x - np.array(man["input"]["mean"], np.float32)) / np.array(man["input"]["std"], np.float32)
    return np.ascontiguousarray(np.moveaxis(x, -1, -3)).astype(dtype)


def sessions(folder, man, providers):
    out = {}
    for v in man["variants"]:
        for layout in ("fused", "encoder", "head"):
            if layout in v:
                prov = providers
                if v["ioType"] == "float16" and "CUDAExecutionProvider" in ort.get_available_providers():
                    prov = ["CUDAExecutionProvider", "CPUExecutionProvider"]
                out[v["name"], layout] = ort.InferenceSession(os.path.join(folder, v[layout]["file"]), providers=prov)
    return out


def run(sess, man, variant, clips_u8, batch=64):
    dtype = np.float16 if variant["ioType"] == "float16" else np.float32
    fused = sess[variant["name"], "fused"]
    enc, head = sess[variant["name"], "encoder"], sess[variant["name"], "head"]
    lo_f, at_f, lo_s, at_s = [], [], [], []
    for i in range(0, len(clips_u8), batch):
        x = normalise(clips_u8[i:i + batch], man, dtype)
        lo, at = fused.run(["logits", "attention"], {"frames": x})
        b, t = x.shape[:2]
        feats = enc.run(["features"], {"frames": x.reshape(b * t, *x.shape[2:])})[0]
        lo2, at2 = head.run(["logits", "attention"], {"features": feats.reshape(b, t, -1)})
        lo_f.append(lo), at_f.append(at), lo_s.append(lo2), at_s.append(at2)
    cat = lambda a: np.concatenate(a).astype(np.float32)
    return cat(lo_f), cat(at_f), cat(lo_s), cat(at_s)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", required=True)
    ap.add_argument("--test-per-class", type=int, default=100)
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    man = json.load(open(os.path.join(args.models, "manifest.json")))
    gold = json.load(open(os.path.join(args.models, man["golden"])))
    gdir = os.path.dirname(os.path.join(args.models, man["golden"]))
    # Render the test split before any ONNX Runtime session exists (fork after ORT threads start is unsafe).
    from .action_data import generate_split
    t = time.time()
    tx, ty = generate_split("test", args.test_per_class, workers=os.cpu_count() or 2)
    print(f"test split re-rendered: {tx.shape} in {time.time() - t:.0f}s", flush=True)
    print("creating sessions", flush=True)
    sess = sessions(args.models, man, ["CPUExecutionProvider"])
    report = {"onnxruntime": ort.__version__, "providers": ort.get_available_providers(), "golden": {}, "test": {}}
    g_in = np.stack([np.fromfile(os.path.join(gdir, c["input"]["file"]), np.uint8).reshape(c["input"]["shape"])
                     for c in gold["cases"]])
    for v in man["variants"]:
        print("golden run", v["name"], flush=True)
        lo_f, at_f, lo_s, at_s = run(sess, man, v, g_in)
        exp_lo = np.array([c["expected"][v["name"]]["logits"] for c in gold["cases"]])
        exp_at = np.array([c["expected"][v["name"]]["attention"] for c in gold["cases"]])
        tol = gold["tolerance"][v["name"]]
        r = {"fusedMaxLogitDiff": float(np.abs(lo_f - exp_lo).max()), "fusedMaxAttDiff": float(np.abs(at_f - exp_at).max()),
             "splitMaxLogitDiff": float(np.abs(lo_s - exp_lo).max()), "splitMaxAttDiff": float(np.abs(at_s - exp_at).max()),
             "tolerance": tol}
        r["pass"] = bool(max(r["fusedMaxLogitDiff"], r["splitMaxLogitDiff"]) <= tol["logits"]
                         and max(r["fusedMaxAttDiff"], r["splitMaxAttDiff"]) <= tol["attention"])
        report["golden"][v["name"]] = r
        print("golden", v["name"], r, flush=True)
    outs = {v["name"]: run(sess, man, v, tx) for v in man["variants"]}
    ref = outs["fp32"][0]
    for name, (lo_f, at_f, lo_s, at_s) in outs.items():
        r = {"accuracy": float((lo_f.argmax(1) == ty).mean()),
             "top1AgreementWithFp32": float((lo_f.argmax(1) == ref.argmax(1)).mean()),
             "maxAbsLogitDiffVsFp32": float(np.abs(lo_f - ref).max()),
             "splitVsFusedMaxLogitDiff": float(np.abs(lo_s - lo_f).max()),
             "n": int(len(ty))}
        report["test"][name] = r
        print("test", name, r, flush=True)
    if args.json:
        json.dump(report, open(args.json, "w"), indent=1)


if __name__ == "__main__":
    main()
