"""TFJS graph interpreter vs numpy versions of TF's ops, on small graphs written here.

Every graph runs with N=3 frames at once and each frame is compared with the numpy result for
that frame alone (the frame-axis semantics of tfjs_values), so batch handling is checked by every
test. Nothing here needs the MoveNet download or ../shared.
"""
import os
import sys
import tempfile
import unittest

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import tf_reference as ref  # noqa: E402
from tfjs_fixture import GraphWriter, T  # noqa: E402

from edgestream_train.tfjs_graph import TfjsGraph  # noqa: E402
from edgestream_train.tfjs_load import load_model_json  # noqa: E402

RNG = np.random.default_rng(7)
N = 3


def build(w, outputs, shards=2):
    with tempfile.TemporaryDirectory() as d:
        return TfjsGraph(load_model_json(w.write(d, outputs, shards))).eval()


def run(w, outputs, *inputs, shards=2):
    g = build(w, outputs, shards)
    with torch.no_grad():
        out = g(*[torch.from_numpy(np.ascontiguousarray(x)) for x in inputs])
    out = out if isinstance(out, tuple) else (out,)
    return [o.numpy() for o in out]


class InterpreterCase(unittest.TestCase):
    def close(self, got, want, tol=1e-4):
        self.assertEqual(tuple(got.shape), tuple(np.shape(want)))
        np.testing.assert_allclose(got, want, rtol=tol, atol=tol)

    def per_frame(self, got, fn, x):
        """got [N,...] against fn(frame) for each frame of x [N,...]."""
        self.close(got, np.stack([fn(f) for f in x]))


class ConvolutionTests(InterpreterCase):
    def test_conv_family_with_tf_same_padding_and_stored_weights(self):
        w = GraphWriter()
        x_name = w.placeholder("x", [1, 9, 10, 3])
        f1, k1 = w.const("k1", RNG.normal(size=(3, 3, 3, 4)), "float16")
        f2, k2 = w.const("k2", RNG.normal(size=(3, 3, 3, 5)), "uint8")
        _, b2 = w.const("b2", RNG.normal(size=5))
        f3, k3 = w.const("k3", RNG.normal(size=(1, 1, 3, 2)))
        _, b3 = w.const("b3", RNG.normal(size=2), "float16")
        f4, k4 = w.const("k4", RNG.normal(size=(3, 3, 3, 2)))
        f5, k5 = w.const("k5", RNG.normal(size=(3, 3, 3, 1)), "float16")
        _, b5 = w.const("b5", RNG.normal(size=3))
        f6, k6 = w.const("k6", RNG.normal(size=(2, 3, 3, 2)))
        _, b6 = w.const("b6", RNG.normal(size=2))
        nhwc = dict(data_format="NHWC")
        # 9 x 10, stride 2, SAME: rows pad (1, 1), columns pad (0, 1) (TF's odd pixel goes after).
        w.node("c1", "Conv2D", [x_name, f1], strides=[1, 2, 2, 1], padding="SAME", dilations=[1, 1, 1, 1], **nhwc)
        w.node("c2", "_FusedConv2D", [x_name, f2, "b2"], strides=[1, 1, 1, 1], padding="SAME",
               dilations=[1, 2, 2, 1], fused_ops=["BiasAdd", "Relu6"], num_args=1, **nhwc)
        w.node("c3", "_FusedConv2D", [x_name, f3, "b3"], strides=[1, 1, 1, 1], padding="VALID",
               fused_ops=["BiasAdd", "Relu"], num_args=1, **nhwc)
        w.node("c4", "DepthwiseConv2dNative", [x_name, f4], strides=[1, 2, 2, 1], padding="SAME", **nhwc)
        w.node("c5", "FusedDepthwiseConv2dNative", [x_name, f5, "b5"], strides=[1, 1, 1, 1], padding="SAME",
               fused_ops=["BiasAdd", "Relu6"], num_args=1, **nhwc)
        w.node("c6", "_FusedConv2D", [x_name, f6, "b6"], strides=[1, 1, 2, 1], padding="VALID",
               fused_ops=["BiasAdd"], num_args=1, **nhwc)
        x = RNG.normal(size=(N, 1, 9, 10, 3)).astype(np.float32) * 2
        outs = run(w, ["c1", "c2", "c3", "c4", "c5", "c6"], x)
        relu6 = lambda v: np.clip(v, 0, 6)  # noqa: E731
        self.per_frame(outs[0], lambda f: ref.conv2d(f, k1, (2, 2)), x)
        self.per_frame(outs[1], lambda f: relu6(ref.conv2d(f, k2, d=(2, 2)) + b2), x)
        self.per_frame(outs[2], lambda f: np.maximum(ref.conv2d(f, k3, padding="VALID") + b3, 0), x)
        self.per_frame(outs[3], lambda f: ref.depthwise(f, k4, (2, 2)), x)
        self.per_frame(outs[4], lambda f: relu6(ref.depthwise(f, k5) + b5), x)
        self.per_frame(outs[5], lambda f: ref.conv2d(f, k6, (1, 2), "VALID") + b6, x)
        self.assertEqual(ref.same_pads(10, 3, 2), (0, 1))

    def test_fused_ops_it_does_not_know_fail_at_load(self):
        w = GraphWriter()
        w.placeholder("x", [1, 4, 4, 1])
        w.const("k", np.ones((1, 1, 1, 1)))
        w.const("b", np.ones(1))
        w.node("c", "_FusedConv2D", ["x", "k", "b"], padding="SAME", fused_ops=["BiasAdd", "LeakyRelu"], num_args=1)
        with self.assertRaisesRegex(NotImplementedError, "'c'.*LeakyRelu"):
            build(w, ["c"])


