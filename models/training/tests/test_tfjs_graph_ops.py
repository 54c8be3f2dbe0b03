"""TFJS interpreter: shape/index ops, the channels-first path, loading errors (numpy references,
N=3 frames each checked alone; see test_tfjs_graph)."""
import os
import sys
import unittest

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import tf_reference as ref  # noqa: E402
from test_tfjs_graph import N, RNG, InterpreterCase, build, run  # noqa: E402
from tfjs_fixture import GraphWriter, T  # noqa: E402

from edgestream_train.tfjs_values import V  # noqa: E402


def i32(*v):
    return np.array(v, np.int32)


class ShapeOpTests(InterpreterCase):
    def test_reshape_squeeze_expand_pack_unpack_concat_tile_split(self):
        w = GraphWriter()
        w.placeholder("x", [1, 2, 3, 4])
        for name, v in {"s1": i32(1, -1, 4), "s2": i32(6, 4), "e": np.int32(-1), "ca": np.int32(-1), "t": i32(2, 1, 1),
                        "sa": np.int32(2)}.items():
            w.const(name, v)
        _, c = w.const("c", RNG.normal(size=(2, 3, 4)))
        w.node("r1", "Reshape", ["x", "s1"])
        w.node("r2", "Reshape", ["x", "s2"])
        w.node("sq", "Squeeze", ["x"], squeeze_dims=[0])
        w.node("sqall", "Squeeze", ["r1"], squeeze_dims=[])
        w.node("ex", "ExpandDims", ["sq", "e"])
        w.node("pk", "Pack", ["sq", "c"], axis=-1, N=2)
        w.node("up", "Unpack", ["sq"], axis=1, num=3)
        w.node("cc", "ConcatV2", ["sq", "c", "ca"], N=2)
        w.node("tl", "Tile", ["sq", "t"])
        w.node("sp", "Split", ["sa", "sq"], num_split=2)
        outs = ["r1", "r2", "sq", "sqall", "ex", "pk", "up:1", "up:2", "cc", "tl", "sp", "sp:1"]
        want = [lambda f: f.reshape(1, -1, 4), lambda f: f.reshape(6, 4), lambda f: f[0], lambda f: f.reshape(6, 4),
                lambda f: f[0][..., None], lambda f: np.stack([f[0], c], -1), lambda f: f[0][:, 1],
                lambda f: f[0][:, 2], lambda f: np.concatenate([f[0], c], -1), lambda f: np.tile(f[0], (2, 1, 1)),
                lambda f: f[0][:, :, :2], lambda f: f[0][:, :, 2:]]
        x = RNG.normal(size=(N, 1, 2, 3, 4)).astype(np.float32)
        for name, got, fn in zip(outs, run(w, outs, x), want):
            with self.subTest(name):
                self.per_frame(got, fn, x)

    def test_shape_size_fill_range_strided_slice(self):
        w = GraphWriter()
        w.placeholder("x", [2, 5, 6])
        for name, v in {"b0": i32(1, 0), "e0": i32(2, 4), "s0": i32(1, 2), "b1": i32(0, 0, 1), "e1": i32(0, 0, -1),
                        "s1": i32(1, 1, 1), "b2": i32(0, 1), "e2": i32(0, 0), "s2": i32(1, 1)}.items():
            w.const(name, v)
        w.const("one", np.array(1.5, np.float32))
        w.const("r0", np.array(0, np.int32))
        w.const("rd", np.array(2, np.int32))
        for name, v in {"f0": 0.0, "f1": 2.5, "fd": 0.5}.items():
            w.const(name, np.float32(v))
        w.node("frg", "Range", ["f0", "f1", "fd"])
        w.node("sh", "Shape", ["x"], out_type=T("DT_INT32"))
        w.node("sz", "Size", ["x"], out_type=T("DT_INT32"))
        w.node("fl", "Fill", ["sh", "one"])
        w.node("rg", "Range", ["r0", "sz", "rd"])
        # x[1:2, 0:4:2] ; x[..., :, 1:-1] with a new axis in the middle ; x[:, 1] (shrink)
        w.node("ss0", "StridedSlice", ["x", "b0", "e0", "s0"])
        w.node("ss1", "StridedSlice", ["x", "b1", "e1", "s1"], ellipsis_mask=1, new_axis_mask=2)
        w.node("ss2", "StridedSlice", ["x", "b2", "e2", "s2"], begin_mask=1, end_mask=3, shrink_axis_mask=2)
        x = RNG.normal(size=(N, 2, 5, 6)).astype(np.float32)
        sh, sz, fl, rg, s0, s1, s2, frg = run(w, ["sh", "sz", "fl", "rg", "ss0", "ss1", "ss2", "frg"], x)
        self.close(frg, np.arange(0, 2.5, 0.5))
        self.assertEqual(sh.tolist(), [2, 5, 6])  # per frame: no frame axis
        self.assertEqual(int(sz), 60)
        self.close(fl, np.full((2, 5, 6), 1.5))
        self.assertEqual(rg.tolist(), list(range(0, 60, 2)))
        self.per_frame(s0, lambda f: f[1:2, 0:4:2], x)
        self.per_frame(s1, lambda f: f[..., None, 1:-1], x)
        self.per_frame(s2, lambda f: f[:, 1], x)


