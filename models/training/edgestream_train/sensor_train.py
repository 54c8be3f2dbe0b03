"""Training, evaluation, export (fp32 + int8 QDQ), golden vectors and manifest for the
sensor anomaly forecaster."""
from __future__ import annotations

import hashlib
import itertools
import json
import math
import time
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import torch

from . import pipeline_rules
from . import sensor_data as sd
from .sensor_model import (WEIGHT_QMAX, WEIGHT_QMIN, SensorForecaster, calibrate,
                           onnx_exportable_weight_range, to_quant)
from .sensor_scoring import (ScoreParams, events_to_mask, forecast_errors, normalise,
                             score_errors, warmup_stats)

OPSET = 17


def set_threads():
    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass


def train_model(X: np.ndarray, Y: np.ndarray, channels: int, epochs: int, seed: int = 0,
                batch: int = 128, lr: float = 2e-3, noise: float = 0.0, log=print,
                max_seconds: Optional[float] = None) -> SensorForecaster:
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = SensorForecaster(channels)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=max(1, epochs))
    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)
    t_start = time.time()
    for ep in range(epochs):
        model.train()
        perm = torch.from_numpy(rng.permutation(len(X)))
        tot, nb = 0.0, 0
        for i in range(0, len(X), batch):
            b = perm[i:i + batch]
            xb, yb = Xt[b], Yt[b]
            if noise > 0:
                xb = xb + noise * torch.randn_like(xb)
            f, _ = model(xb)
            loss = torch.nn.functional.mse_loss(f, yb)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            tot += float(loss)
            nb += 1
            if max_seconds and time.time() - t_start > max_seconds:
                break
        sched.step()
        log(f"  epoch {ep + 1}/{epochs} train mse {tot / max(nb, 1):.4f} ({time.time() - t_start:.0f}s)")
        if max_seconds and time.time() - t_start > max_seconds:
            log("  stopping early: time budget reached")
            break
    return model.eval()


