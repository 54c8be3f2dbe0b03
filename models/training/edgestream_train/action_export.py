"""ONNX export of the action model: fused and split layouts, fp32 / fp16 / int8 (QDQ), opset 17.

fused:   frames[B,T,3,H,W] -> logits[B,K], attention[B,T]
encoder: frames[N,3,H,W]   -> features[N,F]
head:    features[B,T,F]   -> logits[B,K], attention[B,T]
Every input and output has a dynamic batch axis.
"""
import collections
import warnings

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
LAYOUTS = {
    "fused": (["frames"], ["logits", "attention"]),
    "encoder": (["frames"], ["features"]),
    "head": (["features"], ["logits", "attention"]),
}


def _module(model, layout):
    return {"fused": model, "encoder": model.encoder, "head": model.head}[layout]


def _dummy(layout, t=16, size=64, features=128):
    return {"fused": torch.zeros(2, t, 3, size, size), "encoder": torch.zeros(2, 3, size, size),
            "head": torch.zeros(2, t, features)}[layout]


def export(model, layout, path):
    """TorchScript-based exporter (the one that turns FakeQuantize into QuantizeLinear/DequantizeLinear)."""
    ins, outs = LAYOUTS[layout]
    batch = "N" if layout == "encoder" else "B"
    dyn = {n: {0: batch} for n in ins + outs}
    if layout != "encoder":  # fused and head take any window length; name that axis T
        dyn[ins[0]][1] = dyn["attention"][1] = "T"
    with warnings.catch_warnings():  # the LSTM batch warning does not apply: h0/c0 are sized from the input
        warnings.simplefilter("ignore")
        torch.onnx.export(_module(model, layout).eval(), _dummy(layout), path, opset_version=OPSET,
                          input_names=ins, output_names=outs, dynamic_axes=dyn, do_constant_folding=True)
    return path


# ---------------------------------------------------------------- int8: fold weight quantisation

def compact_qdq(path, weight_range=None):
    """Store quantised weights as int8 initialisers feeding DequantizeLinear directly.

    The exporter emits float weight -> QuantizeLinear -> DequantizeLinear; ONNX Runtime folds that at
    load, but the file still holds float weights. Quantising them here (round half to even, like
    torch's fake quant and ONNX QuantizeLinear) gives the same values and a ~4x smaller file.
    weight_range: (lo, hi) for int8 weights narrower than the type (7-bit: (-64, 63), the range the
    fake quant clamps to; see action_quant.WEIGHT_RANGE)."""
    m = onnx.load(path)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    consts = {n.output[0]: n for n in g.node if n.op_type == "Constant"}
    idents = {n.output[0]: n.input[0] for n in g.node if n.op_type == "Identity"}  # de-duplicated constants

    def value(name):
        while name in idents:
            name = idents[name]
        if name in inits:
            return numpy_helper.to_array(inits[name])
        if name in consts:
            return numpy_helper.to_array(consts[name].attribute[0].t)
        return None

    uses = collections.Counter(i for n in g.node for i in n.input)
    drop, new_inits = [], []
    for n in g.node:
        if n.op_type != "QuantizeLinear" or n.input[0] not in inits or uses[n.input[0]] != 1:
            continue
        w, scale, zp = value(n.input[0]), value(n.input[1]), value(n.input[2])
        axis = next((a.i for a in n.attribute if a.name == "axis"), 1)
        if scale.ndim == 1:  # per-channel: broadcast along `axis`
            shape = [1] * w.ndim
            shape[axis] = -1
            scale, zp = scale.reshape(shape), zp.reshape(shape)
        info = np.iinfo(zp.dtype)
        lo, hi = (weight_range if weight_range and zp.dtype == np.int8 else (info.min, info.max))
        q = np.clip(np.rint(w / scale) + zp.astype(np.int32), lo, hi).astype(zp.dtype)
        new_inits.append(numpy_helper.from_array(q, n.output[0]))
        drop.append(n)
        g.initializer.remove(inits[n.input[0]])
    for n in drop:
        g.node.remove(n)
    g.initializer.extend(new_inits)
    onnx.checker.check_model(m)
    onnx.save(m, path)
    return len(drop)


# ---------------------------------------------------------------- fp16