class GatherReduceTests(InterpreterCase):
    def test_gather_nd_argmax_topk_reductions(self):
        w = GraphWriter()
        w.placeholder("h", [1, 4, 5, 3])  # a heatmap per frame
        w.const("idx", i32([0, 1, 2], [0, 3, 4]))
        w.const("flat", i32(1, -1, 3))
        w.const("one", np.int32(1))
        w.const("k", np.int32(2))
        w.const("ax", i32(1, 2))
        w.const("w5", np.int32(5))
        _, tab = w.const("tab", RNG.normal(size=(20, 2)))
        w.node("g_const_idx", "GatherNd", ["h", "idx"])              # frame params, constant indices
        w.node("hf", "Reshape", ["h", "flat"])
        w.node("am", "ArgMax", ["hf", "one"], output_type=T("DT_INT32"))  # [1,3] per frame
        w.node("row", "FloorDiv", ["am", "w5"])
        w.node("col", "Sub", ["am", "row5"])
        w.node("row5", "Mul", ["row", "w5"])
        w.node("zero", "Mul", ["am", "r0"])
        w.const("r0", np.int32(0))
        w.node("ch", "Range", ["r0c", "r3", "r1"])
        for name, v in {"r0c": i32(0), "r3": i32(3), "r1": i32(1)}.items():
            w.const(name, np.array(v.item(), np.int32))
        w.node("ch1", "ExpandDims", ["ch", "r0"])
        w.node("ix", "Pack", ["zero", "row", "col", "ch1"], axis=-1, N=4)  # [1,3,4], frame indices
        w.node("g_frame_idx", "GatherNd", ["h", "ix"])
        w.node("amf", "Reshape", ["am", "vflat"])
        w.const("vflat", i32(-1))
        w.const("mone", np.int32(-1))
        w.node("amf2", "ExpandDims", ["amf", "mone"])
        w.node("g_const_params", "GatherNd", ["tab", "amf2"])        # constant params, frame indices
        w.node("tk", "TopKV2", ["hf2", "k"], sorted=True)
        w.node("hf2", "Reshape", ["h", "vflat"])
        w.node("mx", "Max", ["h", "ax"], keep_dims=True)
        w.node("sm", "Sum", ["h", "ax"], keep_dims=False)
        h = RNG.normal(size=(N, 1, 4, 5, 3)).astype(np.float32)
        outs = run(w, ["g_const_idx", "am", "g_frame_idx", "g_const_params", "tk", "tk:1", "mx", "sm"], h)
        self.per_frame(outs[0], lambda f: ref.gather_nd(f, [[0, 1, 2], [0, 3, 4]]), h)
        self.per_frame(outs[1], lambda f: f.reshape(1, -1, 3).argmax(1), h)
        self.per_frame(outs[2], lambda f: f.reshape(1, -1, 3).max(1), h)  # gathering the argmax = the max
        self.per_frame(outs[3], lambda f: tab[f.reshape(1, -1, 3).argmax(1).reshape(-1)], h)
        self.per_frame(outs[4], lambda f: -np.sort(-f.reshape(-1))[:2], h)
        self.per_frame(outs[5], lambda f: np.argsort(-f.reshape(-1), kind="stable")[:2], h)
        self.per_frame(outs[6], lambda f: f.max((1, 2), keepdims=True), h)
        self.per_frame(outs[7], lambda f: f.sum((1, 2)), h)