class ResizePoolTests(InterpreterCase):
    def test_resize_bilinear_modes(self):
        for (h, w_, oh, ow) in ((4, 5, 7, 9), (6, 7, 3, 4), (3, 3, 6, 6)):
            for ac, hp in ((False, True), (True, False), (False, False)):
                with self.subTest(size=(h, w_, oh, ow), align_corners=ac, half_pixel=hp):
                    w = GraphWriter()
                    w.placeholder("x", [1, h, w_, 2])
                    w.const("size", np.array([oh, ow], np.int32))
                    w.node("r", "ResizeBilinear", ["x", "size"], align_corners=ac, half_pixel_centers=hp)
                    x = RNG.normal(size=(N, 1, h, w_, 2)).astype(np.float32)
                    out, = run(w, ["r"], x)
                    self.per_frame(out, lambda f: ref.resize_bilinear(f, oh, ow, ac, hp), x)

    def test_max_pool_same_and_valid(self):
        for k, s, pad in (((3, 3), (2, 2), "SAME"), ((5, 5), (1, 1), "SAME"), ((2, 3), (2, 1), "VALID")):
            with self.subTest(k=k, s=s, padding=pad):
                w = GraphWriter()
                w.placeholder("x", [1, 7, 8, 2])
                w.node("p", "MaxPool", ["x"], ksize=[1, *k, 1], strides=[1, *s, 1], padding=pad, data_format="NHWC")
                x = RNG.normal(size=(N, 1, 7, 8, 2)).astype(np.float32)
                out, = run(w, ["p"], x)
                self.per_frame(out, lambda f: ref.max_pool(f, k, s, pad), x)


class ElementwiseTests(InterpreterCase):
    def test_math_compare_select_cast(self):
        w = GraphWriter()
        w.placeholder("x", [2, 3])
        w.placeholder("y", [3])
        _, c = w.const("c", RNG.normal(size=(4, 2, 3)), "float16")
        _, j = w.const("j", np.array([2, 2, -3], np.int32))
        binary = {"AddV2": np.add, "Sub": np.subtract, "Mul": np.multiply, "RealDiv": np.divide,
                  "Maximum": np.maximum, "Minimum": np.minimum, "SquaredDifference": lambda a, b: (a - b) ** 2,
                  "FloorDiv": lambda a, b: np.floor(a / b)}
        outs, want = [], []
        for op, fn in binary.items():
            w.node(op, op, ["x", "y"])
            outs.append(op)
            want.append(lambda fx, fy, fn=fn: fn(fx, fy))
        w.node("bc", "AddV2", ["y", "c"])  # frame value of lower rank than the constant
        outs.append("bc")
        want.append(lambda fx, fy: fy + c)
        w.node("xi", "Cast", ["x"], SrcT=T("DT_FLOAT"), DstT=T("DT_INT32"), Truncate=False)
        w.node("ifd", "FloorDiv", ["xi", "j"])
        outs.append("ifd")
        want.append(lambda fx, fy: np.floor_divide(np.trunc(fx).astype(np.int64), j))
        unary = {"Sigmoid": ref.sigmoid, "Abs": np.abs, "Exp": np.exp, "Identity": lambda a: a}
        for op, fn in unary.items():
            w.node(op, op, ["x"])
            outs.append(op)
            want.append(lambda fx, fy, fn=fn: fn(fx))
        w.node("ax", "Abs", ["x"])
        w.node("sq", "Sqrt", ["ax"])
        w.node("rc", "Reciprocal", ["ax"])
        w.node("an", "AddN", ["x", "y", "x"], N=3)
        w.node("eq", "Equal", ["x", "x"])
        w.node("lt", "Less", ["x", "y"])
        w.node("gt", "Greater", ["x", "y"])
        w.node("ge", "GreaterEqual", ["x", "y"])
        w.node("la", "LogicalAnd", ["lt", "eq"])
        w.node("sel", "Select", ["gt", "x", "ax"])
        w.node("tr", "Cast", ["x"], SrcT=T("DT_FLOAT"), DstT=T("DT_INT32"), Truncate=False)
        w.node("bf", "Cast", ["la"], SrcT=T("DT_BOOL"), DstT=T("DT_FLOAT"))
        outs += ["sq", "rc", "an", "eq", "lt", "gt", "ge", "la", "sel", "tr", "bf"]
        want += [lambda fx, fy: np.sqrt(np.abs(fx)), lambda fx, fy: 1 / np.abs(fx), lambda fx, fy: 2 * fx + fy,
                 lambda fx, fy: np.ones_like(fx, bool), lambda fx, fy: fx < fy, lambda fx, fy: fx > fy,
                 lambda fx, fy: fx >= fy, lambda fx, fy: fx < fy,
                 lambda fx, fy: np.where(fx > fy, fx, np.abs(fx)),
                 lambda fx, fy: np.trunc(fx).astype(np.int64),  # TF casts toward zero
                 lambda fx, fy: (fx < fy).astype(np.float32)]
        x = (RNG.normal(size=(N, 2, 3)) * 3).astype(np.float32)
        y = (RNG.normal(size=(N, 3)) * 3).astype(np.float32)
        got = run(w, outs, x, y)
        for name, g, fn in zip(outs, got, want):
            with self.subTest(name):
                self.close(g, np.stack([np.broadcast_to(fn(x[k], y[k]), g.shape[1:]) for k in range(N)]))
        self.assertEqual(got[outs.index("tr")].dtype, np.int64)


if __name__ == "__main__":
    unittest.main()