def to_fp16(src, dst, keep_io_types=True):
    """Every float tensor inside the graph to float16: initialisers, Constant/ConstantOfShape values,
    Cast targets. Written with the onnx package only (no converter package on Debian).

    keep_io_types (default): graph inputs and outputs stay float32 (manifest ioType float32); a Cast
    to float16 follows each input and a Cast back to float32 precedes each output. On a GPU the casts
    run on the device inside the captured graph, so the host copies float32 straight from the buffer
    the pipeline assembled; with float16 I/O the host converts every window instead (67 us per window
    on the 2-core dev box, about 30% of an H100 batch-1 inference; benchmarks/README.md, GPU section).
    False: float16 I/O."""
    m = onnx.load(src)
    g = m.graph

    def conv_tensor(t):
        if t.data_type == TensorProto.FLOAT:
            t.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(t).astype(np.float16), t.name))

    for t in g.initializer:
        conv_tensor(t)
    for n in g.node:
        for a in n.attribute:
            if a.type == onnx.AttributeProto.TENSOR:
                conv_tensor(a.t)
            elif n.op_type == "Cast" and a.name == "to" and a.i == TensorProto.FLOAT:
                a.i = TensorProto.FLOAT16
    io = [v for v in list(g.input) + list(g.output) if v.type.tensor_type.elem_type == TensorProto.FLOAT]
    if keep_io_types:
        _cast_io(g, io)
    else:
        for v in io:
            v.type.tensor_type.elem_type = TensorProto.FLOAT16
    del g.value_info[:]  # stale float32 annotations; recomputed by shape inference below
    m = onnx.shape_inference.infer_shapes(m, strict_mode=True)
    onnx.checker.check_model(m)
    floats = [v.name for v in g.value_info if v.type.tensor_type.elem_type == TensorProto.FLOAT]
    m = onnx.shape_inference.infer_shapes(m)
    leftover = [v.name for v in m.graph.value_info if v.type.tensor_type.elem_type == TensorProto.FLOAT] + floats
    if leftover:
        raise RuntimeError(f"fp16 conversion left float32 tensors: {leftover[:5]}")
    onnx.save(m, dst)
    return dst


def _cast_io(g, io):
    """Keeps the float32 graph inputs/outputs `io` and moves the float16 graph between Casts."""
    inputs = {v.name for v in g.input}
    first, last = [], []
    for v in io:
        inner = v.name + "_fp16"
        if v.name in inputs:
            for n in g.node:
                n.input[:] = [inner if x == v.name else x for x in n.input]
            first.append(helper.make_node("Cast", [v.name], [inner], name=f"Cast_in_{v.name}", to=TensorProto.FLOAT16))
        else:
            for n in g.node:
                n.output[:] = [inner if x == v.name else x for x in n.output]
                n.input[:] = [inner if x == v.name else x for x in n.input]
            last.append(helper.make_node("Cast", [inner], [v.name], name=f"Cast_out_{v.name}", to=TensorProto.FLOAT))
    nodes = first + list(g.node) + last
    del g.node[:]
    g.node.extend(nodes)


# ---------------------------------------------------------------- inspection

def inspect(path):
    """Checker + a summary: I/O names, element types, shapes (symbolic batch), op counts."""
    m = onnx.load(path)
    onnx.checker.check_model(m, full_check=True)

    def desc(v):
        tt = v.type.tensor_type
        dims = [d.dim_param or d.dim_value for d in tt.shape.dim]
        return {"name": v.name, "type": TensorProto.DataType.Name(tt.elem_type).lower(), "shape": dims}

    ops = collections.Counter(n.op_type for n in m.graph.node)
    inits = collections.Counter(TensorProto.DataType.Name(i.data_type).lower() for i in m.graph.initializer)
    return {"opset": m.opset_import[0].version, "inputs": [desc(v) for v in m.graph.input],
            "outputs": [desc(v) for v in m.graph.output], "ops": dict(sorted(ops.items())),
            "initializerTypes": dict(inits)}


def assert_dynamic_batch(summary):
    for v in summary["inputs"] + summary["outputs"]:
        if not isinstance(v["shape"][0], str):
            raise AssertionError(f"{v['name']} has a fixed batch axis: {v['shape']}")
