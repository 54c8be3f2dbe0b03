"""MoveNet single-pose as the pipeline's "pose encoder": frames[N,3,S,S] -> features[N,51].

Input: float32 RGB pixel values 0..255 of the letterboxed frame (pose_frames.letterbox; the C#
side uses scale 1, mean 0, std 1), channels-first like every EdgeStream image input. Output:
MoveNet's 17 keypoints x (y, x, score), its keypoint order, y/x normalised 0..1 over the S x S input.

The TFJS graph's placeholder is int32 [1,S,S,3] and its first op is Cast(int32 -> float). The
wrapper feeds the float frames straight into that Cast (tfjs_graph._check_feed), so nothing is
rounded or truncated: the C# frames are integers 0..255 stored as floats and give exactly the
graph's result; a cast to int32 would also truncate a value such as 254.9999 to 254.
The frames enter the interpreter channels-first (tfjs_values), so the exported graph has no
Transpose on the image path; the graph's own Unpack/ExpandDims of its batch-1 axis are free there.
"""
import warnings

import onnx
import torch
from torch import nn

from .tfjs_values import V

OPSET = 17
KEYPOINTS = ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder",
             "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee",
             "right_knee", "left_ankle", "right_ankle"]


class PoseEncoder(nn.Module):
    """Wraps a single-pose MoveNet TfjsGraph (placeholder [1,S,S,3], output [1,1,17,3])."""

    def __init__(self, graph):
        super().__init__()
        shape = graph.placeholder_shape()
        if len(shape) != 4 or shape[0] != 1 or shape[3] != 3 or shape[1] != shape[2] or shape[1] < 1:
            raise ValueError(f"expected a single-pose graph with input [1,S,S,3], got {shape}")
        self.graph = graph
        self.size = shape[1]

    def forward(self, frames):
        v = V(frames, batched=True, nchw=True, b=1)  # frame n is the graph's [1,S,S,3] input
        out = self.graph.run_values({self.graph.inputs[0]: v})[0].tf()
        return out.reshape(-1, 51)


def keypoints(features):
    """[N,51] -> [N,17,3] (y, x, score)."""
    return features.reshape(-1, 17, 3)


def export(encoder, path, frames=2):
    """TorchScript-based export (the one that turns FakeQuantize into Q/DQ), dynamic N."""
    dummy = torch.zeros(frames, 3, encoder.size, encoder.size)
    with warnings.catch_warnings():
        # Tracer warnings about reading static sizes (fixed by design) and the exporter's notes on the
        # Pad's constant pads (a step -1 Slice it does not fold; ONNX Runtime folds it at load).
        warnings.simplefilter("ignore")
        torch.onnx.export(encoder.eval(), dummy, path, opset_version=OPSET, input_names=["frames"],
                          output_names=["features"], dynamic_axes={"frames": {0: "N"}, "features": {0: "N"}},
                          do_constant_folding=True)
    return check(path)


def check(path):
    """onnx.checker (full) and strict shape inference; returns the inferred features shape."""
    m = onnx.load(path)
    onnx.checker.check_model(m, full_check=True)
    inferred = onnx.shape_inference.infer_shapes(m, strict_mode=True)
    out = inferred.graph.output[0].type.tensor_type.shape.dim
    return [d.dim_param or d.dim_value for d in out]
