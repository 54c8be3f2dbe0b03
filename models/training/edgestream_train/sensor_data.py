"""Sensor data: SKAB / NAB loaders (read in place from the shared data dir, never copied),
training-part selection, normalisation and windowing.

Training uses only data that is never scored:
  SKAB: anomaly-free.csv (its first 70%; the last 30% is held-out normal data) and the first
        400 rows of every labelled file (SKAB's own train part).
  NAB:  artificialNoAnomaly/* (first 70% each; last 30% held out) and the probationary part
        (first min(floor(0.15 N), 750) rows) of every other file.
Each series is z-scored with mean/std of its own first `warmup` rows (what the pipeline's
`warmup` normalisation does at run time).
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

import numpy as np

from .sensor_scoring import normalise, warmup_stats

SKAB_CHANNELS = ["Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure",
                 "Temperature", "Thermocouple", "Voltage", "VolumeFlowRateRMS"]
SKAB_TRAIN_ROWS = 400
NORMAL_HOLDOUT_FRACTION = 0.3


def default_data_dir() -> Path:
    env = os.environ.get("EDGESTREAM_DATA_DIR")
    if env:
        return Path(env)
    training = Path(__file__).resolve().parents[1]           # models/training
    for cand in (training / ".." / ".." / "shared" / "data",       # <repo>/shared/data
                 training / ".." / ".." / ".." / "shared" / "data"):  # <repo>/../shared/data
        if cand.is_dir():
            return cand.resolve()
    return (training / ".." / ".." / "shared" / "data").resolve()


@dataclass
class Series:
    name: str
    values: np.ndarray                     # [T, C] raw float64
    train_end: int                         # rows [0, train_end) may be trained on
    labels: Optional[np.ndarray] = None    # [T] 0/1 (SKAB) or None
    windows: List[tuple] = field(default_factory=list)  # NAB [start, end] row indices incl.
    timestamps: Optional[List[str]] = None
    probation: int = 0
    held_out_normal: Optional[tuple] = None  # (start, end) rows of held-out normal data


def has_skab(data_dir: Path) -> bool:
    return (Path(data_dir) / "skab" / "data" / "anomaly-free" / "anomaly-free.csv").is_file()


def has_nab(data_dir: Path) -> bool:
    return (Path(data_dir) / "nab" / "labels" / "combined_windows.json").is_file()


def _read_skab(path: Path):
    a = np.genfromtxt(path, delimiter=";", skip_header=1, usecols=range(1, 11), dtype=np.float64)
    if a.ndim == 1:
        a = a[None]
    return a


def load_skab(data_dir: Path) -> List[Series]:
    root = Path(data_dir) / "skab" / "data"
    out = []
    af = np.genfromtxt(root / "anomaly-free" / "anomaly-free.csv", delimiter=";", skip_header=1,
                       usecols=range(1, 9), dtype=np.float64)
    n = len(af)
    cut = int(round(n * (1 - NORMAL_HOLDOUT_FRACTION)))
    out.append(Series("anomaly-free/anomaly-free.csv", af, cut, None, held_out_normal=(cut, n)))
    for sub in ("valve1", "valve2", "other"):
        files = sorted((root / sub).glob("*.csv"), key=lambda p: int(p.stem))
        for f in files:
            a = _read_skab(f)
            lab = a[:, 8].astype(np.int8)
            first = int(np.argmax(lab)) if lab.any() else len(lab)
            out.append(Series(f"{sub}/{f.name}", a[:, :8], SKAB_TRAIN_ROWS, lab,
                              held_out_normal=(SKAB_TRAIN_ROWS, first) if first > SKAB_TRAIN_ROWS else None))
    return out


def nab_probation(n: int) -> int:
    return min(int(np.floor(0.15 * n)), 750)


def load_nab(data_dir: Path) -> List[Series]:
    root = Path(data_dir) / "nab"
    windows = json.loads((root / "labels" / "combined_windows.json").read_text())
    out = []
    for rel in sorted(windows):
        ts, vals = [], []
        with open(root / "data" / rel, newline="") as fh:
            r = csv.reader(fh)
            next(r)
            for row in r:
                ts.append(row[0])
                vals.append(float(row[1]))
        v = np.asarray(vals, dtype=np.float64)[:, None]
        n = len(v)
        prob = nab_probation(n)
        idx = {t: i for i, t in enumerate(ts)}
        win = []
        for a, b in windows[rel]:
            win.append((idx[a.split(".")[0]], idx[b.split(".")[0]]))
        if rel.startswith("artificialNoAnomaly/"):
            cut = int(round(n * (1 - NORMAL_HOLDOUT_FRACTION)))
            out.append(Series(rel, v, cut, None, win, ts, prob, held_out_normal=(cut, n)))
        else:
            first = win[0][0] if win else n
            out.append(Series(rel, v, prob, None, win, ts, prob,
                              held_out_normal=(prob, first) if first > prob + 64 else None))
    return out


def training_windows(series: List[Series], window: int, warmup: int, limit_rows: Optional[int] = None,
                     max_abs: float = 20.0, log=None):
    """Sliding windows (stride 1) inside each series' training part, normalised with the
    series' own warmup statistics. Windows whose input or target has |z| > max_abs (a series
    whose warmup part is (nearly) constant, e.g. some NAB files) are dropped from training.
    Returns X [N,W,C] float32, Y [N,C] float32."""
    xs, ys = [], []
    for s in series:
        end = s.train_end if limit_rows is None else min(s.train_end, limit_rows)
        w = min(warmup, end)
        mean, std = warmup_stats(s.values, w)
        z = normalise(s.values[:end], mean, std)
        if end <= window:
            continue
        idx = np.arange(window, end)
        xs.append(np.stack([z[t - window:t] for t in idx]))
        ys.append(z[idx])
    X, Y = np.concatenate(xs).astype(np.float32), np.concatenate(ys).astype(np.float32)
    keep = (np.abs(X).max(axis=(1, 2)) <= max_abs) & (np.abs(Y).max(axis=1) <= max_abs)
    if log is not None and not keep.all():
        log(f"  dropped {int((~keep).sum())} of {len(keep)} training windows with |z| > {max_abs}")
    return X[keep], Y[keep]


def synthetic_series(channels: int, n: int, seed: int) -> Series:
    """Anomaly-free synthetic series (used when the shared data is absent, e.g. in CI)."""
    from .sensor_samples import generate_normal
    v = generate_normal(channels, n, seed)
    return Series(f"synthetic-{channels}ch-{seed}", v, int(n * 0.7), None, held_out_normal=(int(n * 0.7), n))
