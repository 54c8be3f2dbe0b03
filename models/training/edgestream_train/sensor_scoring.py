"""Reference implementation of the EdgeStream sensor anomaly scoring rule.

This module is the *specification* the C# pipeline re-implements sample for sample
(see models/README.md, "Sensor anomaly scoring rule"). It depends on NumPy only and
keeps every step explicit; do not "optimise" it into something harder to port.

Per stream, with manifest values W = input.window, N = input.normalisation.warmupSamples,
score = defaults.score, enter = defaults.enterWindows, exit = defaults.exitWindows:

1. Normalisation (kind "warmup"): mean[c] and std[c] are the mean and the population
   standard deviation (divide by N) of the first N raw samples of channel c, computed in
   float64; std_eff[c] = max(std[c], minStd). Then frozen. z_t[c] = float32((x_t[c] - mean[c]) / std_eff[c]).
2. Forecast: for every sample index t >= t0 = max(N, W), the window is z_{t-W} .. z_{t-1}
   (W rows, oldest first, shape [W, C]) and the model's forecast f_t[C] predicts z_t.
   (Kind "fixed": mean/std from the manifest and t0 = W.)
3. Error: e_t = (1/C) * sum_c (float64(f_t[c]) - float64(z_t[c]))^2.
4. EWMA: s_{t0} = e_{t0}; s_t = alpha * e_t + (1 - alpha) * s_{t-1}  (alpha = errorEwmaAlpha).
5. Baseline: the first B = baselineSamples scored samples (t0 .. t0+B-1) are only added to a
   running mean/variance of s (Welford, population variance); no decision is made for them.
6. From t = t0 + B on: z = (s_t - mu) / max(sigma, score.minStd), using mu/sigma *before* s_t
   is added. "above" means z > threshold (strict).
   state NORMAL:    above -> run += 1 else run = 0; when run == enter: state = ANOMALOUS,
                    event starts; startIndex = t - enter + 1, confirmedIndex = t; below = 0.
   state ANOMALOUS: not above -> below += 1 else below = 0; when below == exit: state = NORMAL,
                    event ends; endIndex = t - exit (the last "above" sample),
                    closedIndex = t; run = 0.
   After that decision: if state == NORMAL and not above, s_t is added to the baseline.
   (So samples above the threshold and every sample of an event are never learnt.)
7. An event still open when the stream ends has endIndex = closedIndex = None.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence

import numpy as np


@dataclass
class ScoreParams:
    error_ewma_alpha: float = 0.1
    baseline_samples: int = 200
    threshold: float = 4.0
    enter_windows: int = 3
    exit_windows: int = 10
    min_std: float = 1e-3  # floor on the baseline std of the smoothed error

    @staticmethod
    def from_manifest(defaults: dict) -> "ScoreParams":
        s = defaults["score"]
        return ScoreParams(error_ewma_alpha=float(s["errorEwmaAlpha"]),
                           baseline_samples=int(s["baselineSamples"]),
                           threshold=float(s["threshold"]),
                           enter_windows=int(defaults["enterWindows"]),
                           exit_windows=int(defaults["exitWindows"]),
                           min_std=float(s.get("minStd", 1e-3)))


@dataclass
class Event:
    start_index: int
    confirmed_index: int
    end_index: Optional[int] = None
    closed_index: Optional[int] = None
    peak_z: float = 0.0


@dataclass
class StepResult:
    index: int
    error: float
    smoothed: float
    z: Optional[float]  # None while in the baseline phase
    anomalous: bool


class StreamScorer:
    """Online scorer for one stream. Feed it e_t for t = t0, t0+1, ... via update(t, e_t)."""

    NORMAL = 0
    ANOMALOUS = 1

    def __init__(self, params: ScoreParams):
        self.p = params
        self.s: Optional[float] = None
        self.n = 0          # Welford count
        self.mean = 0.0
        self.m2 = 0.0
        self.seen = 0       # scored samples so far
        self.state = self.NORMAL
        self.run = 0
        self.below = 0
        self.events: List[Event] = []
        self.current: Optional[Event] = None

    def _add(self, v: float) -> None:
        self.n += 1
        d = v - self.mean
        self.mean += d / self.n
        self.m2 += d * (v - self.mean)

    def update(self, t: int, error: float) -> StepResult:
        p = self.p
        e = float(error)
        if self.s is None:
            self.s = e
        else:
            self.s = p.error_ewma_alpha * e + (1.0 - p.error_ewma_alpha) * self.s
        s = self.s
        self.seen += 1
        if self.seen <= p.baseline_samples:
            self._add(s)
            return StepResult(t, e, s, None, False)
        sigma = math.sqrt(self.m2 / self.n) if self.n > 0 else 0.0
        z = (s - self.mean) / max(sigma, p.min_std)
        above = z > p.threshold
        if self.state == self.NORMAL:
            self.run = self.run + 1 if above else 0
            if self.run == p.enter_windows:
                self.state = self.ANOMALOUS
                self.below = 0
                self.current = Event(start_index=t - p.enter_windows + 1, confirmed_index=t, peak_z=z)
                self.events.append(self.current)
        else:
            if self.current is not None and z > self.current.peak_z:
                self.current.peak_z = z
            self.below = 0 if above else self.below + 1
            if self.below == p.exit_windows:
                self.state = self.NORMAL
                self.run = 0
                assert self.current is not None
                self.current.end_index = t - p.exit_windows
                self.current.closed_index = t
                self.current = None
        if self.state == self.NORMAL and not above:
            self._add(s)
        return StepResult(t, e, s, z, self.state == self.ANOMALOUS)


# ---------------------------------------------------------------- normalisation + errors

def warmup_stats(raw: np.ndarray, warmup: int, min_std: float = 1e-6):
    """mean/std_eff per channel from the first `warmup` rows (float64, population std)."""
    head = np.asarray(raw[:warmup], dtype=np.float64)
    mean = head.mean(axis=0)
    std = np.sqrt(((head - mean) ** 2).mean(axis=0))
    return mean, np.maximum(std, min_std)


def normalise(raw: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    return ((np.asarray(raw, dtype=np.float64) - mean) / std).astype(np.float32)


def forecast_errors(z: np.ndarray, window: int, t0: int,
                    predict: Callable[[np.ndarray], np.ndarray], batch: int = 512):
    """e_t for t in [t0, T). `predict` maps float32 [B,W,C] -> [B,C]. Returns (errors, forecasts)."""
    T, C = z.shape
    idx = np.arange(t0, T)
    errs = np.empty(len(idx), dtype=np.float64)
    fcs = np.empty((len(idx), C), dtype=np.float32)
    for i in range(0, len(idx), batch):
        ts = idx[i:i + batch]
        win = np.stack([z[t - window:t] for t in ts]).astype(np.float32)
        f = np.asarray(predict(win), dtype=np.float32)
        fcs[i:i + len(ts)] = f
        errs[i:i + len(ts)] = ((f.astype(np.float64) - z[ts].astype(np.float64)) ** 2).mean(axis=1)
    return errs, fcs


def score_errors(errors: Sequence[float], t0: int, params: ScoreParams):
    """Run the scorer over e_{t0..}. Returns (scorer, per-step results)."""
    sc = StreamScorer(params)
    steps = [sc.update(t0 + i, e) for i, e in enumerate(errors)]
    return sc, steps


def score_stream(raw: np.ndarray, window: int, warmup: int, params: ScoreParams,
                 predict: Callable[[np.ndarray], np.ndarray], norm_min_std: float = 1e-6):
    """Full reference rule over one raw stream [T, C]. Returns dict with events and traces."""
    mean, std = warmup_stats(raw, warmup, norm_min_std)
    z = normalise(raw, mean, std)
    t0 = max(warmup, window)
    errs, fcs = forecast_errors(z, window, t0, predict)
    sc, steps = score_errors(errs, t0, params)
    return {"t0": t0, "mean": mean, "std": std, "errors": errs, "forecasts": fcs,
            "steps": steps, "events": sc.events}


def events_to_mask(events: Sequence[Event], length: int) -> np.ndarray:
    """Per-sample 0/1 prediction: startIndex..endIndex inclusive (open events to the end)."""
    m = np.zeros(length, dtype=np.int8)
    for ev in events:
        end = ev.end_index if ev.end_index is not None else length - 1
        m[ev.start_index:end + 1] = 1
    return m
