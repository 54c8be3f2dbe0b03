"""Sensor anomaly model CLI.

  /usr/bin/python3 -m edgestream_train.sensor_cli train --dataset skab --out ../anomaly
  /usr/bin/python3 -m edgestream_train.sensor_cli train --dataset nab  --out ../anomaly-univariate
  /usr/bin/python3 -m edgestream_train.sensor_cli samples --models .. --out ../samples/sensors
  /usr/bin/python3 -m edgestream_train.sensor_cli train --quick --out /tmp/x     (CI, < 2 min)

Run from models/training. Data dir: --data-dir, else $EDGESTREAM_DATA_DIR, else
../../shared/data (then ../../../shared/data) relative to models/training.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import torch

from . import sensor_data as sd
from . import sensor_samples as ss
from . import sensor_train as st
from .sensor_model import SensorForecaster
from .sensor_scoring import ScoreParams, normalise, score_stream, warmup_stats

NORM_MIN_STD = 1e-6

PRESETS = {
    # dataset: (channels, window, warmupSamples, model name, description)
    "skab": (8, 32, 400, "sensor-cnn-lstm-attention-forecaster",
             "CNN-LSTM-Attention next-step forecaster, 8 SKAB-style pump channels; trained on SKAB "
             "anomaly-free.csv (first 70%) + the first 400 rows (SKAB train part) of each labelled file."),
    "nab": (1, 32, 150, "sensor-cnn-lstm-attention-forecaster-univariate",
            "CNN-LSTM-Attention next-step forecaster, 1 channel; trained on NAB artificialNoAnomaly "
            "(first 70%) + the probationary first 15% (max 750 rows) of every other NAB file."),
}


def log(msg):
    print(msg, flush=True)


def golden_windows(channels: int, window: int, warmup: int):
    """3 normal + 1 anomalous normalised windows from the synthetic generator (no real data)."""
    raw = ss.generate_normal(channels, 2000, 777 + channels)
    spec = [ss.Injection("spike", 1500, 1502, list(range(min(2, channels))), 10.0)]
    raw = ss.inject(raw, spec, 777)
    mean, std = warmup_stats(raw, warmup, NORM_MIN_STD)
    z = normalise(raw, mean, std)
    ends = [600, 900, 1300, 1503]
    names = ["normal_0", "normal_1", "normal_2", "spike_0"]
    return np.stack([z[e - window:e] for e in ends]).astype(np.float32), names


def load_series(a, channels):
    """The dataset's series and whether they are real; synthetic stand-ins (said in the log) when the data is absent."""
    data_dir = Path(a.data_dir) if a.data_dir else sd.default_data_dir()
    if sd.has_skab(data_dir) if a.dataset == "skab" else sd.has_nab(data_dir):
        log(f"loading {a.dataset} from {data_dir}")
        return (sd.load_skab(data_dir) if a.dataset == "skab" else sd.load_nab(data_dir)), data_dir
    log(f"NOTE: {a.dataset.upper()} data not found under {data_dir}; using SYNTHETIC data instead "
        f"(set --data-dir or EDGESTREAM_DATA_DIR). Metrics from it are not benchmark metrics.")
    return [sd.synthetic_series(channels, 3000, s) for s in range(3)], None


def export_checked(model, X, out, channels, window, warmup, evaluation):
    """fp32 + int8 ONNX and golden vectors; records int8 (fake-quant) vs fp32 on 2048 training windows."""
    gx, gn = golden_windows(channels, window, warmup)
    prefix = "anomaly" if channels > 1 else "anomaly-univariate"
    files, qm = st.export_all(model, X, out, prefix, window, channels, gx, gn, log)
    with torch.no_grad():
        xb = torch.from_numpy(X[:2048])
        f32, q8 = model(xb)[0], qm(xb)[0]
        evaluation["int8VsFp32OnTrainWindows"] = {"maxAbs": float((f32 - q8).abs().max()),
                                                  "meanAbs": float((f32 - q8).abs().mean())}
    log(f"int8 (fake-quant) vs fp32: {evaluation['int8VsFp32OnTrainWindows']}")
    return files


