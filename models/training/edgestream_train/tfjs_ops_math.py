"""Elementwise, comparison, reduction and selection ops of the TFJS interpreter (TF semantics).

TF int32 tensors are held as torch int64 (ONNX ArgMax/TopK give int64 and the values involved are
small), bools as torch bool. Every op gets (graph, node, input values) and returns a value or a list.
"""
import torch

from .tfjs_values import TF_DTYPES, V, align, elementwise, ints, scalar, tf_axis


def _floordiv(a, b):
    return torch.div(a, b, rounding_mode="floor")


def _realdiv(a, b):
    return a / b


def _squared_difference(a, b):
    d = a - b
    return d * d


BINARY = {
    "AddV2": torch.add, "Sub": torch.sub, "Mul": torch.mul, "RealDiv": _realdiv,
    "FloorDiv": _floordiv, "Maximum": torch.maximum, "Minimum": torch.minimum,
    "SquaredDifference": _squared_difference,
    "Equal": torch.eq, "Less": torch.lt, "Greater": torch.gt, "GreaterEqual": torch.ge,
    "LogicalAnd": torch.logical_and,
}

UNARY = {
    "Sigmoid": torch.sigmoid, "Sqrt": torch.sqrt, "Abs": torch.abs, "Exp": torch.exp,
    "Reciprocal": torch.reciprocal, "Identity": lambda x: x,
}


def _binary(fn):
    def op(g, node, ins):
        return elementwise(fn, ins)
    return op


def _unary(fn):
    def op(g, node, ins):
        return ins[0].with_t(fn(ins[0].t))
    return op


def add_n(g, node, ins):
    return elementwise(lambda *ts: sum(ts[1:], ts[0]), ins)


def cast(g, node, ins):
    dst = node["attr"].get("DstT")
    if dst not in TF_DTYPES:
        raise NotImplementedError(f"Cast to {dst}")
    # float -> int truncates toward zero in TF and in torch alike.
    return ins[0].with_t(ins[0].t.to(TF_DTYPES[dst]))


def select(g, node, ins):
    """Select (v1): same-shape selection, or a rank-1 condition choosing along the first axis."""
    cond, x, y = ins
    if cond.rank() == 1 and x.rank() > 1:
        c = cond.tf()
        for _ in range(x.rank() - 1):
            c = c.unsqueeze(-1)
        cond = V(c, cond.batched)
    c, a, b = align([cond, x, y])
    return V(torch.where(c, a, b), cond.batched or x.batched or y.batched)


def _axes(v, axes_v, what):
    axes = ints(axes_v, what)
    axes = axes if isinstance(axes, list) else [axes]
    return [tf_axis(v, a) for a in axes]


def reduce_max(g, node, ins):
    dims = _axes(ins[0], ins[1], "Max axes")
    return V(torch.amax(ins[0].tf(), dims, keepdim=bool(node["attr"].get("keep_dims", False))), ins[0].batched)


def reduce_sum(g, node, ins):
    dims = _axes(ins[0], ins[1], "Sum axes")
    return V(torch.sum(ins[0].tf(), dims, keepdim=bool(node["attr"].get("keep_dims", False))), ins[0].batched)


def argmax(g, node, ins):
    """Index of the first maximum (TF, torch and ONNX ArgMax agree on ties)."""
    dim = tf_axis(ins[0], scalar(ins[1], "ArgMax dimension"))
    return V(torch.argmax(ins[0].tf(), dim), ins[0].batched)


def topk(g, node, ins):
    """TopKV2 along the last axis; k must be a constant."""
    k = scalar(ins[1], "TopKV2 k")
    vals, idx = torch.topk(ins[0].tf(), k, dim=-1, largest=True, sorted=bool(node["attr"].get("sorted", True)))
    return [V(vals, ins[0].batched), V(idx, ins[0].batched)]


OPS = {name: _binary(fn) for name, fn in BINARY.items()}
OPS.update({name: _unary(fn) for name, fn in UNARY.items()})
OPS.update({"AddN": add_n, "Cast": cast, "Select": select, "Max": reduce_max, "Sum": reduce_sum,
            "ArgMax": argmax, "TopKV2": topk})
