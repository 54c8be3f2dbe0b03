"""The folder-of-videos loader (UCF101 layout) on a tiny folder of synthetic clips, plus the
numpy metrics it is evaluated with. Run from models/training: /usr/bin/python3 -m unittest"""
import os
import tempfile
import unittest

import cv2
import numpy as np
import torch

from edgestream_train.action_data import FPS, SIZE, T, VideoFolderDataset, read_video, windows
from edgestream_train.action_eval import auc_binary, confusion, macro_f1
from edgestream_train.action_render import render_window


def write_avi(path, frames, fps):
    h, w = frames[0].shape[:2]
    out = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), fps, (w, h))
    for f in frames:
        out.write(cv2.cvtColor(f, cv2.COLOR_RGB2BGR))
    out.release()


class VideoFolderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.root = cls.tmp.name
        for k, label in enumerate(["fall", "wave"]):
            os.makedirs(os.path.join(cls.root, label))
            for i in range(2):
                clip = render_window(label, 100 * k + i, size=128, frames=32, out_size=128)
                # 30 fps source: the loader must resample to the model's 15 fps
                write_avi(os.path.join(cls.root, label, f"v{i}.avi"), list(np.repeat(clip, 2, 0)), 30)
        open(os.path.join(cls.root, "fall", "notes.txt"), "w").write("not a video")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_read_video_resamples_and_resizes(self):
        v = read_video(os.path.join(self.root, "fall", "v0.avi"))
        self.assertEqual(v.dtype, np.uint8)
        self.assertEqual(v.shape, (32, SIZE, SIZE, 3))  # 64 frames at 30 fps -> 32 at 15 fps

    def test_dataset_items_and_labels(self):
        ds = VideoFolderDataset(self.root, stride=8)
        self.assertEqual(ds.labels, ["fall", "wave"])
        self.assertEqual(len(ds), 2 * 2 * 3)  # 32 frames, windows of 16 at stride 8 -> 3 per video
        x, y = ds[0]
        self.assertEqual(tuple(x.shape), (T, 3, SIZE, SIZE))
        self.assertEqual(x.dtype, torch.float32)
        self.assertTrue(-1.0 <= float(x.min()) and float(x.max()) <= 1.0)
        self.assertEqual(sorted(set(int(t) for t in ds.targets)), [0, 1])

    def test_explicit_label_order_and_loader_batches(self):
        ds = VideoFolderDataset(self.root, labels=["wave", "fall"], stride=16)
        self.assertEqual(int(ds.targets[0]), 0)  # wave folder is label 0 now
        xb, yb = next(iter(torch.utils.data.DataLoader(ds, batch_size=3)))
        self.assertEqual(tuple(xb.shape), (3, T, 3, SIZE, SIZE))

    def test_short_video_is_padded(self):
        self.assertEqual(len(windows(np.zeros((5, 4, 4, 3), np.uint8))), 1)


class MetricsTest(unittest.TestCase):
    def test_auc_matches_definition(self):
        s = np.array([0.1, 0.4, 0.35, 0.8])
        pos = np.array([False, False, True, True])
        self.assertAlmostEqual(auc_binary(s, pos), 0.75)
        self.assertAlmostEqual(auc_binary(np.array([0.5, 0.5]), np.array([True, False])), 0.5)

    def test_macro_f1_perfect_and_confusion(self):
        y = np.array([0, 1, 2, 2])
        cm = confusion(y, y, 3)
        self.assertEqual(macro_f1(cm), 1.0)
        self.assertEqual(cm.trace(), 4)


if __name__ == "__main__":
    unittest.main()