def cmd_train(a):
    st.set_threads()
    t_start = time.time()
    channels, window, warmup, name, desc = PRESETS[a.dataset]
    window = a.window or window
    warmup = a.warmup or warmup
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    series, data_dir = load_series(a, channels)
    have = data_dir is not None
    evaluation = {"dataset": a.dataset, "window": window, "warmupSamples": warmup, "quick": a.quick,
                  "data": str(data_dir) if have else "synthetic"}
    train_series = series
    limit_rows = None
    epochs = a.epochs
    if a.quick:
        train_series = series[:4]
        limit_rows = 1000
        epochs = 1
    X, Y = sd.training_windows(train_series, window, warmup, limit_rows, log=log)
    log(f"training windows: {X.shape} from {len(train_series)} series; epochs={epochs}")
    model = st.train_model(X, Y, channels, epochs, seed=a.seed, noise=a.noise, log=log,
                           max_seconds=a.max_train_seconds)
    evaluation["trainWindows"] = int(len(X))
    evaluation["epochs"] = epochs

    evaluate_and_export(a, model, series, X, have, channels, window, warmup, name, desc, out, evaluation)


def evaluate_and_export(a, model, series, X, have, channels, window, warmup, name, desc, out, evaluation):
    t_start = time.time()
    eval_series = series[:6] if a.quick else series
    # NAB: exclude rows with |z| > 20 (files whose warmup part is ~constant blow z up to 1e11)
    fm = st.forecast_metrics(model, eval_series, window, warmup,
                             max_abs=20.0 if a.dataset == "nab" else float("inf"))
    log(f"held-out normal forecast metrics: {json.dumps(fm)}")
    evaluation["heldOutNormalForecast"] = fm

    params = ScoreParams(0.1, 200, 4.0, 3, 10)
    if have and a.dataset == "skab":
        labelled = [s for s in eval_series if s.labels is not None]
        errs = st.series_errors(model, labelled, window, warmup)
        val = [e for i, e in enumerate(errs) if i % 2 == 0]
        test = [e for i, e in enumerate(errs) if i % 2 == 1]
        log(f"tuning scoring defaults on {len(val)} validation files (even positions), testing on {len(test)}")
        normal = []
        for s in eval_series:
            if s.labels is None and s.held_out_normal:
                a0, b0 = s.held_out_normal
                normal.append(sd.Series(s.name + f"[{a0}:{b0}]", s.values[a0:b0], 0))
        normal_errs = st.series_errors(model, normal, window, warmup)
        params, vm = st.tune_skab(val, a.quick, log, max_far=a.max_far, normal_errs=normal_errs,
                                   max_normal_events=a.max_normal_events)
        evaluation["selection"] = (f"grid search; max validation F1 subject to validation FAR <= {a.max_far}% and "
                                   f"<= {a.max_normal_events} events on the held-out anomaly-free stream (last 30% of anomaly-free.csv, "
                                   "replayed as its own stream); validation = labelled files at even positions "
                                   "(valve1, valve2, other order), test = odd positions")
        evaluation["heldOutAnomalyFreeEvents"] = st.count_events(normal_errs, params)
        evaluation["skabOutlier"] = {"validation": vm, "test": st.skab_outlier_metrics(test, params),
                                     "all": st.skab_outlier_metrics(errs, params),
                                     "validationFiles": [e[0].name for e in val],
                                     "testFiles": [e[0].name for e in test]}
        log(f"SKAB outlier metrics: {json.dumps({k: v for k, v in evaluation['skabOutlier'].items() if 'Files' not in k})}")
    elif have and a.dataset == "nab":
        scored = [s for s in eval_series if not s.name.startswith("artificialNoAnomaly/")]
        errs = st.series_errors(model, scored, window, warmup)
        val = [e for i, e in enumerate(errs) if i % 2 == 0]
        test = [e for i, e in enumerate(errs) if i % 2 == 1]
        log(f"tuning scoring defaults on {len(val)} validation files (even positions), testing on {len(test)}")
        params, vm = st.tune_nab(val, a.quick, log)
        evaluation["selection"] = ("grid search; max NAB standard score on validation = scored NAB files at "
                                   "even positions (sorted by path)")
        evaluation["nabStandard"] = {"validation": vm, "test": st.nab_corpus_score(test, params),
                                     "all": st.nab_corpus_score(errs, params),
                                     "validationFiles": [e[0].name for e in val],
                                     "testFiles": [e[0].name for e in test]}
        log(f"NAB standard: {json.dumps({k: v for k, v in evaluation['nabStandard'].items() if 'Files' not in k})}")
    evaluation["defaults"] = params.__dict__

    files = export_checked(model, X, out, channels, window, warmup, evaluation)
    if getattr(a, "save_checkpoint", True):
        torch.save({"channels": channels, "state_dict": model.state_dict()}, out / "checkpoint.pt")
    names = ss.channel_names(channels) if channels == 1 or not have else sd.SKAB_CHANNELS
    man = st.write_manifest(out, name, desc, files, channels, window, names, warmup, params,
                            NORM_MIN_STD, evaluation)
    log(json.dumps(man, indent=2))
    log(f"done in {time.time() - t_start:.0f}s -> {out}")


