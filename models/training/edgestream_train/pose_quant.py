"""int8 (QDQ) for the pose encoder, with the project's conventions (action_quant): eager fake
quantisation that exports as QuantizeLinear/DequantizeLinear, uint8 per-tensor activations, and
7-bit symmetric per-output-channel weights ([-64, 63], action_quant.WEIGHT_RANGE: ONNX Runtime's
u8s8 kernels on AVX2 CPUs without VNNI saturate 16-bit pair sums with full-range weights).

Placement: the interpreter has no layers to fuse, so fake quants go on tensors. Every tensor that a
convolution reads or writes is quantised once where it is produced (TfjsGraph.act_fq), so ONNX Runtime
sees DQ -> Conv -> Q for every convolution (QLinearConv) and DQ/DQ -> Add -> Q for the residual adds
that feed one. The padded input of an asymmetric-SAME convolution is quantised again with the same
module (same scale and zero point; the padding zeros are exact), so its Pad sits between Q/DQ pairs.
Weights get a FakeQuantize as `weight_fake_quant` of their nn.Conv2d (tfjs_ops_nn.conv applies it).
The post-processing (sigmoid, argmax, gathers, the keypoint arithmetic) stays float.

head_outputs=False keeps the outputs of the convolutions that nothing but post-processing reads
(the heatmap, centre, regression and offset heads) in float: ONNX Runtime then runs those last
convolutions in float on dequantised inputs. Offsets and heatmap logits are where an 8-bit step
moves a keypoint, so this trades a few float convolutions for accuracy (pose_convert measures both).
"""
import copy

import torch.ao.quantization as tq

from .action_quant import ACT, WEIGHT, calibrate, onnx_weight_range  # noqa: F401  (re-exported)
from .tfjs_graph import key
from .tfjs_ops_nn import CONV_OPS


def conv_tensor_refs(graph, head_outputs=True):
    """Refs of the tensors convolutions read (data input) and write."""
    convs = [n for n in graph.order if n["op"] in CONV_OPS]
    read = {n["inputs"][0] for n in convs}
    refs = set(read)
    for n in convs:
        out = n["name"] + ":0"
        if head_outputs or out in read:
            refs.add(out)
    return refs


def prepare_int8(graph, head_outputs=True):
    """Copy of a TfjsGraph with fake quants attached (observers and fake quant both on; calibrate() next)."""
    q = copy.deepcopy(graph).eval()
    for n in q.order:
        if n["op"] in CONV_OPS:
            q.conv_module(n["name"]).weight_fake_quant = WEIGHT()
    for ref in sorted(conv_tensor_refs(q, head_outputs)):
        q.act_fq[key(ref)] = ACT()
    return q


def fake_quants(model):
    return [m for m in model.modules() if isinstance(m, tq.FakeQuantize)]
