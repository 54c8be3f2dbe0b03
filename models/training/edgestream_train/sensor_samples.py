"""Deterministic SYNTHETIC sensor samples (models/samples/sensors/NAME.csv + NAME.json).

Nothing here is copied from NAB or SKAB: the signals are generated from a fixed seed in the
style of SKAB's 8-channel pump test bed (channel names, rough levels), with injected
anomalies. The CSV is the exact input of the replay test; the sidecar lists the injected
anomalies and (filled in by `sensor_cli samples`) the events the reference scorer finds.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import List

import numpy as np

# name, level, scale, load gain, AR(1) phi, AR share, smoothing (temperature-like)
PUMP_CHANNELS = [
    ("Accelerometer1RMS", 0.21, 0.002, 0.3, 0.80, 0.7, 0.0),
    ("Accelerometer2RMS", 0.27, 0.002, 0.3, 0.80, 0.7, 0.0),
    ("Current", 2.4, 0.45, 0.8, 0.95, 0.5, 0.0),
    ("Pressure", 0.1, 0.25, 0.6, 0.90, 0.6, 0.0),
    ("Temperature", 90.0, 0.3, 0.9, 0.98, 0.3, 0.97),
    ("Thermocouple", 27.0, 0.05, 0.9, 0.98, 0.3, 0.98),
    ("Voltage", 228.0, 10.0, 0.5, 0.90, 0.6, 0.0),
    ("VolumeFlowRateRMS", 122.0, 0.5, 0.7, 0.95, 0.5, 0.0),
]

START = dt.datetime(2024, 1, 1, 0, 0, 0, tzinfo=dt.timezone.utc)


def iso(i: int) -> str:
    return (START + dt.timedelta(seconds=int(i))).strftime("%Y-%m-%dT%H:%M:%SZ")


def _channel_specs(channels: int):
    if channels == len(PUMP_CHANNELS):
        return PUMP_CHANNELS
    if channels == 1:
        return [("value", 50.0, 5.0, 0.9, 0.9, 0.4, 0.0)]
    return [(f"ch{c}", 0.0, 1.0, 0.6, 0.9, 0.6, 0.0) for c in range(channels)]


def generate_normal(channels: int, n: int, seed: int) -> np.ndarray:
    """Anomaly-free multichannel signal [n, channels] (float64, physical units)."""
    rng = np.random.default_rng(seed)
    t = np.arange(n, dtype=np.float64)
    p1, p2 = 300.0 + 40 * rng.random(), 97.0 + 10 * rng.random()
    load = np.sin(2 * np.pi * t / p1) + 0.4 * np.sin(2 * np.pi * t / p2 + rng.random() * 6.28)
    out = np.empty((n, channels))
    for c, (_, level, scale, gain, phi, ar_share, smooth) in enumerate(_channel_specs(channels)):
        innov = rng.normal(0, np.sqrt(1 - phi * phi), n)
        ar = np.empty(n)
        ar[0] = innov[0]
        for i in range(1, n):
            ar[i] = phi * ar[i - 1] + innov[i]
        sig = gain * load
        if smooth > 0:
            sm = np.empty(n)
            sm[0] = sig[0]
            for i in range(1, n):
                sm[i] = smooth * sm[i - 1] + (1 - smooth) * sig[i]
            sig = sm / max(np.std(sm), 1e-9) * gain
        x = sig + ar_share * ar + (1 - ar_share) * rng.normal(0, 1, n)
        out[:, c] = level + scale * x
    return out


@dataclass
class Injection:
    kind: str
    start: int
    end: int            # inclusive
    channels: List[int]
    magnitude: float = 0.0

    def to_json(self, names):
        return {"kind": self.kind, "startIndex": self.start, "endIndex": self.end,
                "start": iso(self.start), "end": iso(self.end),
                "channels": [names[c] for c in self.channels], "magnitude": self.magnitude}


def inject(values: np.ndarray, injections: List[Injection], seed: int) -> np.ndarray:
    """Apply anomalies; magnitudes are in units of each channel's std over the clean series."""
    rng = np.random.default_rng(seed + 1000)
    v = values.copy()
    std = values.std(axis=0)
    for inj in injections:
        sl = slice(inj.start, inj.end + 1)
        for c in inj.channels:
            if inj.kind == "spike":
                v[sl, c] += inj.magnitude * std[c]
            elif inj.kind == "level_shift":
                v[sl, c] += inj.magnitude * std[c]
            elif inj.kind == "stuck":
                # stuck-at fault: the sensor reports a constant (its magnitude x std below the
                # mean, e.g. a dropped-out transmitter) for the whole interval
                v[sl, c] = values[:, c].mean() + inj.magnitude * std[c]
            elif inj.kind == "noise_burst":
                v[sl, c] += rng.normal(0, inj.magnitude * std[c], inj.end - inj.start + 1)
            else:
                raise ValueError(inj.kind)
    return v


@dataclass
class SampleSpec:
    name: str
    channels: int
    n: int
    seed: int
    model: str                      # which shipped model replays it (folder under models/)
    injections: List[Injection] = field(default_factory=list)


def default_specs() -> List[SampleSpec]:
    return [
        SampleSpec("pump_8ch_anomalies", 8, 3600, 20240101, "anomaly", [
            Injection("spike", 1200, 1202, [3, 6], 10.0),
            Injection("level_shift", 1800, 1979, [2, 6], 6.0),
            Injection("stuck", 2400, 2579, [4], -8.0),
            Injection("noise_burst", 3000, 3119, [0, 1], 6.0),
        ]),
        SampleSpec("pump_8ch_clean", 8, 1800, 20240102, "anomaly", []),
        SampleSpec("univariate_anomalies", 1, 3000, 20240103, "anomaly-univariate", [
            Injection("spike", 1100, 1102, [0], 10.0),
            Injection("level_shift", 1700, 1849, [0], 6.0),
            Injection("noise_burst", 2400, 2499, [0], 6.0),
        ]),
    ]


def channel_names(channels: int) -> List[str]:
    return [s[0] for s in _channel_specs(channels)]


def render_csv(spec: SampleSpec) -> str:
    v = inject(generate_normal(spec.channels, spec.n, spec.seed), spec.injections, spec.seed)
    buf = io.StringIO()
    buf.write("timestamp," + ",".join(channel_names(spec.channels)) + "\n")
    for i in range(spec.n):
        buf.write(iso(i) + "," + ",".join(f"{x:.6g}" for x in v[i]) + "\n")
    return buf.getvalue()


def read_csv(path) -> tuple:
    """Read a sample CSV back exactly as the pipeline will: (timestamps, names, values float64)."""
    with open(path, newline="") as fh:
        r = csv.reader(fh)
        header = next(r)
        ts, rows = [], []
        for row in r:
            ts.append(row[0])
            rows.append([float(x) for x in row[1:]])
    return ts, header[1:], np.asarray(rows, dtype=np.float64)


def sidecar(spec: SampleSpec) -> dict:
    names = channel_names(spec.channels)
    return {"channels": names, "sampleRateHz": 1, "rows": spec.n, "model": spec.model,
            "synthetic": True,
            "generator": "edgestream_train.sensor_samples (seed %d)" % spec.seed,
            "anomalies": [i.to_json(names) for i in spec.injections]}


def write_sample(spec: SampleSpec, out_dir: Path) -> Path:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    p = out_dir / f"{spec.name}.csv"
    p.write_text(render_csv(spec), newline="")
    return p
