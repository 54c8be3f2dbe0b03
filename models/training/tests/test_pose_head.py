"""The keypoint head's normaliser and the synthetic keypoint windows it trains on."""
import unittest

import numpy as np
import torch

from edgestream_train import pose_keypoints as pk
from edgestream_train import pose_real
from edgestream_train.pose_head import INPUTS, JOINTS, KeypointHead, KeypointNormaliser


def window(seed=0, label="walk"):
    return torch.from_numpy(pk.sample_window(label, np.random.default_rng(seed)).reshape(1, 20, -1))


class NormaliserTest(unittest.TestCase):
    def test_moving_and_scaling_the_person_changes_nothing(self):
        w = window()
        k = w.reshape(1, 20, JOINTS, 3).clone()
        k[..., :2] = k[..., :2] * 0.5 + 0.2  # half the size, elsewhere in the picture
        a, b = KeypointNormaliser()(w), KeypointNormaliser()(k.reshape(1, 20, -1))
        per_joint = JOINTS * 5
        torch.testing.assert_close(a[..., :per_joint], b[..., :per_joint], atol=1e-4, rtol=1e-4)
        torch.testing.assert_close(b[..., -1] - a[..., -1], torch.full((1, 20), float(np.log(0.5))), atol=1e-4, rtol=0)

    def test_joints_below_the_score_floor_read_as_zero(self):
        w = window().reshape(1, 20, JOINTS, 3).clone()
        w[:, :, 9, 2] = 0.05  # left wrist lost in every frame
        out = KeypointNormaliser()(w.reshape(1, 20, -1)).reshape(1, 20, -1)
        per_joint = out[..., :JOINTS * 5].reshape(1, 20, JOINTS, 5)
        self.assertTrue(torch.all(per_joint[:, :, 9] == 0))

    def test_a_fall_drops_the_hips_by_a_body_length_fraction(self):
        falls = [pk.sample_window("fall", np.random.default_rng(s)) for s in range(20)]
        stands = [pk.sample_window("other", np.random.default_rng(s)) for s in range(20)]

        def drop(w):
            hips = w[:, 11:13, 0].mean(1)
            return hips[-3:].mean() - hips[:3].mean()  # y grows downwards
        self.assertGreater(np.median([drop(w) for w in falls]), 3 * abs(np.median([drop(w) for w in stands])))

    def test_head_takes_raw_encoder_features(self):
        head = KeypointHead(len(pk.LABELS))
        logits, att = head(torch.cat([window(1), window(2)]))
        self.assertEqual(tuple(logits.shape), (2, len(pk.LABELS)))
        torch.testing.assert_close(att.sum(1), torch.ones(2))
        self.assertEqual(KeypointNormaliser()(window(3)).shape[-1], INPUTS)


class WindowsTest(unittest.TestCase):
    def test_windows_are_reproducible_and_in_range(self):
        x1, y1 = pk.make_windows(3, seed=5)
        x2, _ = pk.make_windows(3, seed=5)
        np.testing.assert_array_equal(x1, x2)
        self.assertEqual(x1.shape, (3 * len(pk.LABELS), 20, 51))
        self.assertTrue(np.all((x1 >= 0) & (x1 <= 1)))
        self.assertEqual(sorted(set(y1.tolist())), list(range(len(pk.LABELS))))

    def test_real_window_labels_follow_the_fall_time(self):
        row = {"file": "f.mp4", "labels": ["fall", "walk"], "fall_times_s": [5.0]}
        self.assertEqual(pose_real.window_label(row, 3.5, 5.5), pk.LABELS.index("fall"))
        self.assertIsNone(pose_real.window_label(row, 2.0, 4.0))  # before: standing or walking, unknown
        self.assertEqual(pose_real.window_label(row, 6.5, 8.5), pk.LABELS.index("other"))  # lying after

    def test_the_test_split_is_refused_for_training(self):
        with self.assertRaises(SystemExit):
            pose_real.build_windows("/nonexistent", "test", 10.0, 20, 2, "/tmp")


if __name__ == "__main__":
    unittest.main()
