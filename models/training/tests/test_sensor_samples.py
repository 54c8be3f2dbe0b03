"""Tests for the synthetic sensor sample generator and data helpers."""
import json
import os
import re
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from edgestream_train import sensor_samples as ss  # noqa: E402
from edgestream_train import sensor_data as sd  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "sensors"


class TestSampleGenerator(unittest.TestCase):
    def test_deterministic_and_format(self):
        spec = ss.default_specs()[0]
        a, b = ss.render_csv(spec), ss.render_csv(spec)
        self.assertEqual(a, b)
        lines = a.splitlines()
        self.assertEqual(lines[0], "timestamp," + ",".join(ss.PUMP_CHANNELS[i][0] for i in range(8)))
        self.assertEqual(len(lines), spec.n + 1)
        self.assertTrue(lines[1].startswith("2024-01-01T00:00:00Z,"))
        self.assertTrue(lines[2].startswith("2024-01-01T00:00:01Z,"))
        self.assertRegex(lines[-1].split(",")[0], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertLess(len(a.encode()), 500_000)

    def test_injections_change_only_their_rows(self):
        spec = ss.default_specs()[0]
        clean = ss.generate_normal(spec.channels, spec.n, spec.seed)
        dirty = ss.inject(clean, spec.injections, spec.seed)
        changed = np.any(clean != dirty, axis=1)
        mask = np.zeros(spec.n, bool)
        for inj in spec.injections:
            mask[inj.start:inj.end + 1] = True
        self.assertFalse(changed[~mask].any())
        for inj in spec.injections:
            self.assertTrue(changed[inj.start:inj.end + 1].any(), inj.kind)

    def test_roundtrip_read(self):
        spec = ss.default_specs()[2]
        with tempfile.TemporaryDirectory() as d:
            p = ss.write_sample(spec, Path(d))
            ts, names, v = ss.read_csv(p)
        self.assertEqual(names, ["value"])
        self.assertEqual(v.shape, (spec.n, 1))
        self.assertEqual(ts[0], ss.iso(0))

    def test_committed_samples_match_generator(self):
        if not SAMPLES.is_dir():
            self.skipTest(f"no committed samples at {SAMPLES}")
        checked = 0
        for spec in ss.default_specs():
            p = SAMPLES / f"{spec.name}.csv"
            if not p.exists():
                print(f"\n[note] {p} not committed yet")
                continue
            checked += 1
            self.assertEqual(p.read_text(), ss.render_csv(spec), spec.name)
            side = json.loads((SAMPLES / f"{spec.name}.json").read_text())
            self.assertEqual(side["channels"], ss.channel_names(spec.channels))
            self.assertEqual(len(side["anomalies"]), len(spec.injections))
            self.assertIn("expectedEvents", side)
            for ev in side["expectedEvents"]:
                self.assertLessEqual(ev["startIndex"], ev["confirmedIndex"])
        if not checked:
            self.skipTest("no committed samples")


class TestDataHelpers(unittest.TestCase):
    def test_nab_probation(self):
        self.assertEqual(sd.nab_probation(1127), 169)
        self.assertEqual(sd.nab_probation(22695), 750)

    def test_training_windows_use_only_train_part(self):
        v = np.arange(200, dtype=np.float64)[:, None]
        s = sd.Series("x", v, train_end=100)
        X, Y = sd.training_windows([s], 10, 50)
        self.assertEqual(X.shape, (90, 10, 1))
        # the largest target is row 99 (normalised with the first 50 rows' stats)
        mean, std = v[:50].mean(), v[:50].std()
        self.assertAlmostEqual(float(Y.max()), (99 - mean) / std, places=4)

    def test_real_data_layout(self):
        d = sd.default_data_dir()
        if not sd.has_skab(d):
            print(f"\n[skip] SKAB data not found under {d} (set EDGESTREAM_DATA_DIR)")
            self.skipTest("SKAB data absent")
        series = sd.load_skab(d)
        self.assertEqual(len(series), 35)
        self.assertTrue(all(s.values.shape[1] == 8 for s in series))


if __name__ == "__main__":
    unittest.main()