class LayoutAndFeedTests(InterpreterCase):
    def movenet_like(self):
        """int32 [1,6,6,3] -> Cast -> Unpack/ExpandDims/Squeeze/ExpandDims -> scale -> conv -> *const
        -> Sigmoid -> Reshape: the shape of MoveNet's input path and head."""
        w = GraphWriter()
        w.placeholder("input", [1, 6, 6, 3], "DT_INT32")
        w.node("cast", "Cast", ["input"], SrcT=T("DT_INT32"), DstT=T("DT_FLOAT"))
        w.node("un", "Unpack", ["cast"], axis=0, num=1)
        w.const("z", np.int32(0))
        w.node("e1", "ExpandDims", ["un", "z"])
        w.node("sq", "Squeeze", ["e1"], squeeze_dims=[0])
        w.node("e2", "ExpandDims", ["sq", "z"])
        _, sc = w.const("sc", np.full((1, 1, 1, 3), 1 / 127.5, np.float32), "float16")
        w.node("mul", "Mul", ["e2", "sc"])
        _, k = w.const("k", RNG.normal(size=(3, 3, 3, 2)))
        _, b = w.const("b", RNG.normal(size=2))
        w.node("conv", "_FusedConv2D", ["mul", "k", "b"], strides=[1, 2, 2, 1], padding="SAME",
               fused_ops=["BiasAdd"], num_args=1)
        _, m = w.const("m", RNG.normal(size=(3, 3, 1)))
        w.node("mm", "Mul", ["conv", "m"])
        w.node("sg", "Sigmoid", ["mm"])
        w.const("shape", i32(1, -1))
        w.node("out", "Reshape", ["sg", "shape"])
        want = lambda f: ref.sigmoid((ref.conv2d(f.astype(np.float32) * sc, k, (2, 2)) + b) * m).reshape(1, -1)  # noqa: E731
        return w, want

    def test_int_input_fed_as_floats_in_either_layout(self):
        w, want = self.movenet_like()
        g = build(w, ["out"])
        x = RNG.integers(0, 256, size=(N, 1, 6, 6, 3))
        with torch.no_grad():
            as_int = g(torch.from_numpy(x)).numpy()
            as_float = g(torch.from_numpy(x).float()).numpy()
            nchw = torch.from_numpy(x[:, 0]).permute(0, 3, 1, 2).float()  # the PoseEncoder feed
            chw = g.run_values({"input": V(nchw, True, True, 1)})[0].tf().numpy()
        self.per_frame(as_int, want, x)
        self.close(as_float, as_int, 1e-6)
        self.close(chw, as_int, 1e-6)

    def test_float_feed_into_an_int_placeholder_that_is_not_cast_first_is_refused(self):
        w = GraphWriter()
        w.placeholder("input", [2], "DT_INT32")
        w.node("neg", "Sub", ["input", "input"])
        g = build(w, ["neg"])
        with self.assertRaisesRegex(TypeError, "input"):
            g(torch.zeros(1, 2))


class LoadingTests(unittest.TestCase):
    def test_supported_ops_are_movenets_plus_conv2d(self):
        """The three MoveNet graphs (lightning, thunder, multipose) use exactly these ops, and Conv2D."""
        from edgestream_train.tfjs_graph import SUPPORTED
        self.assertEqual(sorted(SUPPORTED), sorted(
            "Abs AddN AddV2 ArgMax Cast ConcatV2 Const Conv2D DepthwiseConv2dNative Equal Exp ExpandDims Fill "
            "FloorDiv FusedDepthwiseConv2dNative GatherNd Greater GreaterEqual Identity Less LogicalAnd Max "
            "MaxPool Maximum Minimum Mul Pack Placeholder Range RealDiv Reciprocal Reshape ResizeBilinear Select "
            "Shape Sigmoid Size Split SquaredDifference Sqrt Squeeze StridedSlice Sub Sum Tile TopKV2 Unpack "
            "_FusedConv2D".split()))

    def test_unsupported_op_names_op_and_node(self):
        w = GraphWriter()
        w.placeholder("x", [2])
        w.node("mystery", "Cumsum", ["x"])
        with self.assertRaisesRegex(NotImplementedError, r"Cumsum \(node 'mystery'\)"):
            build(w, ["mystery"])

    def test_weights_split_over_shards_in_manifest_order(self):
        for shards in (1, 3):
            w = GraphWriter()
            w.placeholder("x", [3])
            _, a = w.const("a", RNG.normal(size=3), "float16")
            _, b = w.const("b", RNG.normal(size=3), "uint8")
            _, c = w.const("c", RNG.normal(size=3))
            w.node("ab", "AddV2", ["a", "b"])
            w.node("abc", "AddV2", ["ab", "c"])
            w.node("y", "AddV2", ["abc", "x"])
            got, = run(w, ["y"], np.zeros((1, 3), np.float32), shards=shards)
            # a: float16-rounded, b: uint8 affine (q * scale + min), c: float32 as written
            np.testing.assert_allclose(got[0], a + b + c, rtol=1e-6)
            self.assertFalse(np.allclose(b, a))


if __name__ == "__main__":
    unittest.main()