def predictor(model):
    def predict(win: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return model(torch.from_numpy(np.ascontiguousarray(win, dtype=np.float32)))[0].numpy()
    return predict


# ------------------------------------------------------------------ forecast metrics

def forecast_metrics(model, series: List[sd.Series], window: int, warmup: int, max_abs: float = 20.0) -> Dict:
    """MAE/RMSE/R^2 (normalised units, pooled over channels) on held-out NORMAL rows, with the
    persistence forecast (z_t = z_{t-1}) as a reference. Rows whose window or target has
    |z| > max_abs (degenerate warmup std, e.g. some NAB files) are excluded and counted."""
    pred, true, pers = [], [], []
    excluded = 0
    for s in series:
        if not s.held_out_normal:
            continue
        a, b = s.held_out_normal
        a = max(a, window, warmup)
        if b - a < 1:
            continue
        mean, std = warmup_stats(s.values, warmup)
        z = normalise(s.values[:b], mean, std)
        _, fc = forecast_errors(z, window, a, predictor(model))
        ok = np.array([np.abs(z[t - window:t + 1]).max() <= max_abs for t in range(a, b)])
        excluded += int((~ok).sum())
        pred.append(fc[ok])
        true.append(z[a:b][ok])
        pers.append(z[a - 1:b - 1][ok])
    p, y, q = (np.concatenate(v).astype(np.float64) for v in (pred, true, pers))

    def m(f):
        err = f - y
        return {"mae": float(np.abs(err).mean()), "rmse": float(np.sqrt((err ** 2).mean())),
                "r2": float(1 - (err ** 2).sum() / ((y - y.mean(axis=0)) ** 2).sum())}
    return {"rows": int(len(y)), "series": len(pred), "excludedRows": excluded,
            "maxAbsZ": max_abs if math.isfinite(max_abs) else None,
            "model": m(p), "persistence": m(q)}


# ------------------------------------------------------------------ detection evaluation

def series_errors(model, series: List[sd.Series], window: int, warmup: int):
    out = []
    for s in series:
        mean, std = warmup_stats(s.values, warmup)
        z = normalise(s.values, mean, std)
        t0 = max(warmup, window)
        e, _ = forecast_errors(z, window, t0, predictor(model))
        out.append((s, t0, e))
    return out


def skab_outlier_metrics(errs, params: ScoreParams, test_from: int = sd.SKAB_TRAIN_ROWS):
    tp = fp = fn = tn = 0
    for s, t0, e in errs:
        if s.labels is None:
            continue
        sc, _ = score_errors(e, t0, params)
        pred = events_to_mask(sc.events, len(s.values))[test_from:]
        lab = s.labels[test_from:]
        tp += int(((pred == 1) & (lab == 1)).sum())
        fp += int(((pred == 1) & (lab == 0)).sum())
        fn += int(((pred == 0) & (lab == 1)).sum())
        tn += int(((pred == 0) & (lab == 0)).sum())
    f1 = tp / (tp + (fp + fn) / 2) if tp + fp + fn else 0.0
    far = 100.0 * fp / (fp + tn) if fp + tn else 0.0
    mar = 100.0 * fn / (fn + tp) if fn + tp else 0.0
    return {"f1": round(f1, 4), "far": round(far, 2), "mar": round(mar, 2),
            "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def grid(quick: bool, small: bool = False):
    if quick:
        return [ScoreParams(0.1, 100, t, 3, 10) for t in (3.0, 5.0)]
    out = []
    space = ((0.1, 0.3), (100,), (3.0, 4.0, 5.0, 6.0, 8.0), (1, 3), (10, 30)) if small else \
        ((0.05, 0.1, 0.3), (100, 200), (3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0), (1, 3, 5), (10, 30, 60, 120))
    for a, b, t, en, ex in itertools.product(*space):
        out.append(ScoreParams(a, b, t, en, ex))
    return out


def count_events(errs, params: ScoreParams) -> int:
    return sum(len(score_errors(e, t0, params)[0].events) for _, t0, e in errs)


def tune_skab(errs_val, quick: bool, log=print, max_far: float = 100.0, normal_errs=None,
              max_normal_events: int = 0):
    """Best validation F1 among settings whose validation FAR <= max_far (%) and that raise at
    most max_normal_events events on the held-out anomaly-free stream(s) `normal_errs`.
    If none qualifies: fewest normal-stream events, then best F1."""
    best, best_m = None, None
    fallback, fallback_key = None, None
    uncon, uncon_m = None, None
    for p in grid(quick):
        m = skab_outlier_metrics(errs_val, p)
        if uncon_m is None or m["f1"] > uncon_m["f1"]:
            uncon, uncon_m = p, m
        if m["far"] > max_far:
            continue
        m["normalEvents"] = count_events(normal_errs, p) if normal_errs else 0
        key = (-m["normalEvents"], m["f1"])
        if fallback_key is None or key > fallback_key:
            fallback, fallback_key, fallback_m = p, key, m
        if m["normalEvents"] > max_normal_events:
            continue
        if best_m is None or m["f1"] > best_m["f1"]:
            best, best_m = p, m
    if best is None:
        log(f"  no setting meets the constraints; using the fewest-normal-events one")
        best, best_m = fallback, fallback_m
    log(f"  (unconstrained best F1 on validation: {uncon} -> {uncon_m})")
    log(f"  best on validation: {best} -> {best_m}")
    return best, best_m


# ------------------------------------------------------------------ NAB scoring (standard profile)

def _sigma(y):
    return -1.0 if y > 3 else 2.0 / (1.0 + math.exp(5.0 * y)) - 1.0


def nab_file_score(n: int, windows, detections, probation: int, a_tp=1.0, a_fp=0.11, a_fn=1.0):
    """Raw NAB score of one file (SCORING_NOTES.md rules 2, 4-7) for binary detection rows."""
    det = sorted(d for d in detections if d >= probation)
    score = 0.0
    counted = set()
    for (l, r) in windows:
        width = r - l + 1
        hits = [d for d in det if l <= d <= r]
        if hits:
            i = hits[0]
            y = -(r - i + 1) / width
            score += _sigma(y) * a_tp / _sigma(-1.0)
            counted.update(hits)
        else:
            score -= a_fn
    for i in det:
        if i in counted:
            continue
        prev = [w for w in windows if w[1] < i]
        if not prev:
            score -= a_fp
        else:
            l, r = prev[-1]
            width = r - l + 1
            y = abs(r - i) / (width - 1)
            score += _sigma(y) * a_fp
    return score


def nab_corpus_score(errs, params: ScoreParams):
    """Normalised NAB standard score over the given NAB series; a detection = the sample at
    which an event is confirmed (one row per event, as the pipeline publishes it)."""
    s_raw, n_win = 0.0, 0
    tp_w = 0
    fps = 0
    for s, t0, e in errs:
        sc, _ = score_errors(e, t0, params)
        det = [ev.confirmed_index for ev in sc.events]
        s_raw += nab_file_score(len(s.values), s.windows, det, s.probation)
        n_win += len(s.windows)
        for l, r in s.windows:
            if any(l <= d <= r for d in det):
                tp_w += 1
        fps += sum(1 for d in det if d >= s.probation and not any(l <= d <= r for l, r in s.windows))
    s_null = -1.0 * n_win
    s_perfect = 1.0 * n_win
    norm = 100.0 * (s_raw - s_null) / (s_perfect - s_null) if n_win else 0.0
    return {"standard": round(norm, 2), "raw": round(s_raw, 3), "windows": n_win,
            "windowsDetected": tp_w, "falsePositiveDetections": fps}


def tune_nab(errs_val, quick: bool, log=print):
    best, best_m = None, None
    for p in grid(quick, small=True):
        m = nab_corpus_score(errs_val, p)
        if best_m is None or m["standard"] > best_m["standard"]:
            best, best_m = p, m
    log(f"  best on validation: {best} -> {best_m}")
    return best, best_m


# ------------------------------------------------------------------ export

def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def export_onnx(model, path: Path, window: int, channels: int):
    import onnx
    import warnings
    dummy = torch.zeros(1, window, channels)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, dummy, str(path), opset_version=OPSET, input_names=["window"],
                          output_names=["forecast", "attention"], do_constant_folding=True,
                          dynamic_axes={"window": {0: "B"}, "forecast": {0: "B"}, "attention": {0: "B"}})
    m = onnx.load(str(path))
    onnx.checker.check_model(m, full_check=True)
    ops = {}
    for n in m.graph.node:
        ops[n.op_type] = ops.get(n.op_type, 0) + 1
    return ops


def export_all(model, calib: np.ndarray, out_dir: Path, prefix: str, window: int, channels: int,
               golden_inputs: np.ndarray, golden_names: List[str], log=print):
    out_dir = Path(out_dir)
    (out_dir / "golden").mkdir(parents=True, exist_ok=True)
    model = model.eval()
    rng = np.random.default_rng(0)
    sel = calib[rng.choice(len(calib), size=min(len(calib), 2048), replace=False)]
    qm = calibrate(to_quant(model), [torch.from_numpy(sel[i:i + 256]) for i in range(0, len(sel), 256)])
    files = {}
    for name, mod in (("fp32", model), ("int8", qm)):
        p = out_dir / f"{prefix}.{name}.onnx"
        if name == "int8":
            with onnx_exportable_weight_range(qm) as n_weight_fq:
                ops = export_onnx(mod, p, window, channels)
        else:
            ops = export_onnx(mod, p, window, channels)
        files[name] = p
        if name == "int8":
            assert ops.get("QuantizeLinear", 0) > 0 and ops.get("DequantizeLinear", 0) > 0
            # every weight Q must be folded: a runtime QuantizeLinear would clamp to [-128, 127]
            folded = fold_weight_quantizers(p, log, WEIGHT_QMIN, WEIGHT_QMAX)
            assert folded == n_weight_fq, (folded, n_weight_fq)
        log(f"  exported {p} ({p.stat().st_size} bytes) ops={ops}")
    # golden
    cases = []
    with torch.no_grad():
        x = torch.from_numpy(golden_inputs.astype(np.float32))
        outs = {n: m(x) for n, m in (("fp32", model), ("int8", qm))}
    for i, nm in enumerate(golden_names):
        cases.append({"name": nm,
                      "input": {"values": golden_inputs[i].astype(np.float32).tolist(), "dtype": "float32",
                                "shape": [window, channels]},
                      "expected": {v: {"forecast": outs[v][0][i].tolist(), "attention": outs[v][1][i].tolist()}
                                   for v in ("fp32", "int8")}})
    # Tolerances: fp32 ORT vs PyTorch differ by float rounding only. int8: ORT (CPU, extended+
    # optimisation) fuses QDQ into integer kernels with its own requantisation and x/scale
    # rounding while PyTorch fake-quant rounds x*(1/scale) in float, so single elements can land
    # one quantum apart. With 7-bit weights nothing saturates (docs/inference.md); measured with
    # ORT 1.31.1 CPU (AVX2, no VNNI), max |diff| forecast / attention: golden cases 6.3e-3 /
    # 1.9e-3, 604 windows (golden + 600 training windows) 1.6e-2 / 6.8e-3, both models. With
    # 8-bit weights the univariate model was off by 0.17 / 0.10 (saturation).
    golden = {"cases": cases,
              "tolerance": {"fp32": {"forecast": 1e-4, "attention": 1e-5},
                            "int8": {"forecast": 2e-2, "attention": 1e-2}}}
    (out_dir / "golden" / "golden.json").write_text(json.dumps(golden, indent=1))
    return files, qm


def write_manifest(out_dir: Path, name: str, description: str, files: Dict[str, Path], channels: int,
                   window: int, channel_names: List[str], warmup: int, params: ScoreParams,
                   norm_min_std: float, evaluation: Optional[dict] = None):
    out_dir = Path(out_dir)
    man = {
        "formatVersion": 1,
        "name": name,
        "version": "1.0.0",
        "task": "anomaly",
        "description": description,
        "labels": ["anomaly"],
        "input": {"channels": channels, "window": window, "channelNames": channel_names,
                  "normalisation": {"kind": "warmup", "warmupSamples": warmup, "minStd": norm_min_std}},
        "tensors": {"window": "window", "forecast": "forecast", "attention": "attention"},
        "variants": [
            {"name": v, "precision": v, "ioType": "float32",
             "fused": {"file": files[v].name, "sha256": sha256(files[v])}} for v in ("fp32", "int8")],
        # The pipeline's rule for this channel count; the recipe's zscore defaults (params) go to evaluation.json.
        "defaults": {"variant": "fp32", "stride": 1, **pipeline_rules.for_channels(channels)},
        "golden": "golden/golden.json",
    }
    (out_dir / "manifest.json").write_text(json.dumps(man, indent=2) + "\n")
    if evaluation is not None:
        (out_dir / "evaluation.json").write_text(json.dumps(evaluation, indent=2) + "\n")
    return man


def fold_weight_quantizers(path: Path, log=print, qmin: int = -128, qmax: int = 127) -> int:
    """Replace QuantizeLinear(float weight initializer) by an int8 initializer feeding the
    existing DequantizeLinear (the standard QDQ weight form: smaller file, no runtime Q).
    Uses ONNX QuantizeLinear semantics (round half to even), saturating to [qmin, qmax]
    (the sensor models use 7-bit weights, [-64, 63]). Returns #folded."""
    import onnx
    from onnx import numpy_helper
    m = onnx.load(str(path))
    g = m.graph
    init = {i.name: i for i in g.initializer}
    alias = {n.output[0]: n.input[0] for n in g.node if n.op_type == "Identity" and n.input[0] in init}

    def arr(name):
        name = alias.get(name, name)
        return numpy_helper.to_array(init[name]) if name in init else None

    folded, remove = 0, []
    for n in list(g.node):
        if n.op_type != "QuantizeLinear" or alias.get(n.input[0], n.input[0]) not in init:
            continue
        w, scale, zp = arr(n.input[0]), arr(n.input[1]), arr(n.input[2])
        if w is None or scale is None or zp is None or zp.dtype != np.int8:
            continue
        axis = next((a.i for a in n.attribute if a.name == "axis"), 1)
        shape = [1] * w.ndim
        if scale.ndim == 1 and scale.size > 1:
            shape[axis] = scale.size
        # quantise exactly as PyTorch's fake-quant does (x * (1/scale), round half to even), so
        # the int8 initializer reproduces the fake-quant model that made the golden vectors
        inv = (np.float32(1.0) / scale.astype(np.float32)).reshape(shape)
        q = np.clip(np.rint(w.astype(np.float32) * inv) + zp.reshape(shape).astype(np.int32), qmin, qmax).astype(np.int8)
        deq = (q.astype(np.float32) - zp.reshape(shape)) * scale.reshape(shape)
        if scale.size > 1:
            ref = torch.fake_quantize_per_channel_affine(
                torch.tensor(w), torch.tensor(scale.astype(np.float32).reshape(-1)),
                torch.tensor(zp.astype(np.int32).reshape(-1)), axis, qmin, qmax).numpy()
        else:
            ref = torch.fake_quantize_per_tensor_affine(torch.tensor(w), float(scale), int(zp), qmin, qmax).numpy()
        assert np.array_equal(deq, ref), "weight fold mismatch vs torch fake-quant"
        qname = n.input[0] + "_quantized"
        g.initializer.append(numpy_helper.from_array(q, qname))
        for c in g.node:
            for k, inp in enumerate(c.input):
                if inp == n.output[0]:
                    c.input[k] = qname
        remove.append(n)
        folded += 1
    for n in remove:
        g.node.remove(n)
    used = {i for n in g.node for i in n.input}
    for name in [i.name for i in g.initializer if i.name not in used]:
        g.initializer.remove(init[name] if name in init else next(x for x in g.initializer if x.name == name))
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, str(path))
    log(f"  folded {folded} weight QuantizeLinear nodes into int8 initializers ({path.stat().st_size} bytes)")
    return folded
