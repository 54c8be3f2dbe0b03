"""Tensor values of the TFJS interpreter: TF semantics per frame, an extra frame axis in front, and an
optional channels-first layout for the convolution path.

Why a frame axis ("vmap" style) instead of the graph's own batch axis: MoveNet's graphs are written for
batch 1. Their post-processing unstacks axis 0 with num=1, reshapes to shapes such as [1, -1, 17] and
gathers with constant index tuples whose batch component is 0 (Reshape_3, Reshape_8 in lightning).
Rewriting those constants is fragile; instead every value computed from an input carries a leading
axis of N frames and every op applies its TF meaning to each frame (axes are shifted by one, Reshape
targets get the frame axis prepended, GatherNd gathers per frame). Constants and values derived only
from constants or static shapes have no frame axis. The graph's per-frame semantics are untouched,
so N=1 and N=3 give the same per-frame result by construction.

Why channels-first: torch convolutions (and ONNX Conv) are NCHW. Converting NHWC<->NCHW around every
convolution puts a Transpose pair between every two convolutions of the exported graph, which also
breaks int8 QDQ fusion. Instead the conv path keeps tensors NCHW and only converts back when an op
that depends on the layout (Reshape, GatherNd, ...) reads the value.
"""
import torch


class V:
    """One graph tensor.

    t: the torch tensor. batched: t has the frame axis N in front of the TF shape.
    nchw: only for batched values; t is stored channels-first as [N*B, C, H, W] for a TF value
    [B, H, W, C] (b = B), or as [N, C, H, W] for a TF value [H, W, C] (b = None)."""
    __slots__ = ("t", "batched", "nchw", "b")

    def __init__(self, t, batched=False, nchw=False, b=None):
        if nchw and not batched:
            raise ValueError("a channels-first value must carry the frame axis")
        self.t, self.batched, self.nchw, self.b = t, batched, nchw, b

    def tf(self):
        """The tensor in TF layout: [N] + TF shape if batched, else the TF shape."""
        if not self.nchw:
            return self.t
        x = self.t.permute(0, 2, 3, 1)
        if self.b is None:
            return x
        return x.reshape((-1, self.b) + tuple(int(d) for d in x.shape[1:]))

    def shape(self):
        """The per-frame TF shape as a list of ints."""
        if self.nchw:
            _, c, h, w = self.t.shape
            return ([] if self.b is None else [self.b]) + [int(h), int(w), int(c)]
        s = list(self.t.shape)
        return [int(d) for d in (s[1:] if self.batched else s)]

    def rank(self):
        return len(self.shape())

    def with_t(self, t):
        """Same layout, new tensor (elementwise results)."""
        return V(t, self.batched, self.nchw, self.b)


def tf_axis(v, axis, rank=None):
    """A TF axis (negative counts from the end of the TF shape) as an axis of v.tf()."""
    rank = v.rank() if rank is None else rank
    if not -rank <= axis < rank:
        raise ValueError(f"axis {axis} out of range for rank {rank}")
    axis = axis % rank
    return axis + 1 if v.batched else axis


def ints(v, what):
    """A constant int (list) input such as a shape or an axis; it must not depend on a frame."""
    if v.batched:
        raise NotImplementedError(f"{what} depends on the input frames (data-dependent shapes are not supported)")
    x = v.t.tolist()
    return x


def scalar(v, what):
    """A constant scalar int input (an axis, k); a one-element list is accepted as TF does for axes."""
    x = ints(v, what)
    if isinstance(x, list):
        if len(x) != 1:
            raise ValueError(f"{what} must be a scalar, got {x}")
        x = x[0]
    return int(x)


def to_nchw(v):
    """[N*B, C, H, W] and B for a batched rank-4 TF value (the input of a convolution)."""
    if v.nchw and v.b is not None:
        return v.t, v.b
    if not v.batched:
        raise NotImplementedError("a convolution of a constant is not supported")
    x = v.tf()
    if x.dim() != 5:
        raise ValueError(f"convolution input must be rank 4 in TF, got shape {v.shape()}")
    b = int(x.shape[1])
    return x.reshape((-1,) + tuple(int(d) for d in x.shape[2:])).permute(0, 3, 1, 2), b


def _const_as_nchw(c, b):
    """An unbatched TF constant broadcast against a channels-first value, or None if it cannot be."""
    target = 3 if b is None else 4
    s = list(c.t.shape)
    if len(s) > target:
        return None
    s = [1] * (target - len(s)) + s
    if b is None:
        s = [1] + s
    elif s[0] != 1:
        return None
    return c.t.reshape(s).permute(0, 3, 1, 2)


def nchw_operands(vals):
    """Tensors for an elementwise op in the channels-first layout of the first such value in vals,
    or None when some operand cannot follow (the caller falls back to TF layout)."""
    ref = next(v for v in vals if v.nchw)
    out = []
    for v in vals:
        if v.nchw:
            if v.b != ref.b:
                return None
            out.append(v.t)
        elif not v.batched:
            c = _const_as_nchw(v, ref.b)
            if c is None:
                return None
            out.append(c)
        else:
            return None
    return out, ref


def align(vals):
    """TF-layout tensors ready for torch broadcasting with TF's rules: a batched value of lower TF
    rank gets size-1 axes after its frame axis (TF aligns shapes from the right, the frame axis must
    stay in front); unbatched values broadcast from the right as they are."""
    rank = max(v.rank() for v in vals)
    out = []
    for v in vals:
        t = v.tf()
        if v.batched:
            for _ in range(rank - v.rank()):
                t = t.unsqueeze(1)
        out.append(t)
    return out


def elementwise(fn, vals):
    """fn over tensors of vals with broadcasting; keeps the channels-first layout when it can."""
    if any(v.nchw for v in vals):
        got = nchw_operands(vals)
        if got is not None:
            ts, ref = got
            return ref.with_t(fn(*ts))
    ts = align(vals)
    return V(fn(*ts), any(v.batched for v in vals))


def frames(vals):
    """N from the first batched value (a traced size under torch.onnx.export: N stays dynamic; every
    other size is read with int() so that the exported graph holds it as a constant)."""
    v = next(v for v in vals if v.batched)
    return v.t.shape[0] if not v.nchw or v.b is None else v.tf().shape[0]


def batch_all(vals):
    """TF-layout tensors where unbatched ones are expanded to the frame axis (for Pack, Concat, ...)."""
    if not any(v.batched for v in vals):
        return [v.tf() for v in vals], False
    n = frames(vals)
    out = []
    for v in vals:
        t = v.tf()
        out.append(t if v.batched else t.unsqueeze(0).expand((n,) + tuple(int(d) for d in t.shape)))
    return out, True


TF_DTYPES = {"DT_FLOAT": torch.float32, "DT_INT32": torch.int64, "DT_INT64": torch.int64, "DT_BOOL": torch.bool}
