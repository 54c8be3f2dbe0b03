"""PoseEncoder and its ONNX export (fp32, fp16, int8 QDQ) on a tiny MoveNet-shaped TFJS graph:
int32 [1,S,S,3] input cast to float, batch-1 unstack/expand, convolutions, output [1,1,17,3]."""
import os
import sys
import tempfile
import unittest

import numpy as np
import onnx
import torch
from onnx import TensorProto, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from test_tfjs_graph import build  # noqa: E402
from tfjs_fixture import GraphWriter, T  # noqa: E402

from edgestream_train import action_export as ax  # noqa: E402
from edgestream_train.action_quant import WEIGHT_RANGE  # noqa: E402
from edgestream_train.pose_encoder import PoseEncoder, check, export  # noqa: E402
from edgestream_train.pose_quant import calibrate, onnx_weight_range, prepare_int8  # noqa: E402

S = 8


def tiny_movenet():
    rng = np.random.default_rng(5)
    w = GraphWriter()
    w.placeholder("input", [1, S, S, 3], "DT_INT32")
    w.node("cast", "Cast", ["input"], SrcT=T("DT_INT32"), DstT=T("DT_FLOAT"))
    w.node("un", "Unpack", ["cast"], axis=0, num=1)
    w.const("z", np.int32(0))
    w.node("ex", "ExpandDims", ["un", "z"])
    w.const("sc", np.full((1, 1, 1, 3), 1 / 127.5, np.float32), "float16")
    w.node("pre", "Mul", ["ex", "sc"])
    w.const("k1", rng.normal(size=(3, 3, 3, 8)) * 0.5, "float16")
    w.const("b1", rng.normal(size=8), "float16")
    w.node("c1", "_FusedConv2D", ["pre", "k1", "b1"], strides=[1, 2, 2, 1], padding="SAME",
           fused_ops=["BiasAdd", "Relu6"], num_args=1)
    w.const("k2", rng.normal(size=(S // 2, S // 2, 8, 51)) * 0.2, "float16")
    w.const("b2", rng.normal(size=51), "float16")
    w.node("c2", "_FusedConv2D", ["c1", "k2", "b2"], padding="VALID", fused_ops=["BiasAdd"], num_args=1)
    w.node("sg", "Sigmoid", ["c2"])
    w.const("shape", np.array([1, 1, 17, 3], np.int32))
    w.node("Identity", "Reshape", ["sg", "shape"])
    return build(w, ["Identity"])


class PoseEncoderTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.graph = tiny_movenet()
        cls.frames = np.random.default_rng(1).integers(0, 256, size=(3, 3, S, S)).astype(np.float32)

    def test_features_are_the_graph_output_per_frame(self):
        enc = PoseEncoder(self.graph)
        x = torch.from_numpy(self.frames)
        with torch.no_grad():
            three = enc(x).numpy()
            one = np.concatenate([enc(x[i:i + 1]).numpy() for i in range(3)])
            graph = self.graph(x.permute(0, 2, 3, 1).unsqueeze(1).long()).numpy()  # int32 NHWC, as TF takes it
        self.assertEqual(three.shape, (3, 51))
        np.testing.assert_allclose(three, one, atol=1e-6)
        np.testing.assert_allclose(three, graph.reshape(3, 51), atol=1e-6)

    def test_onnx_variants(self):
        with tempfile.TemporaryDirectory() as d:
            p32, p16, p8 = (os.path.join(d, f"e.{v}.onnx") for v in ("fp32", "fp16", "int8"))
            self.assertEqual(export(PoseEncoder(self.graph), p32), ["N", 51])
            ax.to_fp16(p32, p16)
            q = prepare_int8(self.graph)
            enc8 = PoseEncoder(q)
            calibrate(enc8, [torch.from_numpy(self.frames)])
            with onnx_weight_range(enc8):
                export(enc8, p8)
            folded = ax.compact_qdq(p8, weight_range=WEIGHT_RANGE)
            self.assertEqual(check(p8), ["N", 51])
            for p in (p32, p16, p8):
                s = ax.inspect(p)
                ax.assert_dynamic_batch(s)
                self.assertEqual([(v["name"], v["type"], v["shape"]) for v in s["inputs"]], [("frames", "float", ["N", 3, S, S])])
                self.assertEqual([(v["name"], v["type"]) for v in s["outputs"]], [("features", "float")])
            self.assertNotIn("float", ax.inspect(p16)["initializerTypes"])
            m8 = onnx.load(p8)
            ops = [n.op_type for n in m8.graph.node]
            self.assertEqual(folded, 2)  # both convolution weights stored as int8
            self.assertEqual(ops.count("Conv"), 2)
            self.assertGreaterEqual(ops.count("QuantizeLinear"), 3)  # conv input, padded input, outputs
            for t in m8.graph.initializer:
                if t.data_type == TensorProto.INT8 and t.dims:
                    a = numpy_helper.to_array(t)
                    self.assertGreaterEqual(int(a.min()), WEIGHT_RANGE[0])
                    self.assertLessEqual(int(a.max()), WEIGHT_RANGE[1])


if __name__ == "__main__":
    unittest.main()