def open_folder(a):
    """A trained model folder: its evaluation.json, the series it was trained on and their training windows."""
    st.set_threads()
    f = SimpleNamespace(out=Path(a.out))
    f.channels, _, _, f.name, f.desc = PRESETS[a.dataset]
    f.evaluation = json.loads((f.out / "evaluation.json").read_text())
    f.window, f.warmup = f.evaluation["window"], f.evaluation["warmupSamples"]
    f.series, data_dir = load_series(a, f.channels)
    f.have = data_dir is not None
    f.X, _ = sd.training_windows(f.series, f.window, f.warmup)
    return f


def cmd_retune(a):
    """Re-run evaluation + default selection + export from an existing <out>/checkpoint.pt."""
    f = open_folder(a)
    a.quick = False
    a.save_checkpoint = False
    keep = {k: f.evaluation[k] for k in ("dataset", "window", "warmupSamples", "quick", "data", "trainWindows", "epochs")
            if k in f.evaluation}
    evaluate_and_export(a, load_model(f.out), f.series, f.X, f.have, f.channels, f.window, f.warmup, f.name, f.desc,
                        f.out, keep)


def cmd_metrics(a):
    """Recompute held-out normal forecast metrics from checkpoint.pt into evaluation.json."""
    st.set_threads()
    out = Path(a.out)
    evaluation = json.loads((out / "evaluation.json").read_text())
    data_dir = Path(a.data_dir) if a.data_dir else sd.default_data_dir()
    series = sd.load_skab(data_dir) if a.dataset == "skab" else sd.load_nab(data_dir)
    fm = st.forecast_metrics(load_model(out), series, evaluation["window"], evaluation["warmupSamples"],
                             max_abs=20.0 if a.dataset == "nab" else float("inf"))
    log(json.dumps(fm))
    evaluation["heldOutNormalForecast"] = fm
    (out / "evaluation.json").write_text(json.dumps(evaluation, indent=2) + "\n")


def cmd_export(a):
    """Re-export fp32/int8 + golden + manifest from <out>/checkpoint.pt and <out>/evaluation.json."""
    f = open_folder(a)
    params = ScoreParams(**f.evaluation["defaults"])
    files = export_checked(load_model(f.out), f.X, f.out, f.channels, f.window, f.warmup, f.evaluation)
    names = ss.channel_names(f.channels) if f.channels == 1 or not f.have else sd.SKAB_CHANNELS
    man = st.write_manifest(f.out, f.name, f.desc, files, f.channels, f.window, names, f.warmup, params, NORM_MIN_STD,
                            f.evaluation)
    log(json.dumps(man, indent=2))


def load_model(model_dir: Path):
    ck = torch.load(Path(model_dir) / "checkpoint.pt")
    m = SensorForecaster(ck["channels"])
    m.load_state_dict(ck["state_dict"])
    return m.eval()


