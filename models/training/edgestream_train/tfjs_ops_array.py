"""Shape and indexing ops of the TFJS interpreter (TF semantics per frame, see tfjs_values).

Shape-like inputs (Reshape targets, axes, slice bounds, Tile multiples) must be constants or come
from static shapes: they are read as Python ints, so an exported graph has them baked in. A value
that depends on the frames there raises NotImplementedError.
"""
import math

import torch

from .tfjs_values import V, batch_all, frames, ints, scalar, tf_axis


def _as_list(x):
    return x if isinstance(x, list) else [x]


def reshape(g, node, ins):
    """Per-frame Reshape; batched values get the frame axis prepended to the target (as -1 when the
    target has no -1 of its own, so the exported Reshape needs no runtime shape arithmetic)."""
    v, shape = ins[0], _as_list(ints(ins[1], "Reshape shape"))
    t = v.tf()
    if v.batched:
        shape = ([-1] + shape) if -1 not in shape else ([t.shape[0]] + shape)
    return V(t.reshape(shape), v.batched)


def squeeze(g, node, ins):
    v = ins[0]
    s = v.shape()
    dims = node["attr"].get("squeeze_dims") or [i for i, d in enumerate(s) if d == 1]
    dims = sorted({d % len(s) for d in dims})
    for d in dims:
        if s[d] != 1:
            raise ValueError(f"Squeeze of axis {d} with size {s[d]}")
    if v.nchw and v.b == 1 and dims == [0]:  # [1,H,W,C] -> [H,W,C]: same storage
        return V(v.t, True, True, None)
    t, off = v.tf(), int(v.batched)
    for d in reversed(dims):
        t = t.squeeze(d + off)
    return V(t, v.batched)


def expand_dims(g, node, ins):
    v, d = ins[0], scalar(ins[1], "ExpandDims dim")
    d = d if d >= 0 else d + v.rank() + 1
    if v.nchw and v.b is None and d == 0:  # [H,W,C] -> [1,H,W,C]: same storage
        return V(v.t, True, True, 1)
    return V(v.tf().unsqueeze(d + int(v.batched)), v.batched)


def unpack(g, node, ins):
    v = ins[0]
    axis = int(node["attr"].get("axis", 0)) % v.rank()
    num = int(node["attr"]["num"])
    if v.shape()[axis] != num:
        raise ValueError(f"Unpack num={num} but axis {axis} has size {v.shape()[axis]}")
    if v.nchw and v.b == 1 and axis == 0:
        return [V(v.t, True, True, None)]
    return [V(t, v.batched) for t in torch.unbind(v.tf(), axis + int(v.batched))]


def pack(g, node, ins):
    r = ins[0].rank()
    axis = int(node["attr"].get("axis", 0))
    axis = axis if axis >= 0 else axis + r + 1
    ts, batched = batch_all(ins)
    return V(torch.stack(ts, axis + int(batched)), batched)


def concat(g, node, ins):
    vals = ins[:-1]
    axis = scalar(ins[-1], "ConcatV2 axis") % vals[0].rank()
    ts, batched = batch_all(vals)
    return V(torch.cat(ts, axis + int(batched)), batched)


def shape(g, node, ins):
    return V(torch.tensor(ins[0].shape(), dtype=torch.int64))


def size(g, node, ins):
    return V(torch.tensor(math.prod(ins[0].shape()), dtype=torch.int64))


def strided_slice(g, node, ins):
    """Python indexing built from the masks. Negative strides are not supported (MoveNet has none)."""
    v = ins[0]
    begin, end, strides = (_as_list(ints(x, "StridedSlice bounds")) for x in ins[1:4])
    a = node["attr"]
    bm, em, elm, nam, sam = (int(a.get(k, 0)) for k in
                             ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask"))
    idx = []
    for i, (b, e, s) in enumerate(zip(begin, end, strides)):
        if elm >> i & 1:
            idx.append(Ellipsis)
        elif nam >> i & 1:
            idx.append(None)
        elif sam >> i & 1:
            idx.append(b)
        else:
            if s <= 0:
                raise NotImplementedError(f"StridedSlice stride {s} (only positive strides)")
            idx.append(slice(None if bm >> i & 1 else b, None if em >> i & 1 else e, s))
    if v.batched:
        idx = [slice(None)] + idx
    return V(v.tf()[tuple(idx)], v.batched)


def gather_nd(g, node, ins):
    """GatherNd as one flat gather: the index tuples become linear offsets into params viewed as
    [prod(shape[:k]), rest...]. Per frame when params or indices carry frames."""
    params, indices = ins
    ps, ishape = params.shape(), indices.shape()
    k = ishape[-1]
    strides = [math.prod(ps[j + 1:k]) for j in range(k)]
    it = indices.tf()
    flat = sum(it[..., j] * strides[j] for j in range(k))
    m, rest, lead = math.prod(ps[:k]), ps[k:], ishape[:-1]
    pt = params.tf()
    if not indices.batched:
        flat = flat.reshape(-1)
        if not params.batched:
            return V(pt.reshape([m] + rest).index_select(0, flat).reshape(lead + rest))
        return V(pt.reshape([-1, m] + rest).index_select(1, flat).reshape([-1] + lead + rest), True)
    n = frames([indices])
    r, length = math.prod(rest), math.prod(lead)
    p3 = pt.reshape(-1, m, r)
    if not params.batched:
        p3 = p3.expand(n, m, r)
    f = flat.reshape(-1, length, 1).expand(-1, length, r)
    return V(torch.gather(p3, 1, f).reshape([-1] + lead + rest), True)


def tile(g, node, ins):
    mult = _as_list(ints(ins[1], "Tile multiples"))
    v = ins[0]
    return V(v.tf().repeat(([1] if v.batched else []) + mult), v.batched)


def fill(g, node, ins):
    dims = _as_list(ints(ins[0], "Fill dims"))
    value = ins[1]
    if value.batched:
        raise NotImplementedError("Fill with a value that depends on the frames")
    return V(value.t.reshape([1] * len(dims)).expand(dims).contiguous())


def range_(g, node, ins):
    if any(v.batched for v in ins):
        raise NotImplementedError("Range bounds that depend on the frames")
    start, limit, delta = (v.t for v in ins)
    dtype = torch.float32 if start.is_floating_point() else torch.int64
    return V(torch.arange(start.item(), limit.item(), delta.item(), dtype=dtype))


def split(g, node, ins):
    axis_v, v = ins
    num = int(node["attr"]["num_split"])
    axis = scalar(axis_v, "Split axis") % v.rank()
    n = v.shape()[axis]
    if n % num:
        raise ValueError(f"Split of size {n} into {num}")
    return [V(t, v.batched) for t in torch.split(v.tf(), n // num, tf_axis(v, axis))]


OPS = {"Reshape": reshape, "Squeeze": squeeze, "ExpandDims": expand_dims, "Unpack": unpack, "Pack": pack,
       "ConcatV2": concat, "Shape": shape, "Size": size, "StridedSlice": strided_slice, "GatherNd": gather_nd,
       "Tile": tile, "Fill": fill, "Range": range_, "Split": split}
