"""Convolution, pooling and resize ops of the TFJS interpreter, computed channels-first (tfjs_values).

TF's SAME padding puts the odd pixel at the end (bottom/right): for a stride-2 3x3 convolution of an
even-sized input TF pads 0 before and 1 after, which torch's symmetric `padding` cannot express, so
such convolutions get an explicit F.pad (an ONNX Pad) and padding 0.
"""
import numpy as np
import torch
import torch.nn.functional as F

from .tfjs_values import V, ints, to_nchw

CONV_OPS = ("Conv2D", "DepthwiseConv2dNative", "_FusedConv2D", "FusedDepthwiseConv2dNative")
ACTIVATIONS = {None: None, "Relu": F.relu, "Relu6": lambda x: torch.clamp(x, 0.0, 6.0)}


def _where(node):
    return f"{node['op']} node '{node['name']}'"


def _spatial(node, key, default):
    v = node["attr"].get(key, default)
    if len(v) != 4 or v[0] != 1 or v[3] != 1:
        raise NotImplementedError(f"{_where(node)}: {key} {v} (only [1, h, w, 1])")
    return int(v[1]), int(v[2])


def check_layout(node):
    fmt = node["attr"].get("data_format", "NHWC")
    if fmt != "NHWC":
        raise NotImplementedError(f"{_where(node)}: data_format {fmt} (only NHWC)")
    pad = node["attr"].get("padding")
    if pad not in ("SAME", "VALID"):
        raise NotImplementedError(f"{_where(node)}: padding {pad} (only SAME and VALID)")


def fused(node):
    """(has bias, activation name) of a convolution node; anything but BiasAdd[+Relu|Relu6] is an error."""
    if node["op"] in ("Conv2D", "DepthwiseConv2dNative"):
        return False, None
    ops = list(node["attr"].get("fused_ops", []))
    if ops[:1] != ["BiasAdd"] or len(ops) > 2 or (len(ops) == 2 and ops[1] not in ("Relu", "Relu6")):
        raise NotImplementedError(f"{_where(node)}: fused_ops {ops} (only BiasAdd, BiasAdd+Relu, BiasAdd+Relu6)")
    if int(node["attr"].get("num_args", 1)) != 1:
        raise NotImplementedError(f"{_where(node)}: num_args {node['attr'].get('num_args')}")
    return True, (ops[1] if len(ops) == 2 else None)


def torch_filter(op, w):
    """TF filter -> (torch weight, groups). Conv2D [kh,kw,in,out] -> [out,in,kh,kw]; depthwise
    [kh,kw,in,mult] -> [in*mult,1,kh,kw]: TF's output channel c*mult+m is torch's group c, member m."""
    if "Depthwise" in op:
        kh, kw, cin, mult = w.shape
        return np.ascontiguousarray(w.reshape(kh, kw, cin * mult).transpose(2, 0, 1)[:, None]), cin
    return np.ascontiguousarray(w.transpose(3, 2, 0, 1)), 1


def make_conv(node, w, bias):
    """nn.Conv2d holding the node's weights (torch layout); padding is applied in `conv`."""
    check_layout(node)
    weight, groups = torch_filter(node["op"], w)
    out_c, in_per_group, kh, kw = weight.shape
    m = torch.nn.Conv2d(in_per_group * groups, out_c, (kh, kw), groups=groups, bias=bias is not None)
    with torch.no_grad():
        m.weight.copy_(torch.from_numpy(weight))
        if bias is not None:
            m.bias.copy_(torch.from_numpy(np.asarray(bias, np.float32)))
    return m


def same_pads(size, k, stride, dilation):
    """TF SAME: output ceil(size/stride); the total padding's odd pixel goes after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + (k - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def _pads(node, h, w, kh, kw, strides, dil):
    if node["attr"]["padding"] == "VALID":
        return 0, 0, 0, 0
    return same_pads(h, kh, strides[0], dil[0]) + same_pads(w, kw, strides[1], dil[1])


def conv(g, node, ins):
    m = g.conv_module(node["name"])
    x, b = to_nchw(ins[0])
    strides, dil = _spatial(node, "strides", [1, 1, 1, 1]), _spatial(node, "dilations", [1, 1, 1, 1])
    kh, kw = (int(d) for d in m.weight.shape[2:])
    pt, pb, pl, pr = _pads(node, int(x.shape[2]), int(x.shape[3]), kh, kw, strides, dil)
    if pt == pb and pl == pr:
        padding = (pt, pl)
    else:  # asymmetric SAME: explicit pad; the padded tensor is quantised like its source (int8)
        x = g.fake_quant(node["inputs"][0], F.pad(x, (pl, pr, pt, pb)))
        padding = (0, 0)
    w = m.weight_fake_quant(m.weight) if hasattr(m, "weight_fake_quant") else m.weight
    y = F.conv2d(x, w, m.bias, strides, padding, dil, m.groups)
    act = ACTIVATIONS[fused(node)[1]]
    return V(act(y) if act else y, True, True, b)


def _legacy_axis(x, dim, out):
    """TF ResizeBilinear without align_corners or half_pixel_centers along one axis: src = dst * in/out."""
    n = int(x.shape[dim])
    src = torch.arange(out, dtype=torch.float32) * (n / out)
    lo = torch.floor(src).long()
    hi = torch.clamp(lo + 1, max=n - 1)
    shape = [1] * x.dim()
    shape[dim] = out
    w = (src - lo.float()).reshape(shape).to(x.dtype)
    a, c = x.index_select(dim, lo), x.index_select(dim, hi)
    return a + (c - a) * w


def resize_bilinear(g, node, ins):
    """half_pixel_centers: (dst + 0.5) * in/out - 0.5, clamped at 0 = torch align_corners=False;
    align_corners: (in-1)/(out-1) = torch align_corners=True; neither: TF's legacy mapping."""
    size = [int(s) for s in ints(ins[1], "ResizeBilinear size")]
    ac = bool(node["attr"].get("align_corners", False))
    hp = bool(node["attr"].get("half_pixel_centers", False))
    if ac and hp:
        raise ValueError(f"{_where(node)}: align_corners and half_pixel_centers together")
    x, b = to_nchw(ins[0])
    if ac or hp:
        y = F.interpolate(x, size=size, mode="bilinear", align_corners=ac)
    else:
        y = _legacy_axis(_legacy_axis(x, 2, size[0]), 3, size[1])
    return V(y, True, True, b)


def max_pool(g, node, ins):
    check_layout(node)
    k, s = _spatial(node, "ksize", None), _spatial(node, "strides", [1, 1, 1, 1])
    x, b = to_nchw(ins[0])
    pt, pb, pl, pr = _pads(node, int(x.shape[2]), int(x.shape[3]), k[0], k[1], s, (1, 1))
    if pt == pb and pl == pr and pt <= k[0] // 2 and pl <= k[1] // 2:
        y = F.max_pool2d(x, k, s, (pt, pl))
    else:  # TF ignores padded cells: pad with -inf
        y = F.max_pool2d(F.pad(x, (pl, pr, pt, pb), value=float("-inf")), k, s)
    return V(y, True, True, b)


OPS = {op: conv for op in CONV_OPS}
OPS.update({"ResizeBilinear": resize_bilinear, "MaxPool": max_pool})