def cmd_samples(a):
    st.set_threads()
    models = Path(a.models)
    out = Path(a.out)
    ok = True
    for spec in ss.default_specs():
        mdir = models / spec.model
        if not (mdir / "checkpoint.pt").is_file():
            log(f"SKIP {spec.name}: no trained model at {mdir}")
            continue
        man = json.loads((mdir / "manifest.json").read_text())
        model = load_model(mdir)
        csv_path = ss.write_sample(spec, out)
        ts, names, raw = ss.read_csv(csv_path)
        # The sidecar's expectedEvents are the recipe's reference rule (kind zscore), with the defaults it tuned
        # (evaluation.json); the shipped manifests use the C# rules, which `edgestream replay` shows.
        if man["defaults"]["score"].get("kind", "zscore") == "zscore":
            params = ScoreParams.from_manifest(man["defaults"])
        else:
            params = ScoreParams(**json.loads((mdir / "evaluation.json").read_text())["defaults"])
        norm = man["input"]["normalisation"]
        res = score_stream(raw, man["input"]["window"], norm["warmupSamples"], params,
                           st.predictor(model), norm.get("minStd", NORM_MIN_STD))
        side = ss.sidecar(spec)
        evs = []
        for ev in res["events"]:
            d = {"startIndex": ev.start_index, "confirmedIndex": ev.confirmed_index,
                 "endIndex": ev.end_index, "closedIndex": ev.closed_index,
                 "start": ts[ev.start_index], "end": ts[ev.end_index] if ev.end_index is not None else None,
                 "peakZ": round(ev.peak_z, 2)}
            evs.append(d)
        side["expectedEvents"] = evs
        side["expectedEventsFrom"] = {"model": spec.model, "variant": "fp32",
                                      "firstScoredIndex": res["t0"],
                                      "firstDecisionIndex": res["t0"] + params.baseline_samples,
                                      "note": "edgestream_train.sensor_scoring reference rule (kind zscore), PyTorch fp32; "
                                              "the shipped C# rule is defaults.score of the model's manifest"}
        (out / f"{spec.name}.json").write_text(json.dumps(side, indent=2) + "\n")
        # verification: every injection overlapped by an event, every event near an injection
        slack = params.exit_windows + 60
        for inj in spec.injections:
            hit = [e for e in evs if e["startIndex"] <= inj.end + slack and
                   (e["endIndex"] if e["endIndex"] is not None else len(raw)) >= inj.start]
            log(f"{spec.name}: injected {inj.kind} [{inj.start},{inj.end}] -> events "
                f"{[(e['startIndex'], e['endIndex']) for e in hit]}")
            ok &= bool(hit)
        for e in evs:
            near = [i for i in spec.injections if e["startIndex"] <= i.end + slack and
                    (e["endIndex"] if e["endIndex"] is not None else len(raw)) >= i.start]
            if not near:
                log(f"{spec.name}: FALSE ALARM event {e}")
                ok = False
        log(f"{spec.name}: {len(evs)} events, size {csv_path.stat().st_size} bytes")
    if not ok:
        log("WARNING: expected events do not line up with the injected anomalies")
        sys.exit(2 if a.strict else 0)


def main(argv=None):
    p = argparse.ArgumentParser(prog="edgestream_train.sensor_cli")
    sub = p.add_subparsers(dest="cmd", required=True)

    def model_folder(parser):
        """The arguments every command on a model folder takes."""
        parser.add_argument("--dataset", choices=sorted(PRESETS), default="skab")
        parser.add_argument("--out", required=True)
        parser.add_argument("--data-dir")
        return parser

    def selection(parser):
        """How the default scoring parameters are chosen (train, retune)."""
        parser.add_argument("--max-far", type=float, default=10.0,
                            help="SKAB: pick the best validation F1 among settings with FAR <= this (%%)")
        parser.add_argument("--max-normal-events", type=int, default=0,
                            help="SKAB: ... and at most this many events on the held-out anomaly-free stream")

    t = model_folder(sub.add_parser("train", help="train, evaluate, export fp32+int8 ONNX, golden, manifest"))
    t.add_argument("--quick", action="store_true", help="tiny slice, 1 epoch, small grid (CI)")
    t.add_argument("--epochs", type=int, default=12)
    t.add_argument("--window", type=int)
    t.add_argument("--warmup", type=int)
    t.add_argument("--noise", type=float, default=0.0)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--max-train-seconds", type=float)
    selection(t)
    t.set_defaults(fn=cmd_train)
    r = model_folder(sub.add_parser("retune", help="re-evaluate + re-select defaults + export from checkpoint.pt"))
    selection(r)
    r.set_defaults(fn=cmd_retune)
    m = model_folder(sub.add_parser("metrics", help="recompute held-out normal forecast metrics into evaluation.json"))
    m.set_defaults(fn=cmd_metrics)
    e = model_folder(sub.add_parser("export", help="re-export ONNX/golden/manifest from checkpoint.pt + evaluation.json"))
    e.set_defaults(fn=cmd_export)
    s = sub.add_parser("samples", help="write synthetic sample CSVs + sidecars with expected events")
    s.add_argument("--models", default="..")
    s.add_argument("--out", default="../samples/sensors")
    s.add_argument("--strict", action="store_true")
    s.set_defaults(fn=cmd_samples)
    a = p.parse_args(argv)
    a.fn(a)


if __name__ == "__main__":
    main()
