"""Unit tests for the sensor scoring reference rule (edgestream_train.sensor_scoring).

Run from models/training:  /usr/bin/python3 -m unittest discover -s tests -p 'test_sensor*.py'
"""
import math
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from edgestream_train.sensor_scoring import (ScoreParams, StreamScorer, events_to_mask,  # noqa: E402
                                             forecast_errors, normalise, score_errors,
                                             score_stream, warmup_stats)


class TestScoringRule(unittest.TestCase):
    def test_ewma_and_baseline(self):
        p = ScoreParams(error_ewma_alpha=0.5, baseline_samples=3, threshold=4.0, enter_windows=1,
                        exit_windows=1, min_std=1e-3)
        sc = StreamScorer(p)
        r = [sc.update(10 + i, e) for i, e in enumerate([1.0, 3.0, 1.0])]
        self.assertEqual([x.smoothed for x in r], [1.0, 2.0, 1.5])
        self.assertTrue(all(x.z is None for x in r))
        self.assertAlmostEqual(sc.mean, 1.5)
        self.assertAlmostEqual(sc.m2 / sc.n, ((1 - 1.5) ** 2 + (2 - 1.5) ** 2 + 0) / 3)
        # next: s = 0.5*1.5 + 0.5*1.5 = 1.5 -> z = 0, added to the baseline
        x = sc.update(13, 1.5)
        self.assertAlmostEqual(x.z, 0.0)
        self.assertEqual(sc.n, 4)

    def test_min_std_floor(self):
        p = ScoreParams(1.0, 2, 4.0, 1, 1, min_std=0.5)
        sc = StreamScorer(p)
        sc.update(0, 1.0)
        sc.update(1, 1.0)
        x = sc.update(2, 2.0)
        self.assertAlmostEqual(x.z, (2.0 - 1.0) / 0.5)

    def test_hysteresis_event_indices(self):
        # alpha 1 (no smoothing) makes z a direct function of e.
        p = ScoreParams(error_ewma_alpha=1.0, baseline_samples=4, threshold=3.0, enter_windows=3,
                        exit_windows=2, min_std=1.0)
        errs = [0, 0, 0, 0,          # baseline: mean 0, std 0 -> floor 1
                0, 10, 10, 0,        # run broken before enter=3: no event
                10, 10, 10, 10,      # event: start 8, confirmed 10
                0, 10, 0, 0,         # below resets on an above sample; closes at 15, end 13
                0]
        sc, steps = score_errors(errs, 0, p)
        self.assertEqual(len(sc.events), 1)
        ev = sc.events[0]
        self.assertEqual((ev.start_index, ev.confirmed_index, ev.end_index, ev.closed_index), (8, 10, 13, 15))
        self.assertEqual([s.anomalous for s in steps][8:16],
                         [False, False, True, True, True, True, True, False])
        # the baseline never learnt an above-threshold sample: still mean 0
        self.assertEqual(sc.mean, 0.0)
        mask = events_to_mask(sc.events, len(errs))
        self.assertEqual(mask.tolist(), [0] * 8 + [1] * 6 + [0] * 3)

    def test_open_event_at_end(self):
        p = ScoreParams(1.0, 2, 3.0, 1, 5, min_std=1.0)
        sc, _ = score_errors([0, 0, 9, 9], 100, p)
        self.assertEqual(sc.events[0].start_index, 102)
        self.assertIsNone(sc.events[0].end_index)
        self.assertEqual(events_to_mask(sc.events, 104)[100:].tolist(), [0, 0, 1, 1])

    def test_baseline_updates_only_when_normal(self):
        p = ScoreParams(1.0, 2, 3.0, 2, 3, min_std=1.0)
        sc = StreamScorer(p)
        for t, e in enumerate([1.0, 1.0]):
            sc.update(t, e)
        sc.update(2, 5.0)   # above, run=1, not learnt
        self.assertEqual(sc.n, 2)
        sc.update(3, 1.0)   # below, normal -> learnt
        self.assertEqual(sc.n, 3)
        sc.update(4, 9.0)
        sc.update(5, 9.0)   # event
        sc.update(6, 1.0)   # below but anomalous -> not learnt
        self.assertEqual(sc.n, 3)

    def test_normalisation_and_errors(self):
        raw = np.array([[1.0, 5.0], [3.0, 5.0], [2.0, 5.0], [4.0, 5.0]])
        mean, std = warmup_stats(raw, 2, min_std=1e-6)
        np.testing.assert_allclose(mean, [2.0, 5.0])
        np.testing.assert_allclose(std, [1.0, 1e-6])   # population std; constant channel floored
        z = normalise(raw, mean, std)
        self.assertEqual(z.dtype, np.float32)
        np.testing.assert_allclose(z[:, 0], [-1, 1, 0, 2])
        # persistence "model": forecast = last row of the window
        errs, fc = forecast_errors(z, 2, 2, lambda w: w[:, -1, :])
        np.testing.assert_allclose(fc[0], z[1])
        np.testing.assert_allclose(errs, [((0 - 1) ** 2 + 0) / 2, ((2 - 0) ** 2 + 0) / 2])

    def test_score_stream_t0(self):
        raw = np.random.default_rng(0).normal(size=(300, 3))
        p = ScoreParams(0.1, 50, 4.0, 3, 10)
        r = score_stream(raw, 32, 100, p, lambda w: w[:, -1, :])
        self.assertEqual(r["t0"], 100)
        self.assertEqual(len(r["errors"]), 200)
        r = score_stream(raw, 32, 20, p, lambda w: w[:, -1, :])
        self.assertEqual(r["t0"], 32)


if __name__ == "__main__":
    unittest.main()
