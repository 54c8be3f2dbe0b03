"""fp16 export: float16 inside, float32 at the graph's edges (checked on the shipped fp32 files)."""
import os
import sys
import tempfile
import unittest

import onnx
from onnx import TensorProto

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from edgestream_train import action_export as ax  # noqa: E402

MODELS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "action")


class Fp16ExportTests(unittest.TestCase):
    def convert(self, stem, **kw):
        src = os.path.join(MODELS, f"{stem}.fp32.onnx")
        if not os.path.exists(src):
            self.skipTest(f"{src} is absent")
        with tempfile.TemporaryDirectory() as d:
            dst = ax.to_fp16(src, os.path.join(d, "m.onnx"), **kw)
            return onnx.load(src), onnx.load(dst)

    def test_keeps_float32_io_with_casts_at_the_edges(self):
        for stem in ("action", "action.encoder", "action.head"):
            with self.subTest(stem):
                src, m = self.convert(stem)
                g = m.graph
                self.assertEqual([(v.name, v.type.tensor_type.elem_type) for v in g.input],
                                 [(v.name, TensorProto.FLOAT) for v in src.graph.input])
                self.assertEqual([(v.name, v.type.tensor_type.elem_type) for v in g.output],
                                 [(v.name, TensorProto.FLOAT) for v in src.graph.output])
                first = {n.input[0]: n for n in g.node[:len(g.input)]}
                for v in g.input:
                    self.assertEqual(first[v.name].op_type, "Cast")
                    self.assertEqual(first[v.name].attribute[0].i, TensorProto.FLOAT16)
                producers = {o: n for n in g.node for o in n.output}
                for v in g.output:
                    self.assertEqual(producers[v.name].op_type, "Cast")
                    self.assertEqual(producers[v.name].attribute[0].i, TensorProto.FLOAT)
                # Nothing else reads a graph input or is float32 inside.
                readers = [n.name for n in g.node for x in n.input if x in {v.name for v in g.input}]
                self.assertEqual(len(readers), len(g.input))
                self.assertTrue(all(t.data_type != TensorProto.FLOAT for t in g.initializer))

    def test_float16_io_when_asked(self):
        _, m = self.convert("action.head", keep_io_types=False)
        self.assertTrue(all(v.type.tensor_type.elem_type == TensorProto.FLOAT16 for v in list(m.graph.input) + list(m.graph.output)))
        self.assertFalse(any(n.name.startswith("Cast_in_") for n in m.graph.node))


if __name__ == "__main__":
    unittest.main()
