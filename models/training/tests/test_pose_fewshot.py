"""pose_fewshot: the base head read back from its ONNX file, windows cut from keypoint files, and the whole step on a
tiny keypoint folder laid out as `edgestream keypoints` writes it (the C# side of the flow is
tests/EdgeStream.Host.Tests/Keypoints). Run from models/training: /usr/bin/python3 -m unittest"""
import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stdout

import numpy as np
import onnx
from onnx import numpy_helper

from edgestream_train import pose_fewshot, pose_fewshot_data as fd
from edgestream_train import pose_keypoints as pk
from edgestream_train.pose_head import KeypointHead
from edgestream_train.pose_release import export_head

BASE = pose_fewshot.BASE


def base_manifest():
    with open(os.path.join(BASE, "manifest.json")) as f:
        return json.load(f)


def write_clip(folder, label, name, windows):
    """A keypoint CSV of consecutive synthetic windows at 10 fps, as `edgestream keypoints` writes it."""
    feats = windows.reshape(-1, windows.shape[-1])
    os.makedirs(os.path.join(folder, label), exist_ok=True)
    with open(os.path.join(folder, label, f"{name}.csv"), "w") as f:
        f.write("time_s,source_frame," + ",".join(f"f{i}" for i in range(feats.shape[1])) + "\n")
        for i, row in enumerate(feats):
            f.write(f"{i / 10:.6f},{i}," + ",".join(repr(float(v)) for v in row) + "\n")
    return {"label": label, "source": f"{label}/{name}.mp4", "file": f"{label}/{name}.csv", "frames": len(feats)}


class BaseHeadTest(unittest.TestCase):
    def test_base_head_read_from_onnx_exports_back_to_the_same_initializers(self):
        base = base_manifest()
        head = KeypointHead(len(base["labels"]))
        state, kept = fd.base_head_state(os.path.join(BASE, "pose.head.fp32.onnx"), base["labels"], base["labels"], head)
        head.load_state_dict(state)
        self.assertEqual(kept, base["labels"])
        with tempfile.TemporaryDirectory() as tmp:
            export_head(head, os.path.join(tmp, "h.onnx"), 20)
            got = {t.name: numpy_helper.to_array(t) for t in onnx.load(os.path.join(tmp, "h.onnx")).graph.initializer}
        want = {t.name: numpy_helper.to_array(t) for t in onnx.load(os.path.join(BASE, "pose.head.fp32.onnx")).graph.initializer}
        self.assertEqual(sorted(got), sorted(want))
        for name, value in want.items():
            np.testing.assert_array_equal(got[name], value, err_msg=name)

    def test_new_labels_keep_the_rows_of_labels_the_base_has(self):
        base = base_manifest()
        labels = ["other", "fall", "clap"]
        state, kept = fd.base_head_state(os.path.join(BASE, "pose.head.fp32.onnx"), base["labels"], labels,
                                         KeypointHead(len(labels)))
        self.assertEqual(kept, ["other", "fall"])
        self.assertEqual(tuple(state["temporal.fc.weight"].shape), (3, 128))


class WindowsTest(unittest.TestCase):
    def test_windows_do_not_span_a_gap_and_short_runs_give_none(self):
        times = np.concatenate([np.arange(25) / 10, 10 + np.arange(15) / 10])
        feats = np.arange(40 * 51, dtype=np.float32).reshape(40, 51)
        w = fd.windows(times, feats, 20, 2, 10.0)
        self.assertEqual(w.shape, (3, 20, 51))           # 25 frames -> starts 0, 2, 4; the 15 after the gap: none
        np.testing.assert_array_equal(w[2, 0], feats[4])

    def test_other_comes_first_and_is_added_when_missing(self):
        index = {"clips": [{"label": "wave"}, {"label": "fall"}]}
        self.assertEqual(fd.user_labels(index), (["other", "fall", "wave"], True))
        index["clips"].append({"label": "other"})
        self.assertEqual(fd.user_labels(index), (["other", "fall", "wave"], False))

    def test_holdout_is_the_last_clip_of_labels_with_two_or_more(self):
        index = {"clips": [{"label": "a", "source": "a/2"}, {"label": "a", "source": "a/1"}, {"label": "b", "source": "b/1"}]}
        train, held = fd.split_clips(index)
        self.assertEqual([c["source"] for c in held], ["a/2"])
        self.assertEqual(sorted(c["source"] for c in train), ["a/1", "b/1"])

    def test_augment_keeps_shape_and_scores(self):
        x, _ = pk.make_windows(4, 3, labels=["walk"])
        got = fd.augment(x, np.random.default_rng(0))
        self.assertEqual(got.shape, x.shape)
        np.testing.assert_array_equal(np.sort(got.reshape(4, 20, 17, 3)[..., 2], axis=-1),
                                      np.sort(x.reshape(4, 20, 17, 3)[..., 2], axis=-1))


