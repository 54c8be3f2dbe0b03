"""The letterbox rule shared with the C# side, the keypoint back-mapping and timestamp resampling."""
import os
import sys
import tempfile
import unittest

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from edgestream_train.pose_frames import (keypoints_to_source, letterbox, letterbox_geometry,  # noqa: E402
                                          resampled_frames)


class LetterboxTests(unittest.TestCase):
    def test_geometry(self):
        cases = {
            (340, 256): (192, 145, 0, 23),    # 256 * 192/340 = 144.56 -> 145; margin 47 -> 23 top, 24 bottom
            (768, 576): (192, 144, 0, 24),
            (256, 340): (145, 192, 23, 0),    # portrait
            (192, 192): (192, 192, 0, 0),
            (64, 48): (192, 144, 0, 24),      # upscaled
            (384, 5): (192, 3, 0, 94),        # 2.5 rounds half up to 3 (Python's round() would give 2)
            (1000, 1): (192, 1, 0, 95),       # 0.192 -> at least 1 pixel
        }
        for (w, h), want in cases.items():
            with self.subTest(w=w, h=h):
                self.assertEqual(letterbox_geometry(w, h, 192), want)
        self.assertEqual(letterbox_geometry(4, 1, 2), (2, 1, 0, 0))  # 0.5 -> 1
        with self.assertRaises(ValueError):
            letterbox_geometry(0, 10)

    def test_pixels_are_the_area_resize_on_black(self):
        rng = np.random.default_rng(3)
        img = rng.integers(0, 256, size=(256, 340, 3), dtype=np.uint8)
        out = letterbox(img, 192)
        self.assertEqual((out.shape, out.dtype), ((192, 192, 3), np.uint8))
        np.testing.assert_array_equal(out[23:23 + 145], cv2.resize(img, (192, 145), interpolation=cv2.INTER_AREA))
        self.assertEqual(int(out[:23].max()), 0)
        self.assertEqual(int(out[23 + 145:].max()), 0)
        gray = letterbox(img[..., 0], 96)  # 2-D images keep their rank
        self.assertEqual(gray.shape, (96, 96))

    def test_keypoints_back_to_source_pixels(self):
        w, h = 340, 256
        nw, nh, x0, y0 = letterbox_geometry(w, h)
        src = np.array([[0.0, 0.0], [w, h], [170.0, 100.0]])  # (x, y) in continuous source pixels
        lb_y = (src[:, 1] * nh / h + y0) / 192
        lb_x = (src[:, 0] * nw / w + x0) / 192
        kps = np.stack([lb_y, lb_x, [0.9, 0.5, 0.1]], -1)
        back = keypoints_to_source(kps, w, h)
        np.testing.assert_allclose(back[:, :2], src, atol=1e-9)
        np.testing.assert_allclose(back[:, 2], [0.9, 0.5, 0.1])


class ResampleTests(unittest.TestCase):
    def test_nearest_frame_per_tick(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "ramp.avi")
            vw = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), 10, (32, 24))
            for i in range(12):  # frame i has brightness 20 * i, time i / 10 s
                vw.write(np.full((24, 32, 3), 20 * i, np.uint8))
            vw.release()
            got = [(t, int(round(float(img.mean()) / 20))) for t, img in resampled_frames(path, 4)]
        # ticks 0, 0.25 (frames 2 and 3 equally near: the earlier), 0.5, 0.75, 1.0; the last frame is at 1.1 s
        self.assertEqual([t for t, _ in got], [0.0, 0.25, 0.5, 0.75, 1.0])
        self.assertEqual([i for _, i in got], [0, 2, 5, 7, 10])


if __name__ == "__main__":
    unittest.main()
