"""Synthetic action data and the encoder contract: determinism, camera views, perspective, F=128 at any size."""
import math
import os
import sys
import unittest

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from edgestream_train import action_models  # noqa: E402
from edgestream_train.action_render import NEUTRAL, Look, camera_yaw, project, render_window, skeleton  # noqa: E402


class RenderTests(unittest.TestCase):
    def test_same_seed_same_clip_other_seed_other_clip(self):
        a, b, c = render_window("fall", 7), render_window("fall", 7), render_window("fall", 8)
        self.assertEqual(a.shape, (16, 64, 64, 3))
        self.assertEqual(a.dtype, np.uint8)
        self.assertTrue(np.array_equal(a, b))
        self.assertFalse(np.array_equal(a, c))

    def test_oblique_views_stay_15_to_75_degrees_off_the_body_axis(self):
        rng = np.random.default_rng(0)
        offs = []
        for _ in range(2000):
            yaw = camera_yaw(rng, "oblique")
            off = abs(math.degrees(math.atan2(math.sin(yaw), math.cos(yaw))))  # 0..180 from the front
            offs.append(min(off, 180 - off))                                     # 0..90 from front or back
        self.assertGreaterEqual(min(offs), 15.0)
        self.assertLessEqual(max(offs), 75.0)
        self.assertLess(min(offs), 20.0)   # the whole range is used, both ends
        self.assertGreater(max(offs), 70.0)

    def test_any_views_include_side_on_and_head_on(self):
        rng = np.random.default_rng(0)
        sines = [abs(math.sin(camera_yaw(rng, "any"))) for _ in range(2000)]
        self.assertGreater(max(sines), 0.999)
        self.assertLess(min(sines), 0.01)
        with self.assertRaises(ValueError):
            camera_yaw(rng, "top")

    def test_a_figure_closer_to_the_camera_is_drawn_larger_with_its_feet_on_the_ground(self):
        look = Look(np.random.default_rng(1), 128, 128)
        joints = skeleton(NEUTRAL)

        def extent(depth):
            pts = project(joints, look, 0.0, depth)
            ys = [p[1] for p in pts.values()]
            return max(ys) - min(ys), max(ys)

        (near, near_feet), (mid, mid_feet), (far, far_feet) = extent(-1.0), extent(0.0), extent(1.0)
        self.assertGreater(near, mid * 1.1)
        self.assertGreater(mid, far * 1.1)
        for feet in (near_feet, mid_feet, far_feet):  # scaled about the ground point: feet stay close to it
            self.assertAlmostEqual(feet, look.ground, delta=0.05 * look.h)


class EncoderTests(unittest.TestCase):
    def test_features_are_128_wide_at_any_frame_size(self):
        enc = action_models.FrameEncoder().eval()
        with torch.no_grad():
            for h, w in ((64, 64), (96, 128), (48, 40)):
                self.assertEqual(tuple(enc(torch.zeros(2, 3, h, w)).shape), (2, action_models.FEATURES))

    def test_attention_head_outputs_logits_and_a_distribution_over_time(self):
        model = action_models.build("cnn_lstm_attention", 10, skip=True).eval()
        with torch.no_grad():
            logits, att = model(torch.randn(3, 16, 3, 64, 64))
        self.assertEqual(tuple(logits.shape), (3, 10))
        self.assertEqual(tuple(att.shape), (3, 16))
        self.assertTrue(torch.allclose(att.sum(1), torch.ones(3), atol=1e-5))


if __name__ == "__main__":
    unittest.main()