class FewshotStepTest(unittest.TestCase):
    def test_a_keypoint_folder_becomes_a_model_folder(self):
        base = base_manifest()
        with tempfile.TemporaryDirectory() as tmp:
            kp, out = os.path.join(tmp, "kp"), os.path.join(tmp, "mine")
            clips = []
            for label, synth in (("walk", "walk"), ("fall", "fall")):
                x, _ = pk.make_windows(6, 11 if label == "walk" else 12, labels=[synth])
                clips += [write_clip(kp, label, f"{label}{k}", x[2 * k:2 * k + 2]) for k in range(3)]
            enc = base["variants"][0]["encoder"]
            rng = np.random.default_rng(0)
            golden = {"cases": [{"name": "vtest_walkers", "features": {
                v: (0.5 + 0.1 * rng.standard_normal(base["input"]["frames"] * 51)).clip(0, 1).tolist() for v in ("fp32", "fp16")}}]}
            index = {"formatVersion": 1, "model": {"name": base["name"], "encoder": enc}, "fps": 10.0, "frames": base["input"]["frames"],
                     "stride": 2, "featureSize": 51, "labels": ["fall", "walk"], "clips": clips, "failed": [],
                     "goldenFeatures": "golden_features.json"}
            for name, doc in (("index.json", index), ("golden_features.json", golden)):
                with open(os.path.join(kp, name), "w") as f:
                    json.dump(doc, f)
            printed = io.StringIO()
            with redirect_stdout(printed):
                pose_fewshot.main(["--keypoints", kp, "--out", out, "--steps", "4", "--synthetic-other", "50"])
            self.assertIn("held-out accuracy", printed.getvalue())
            with open(os.path.join(out, "manifest.json")) as f:
                manifest = json.load(f)
            self.assertEqual(manifest["labels"], ["other", "fall", "walk"])
            self.assertEqual(manifest["input"], base["input"])
            self.assertEqual([v["encoder"] for v in manifest["variants"]], [v["encoder"] for v in base["variants"]])
            self.assertEqual(manifest["defaults"], base["defaults"])
            for v in manifest["variants"]:
                self.assertTrue(os.path.exists(os.path.join(out, v["encoder"]["file"])))
                self.assertEqual(v["head"]["sha256"], pose_fewshot.sha256(os.path.join(out, v["head"]["file"])))
            with open(os.path.join(out, "golden", "golden.json")) as f:
                g = json.load(f)
            self.assertEqual(sorted(g["cases"][0]["expected"]), ["fp16", "fp32"])
            self.assertEqual(len(g["cases"][0]["expected"]["fp32"]["logits"]), 3)
            with open(os.path.join(out, "fewshot.json")) as f:
                report = json.load(f)
            self.assertEqual(report["heldout_clips"], ["fall/fall2.mp4", "walk/walk2.mp4"])

    def test_keypoints_from_another_encoder_are_refused(self):
        index = {"model": {"name": "x", "encoder": {"file": "e.onnx", "sha256": "00"}}, "fps": 10.0, "featureSize": 51}
        with self.assertRaises(SystemExit) as caught:
            fd.check_base(index, base_manifest())
        self.assertIn("does not ship", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
