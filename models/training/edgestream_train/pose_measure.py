"""Numbers for the pose encoder: keypoint agreement between variants, argmax margins, torch speed.

Agreement is measured where it matters to a consumer: for the keypoints that fp32 scores above
0.3 (MoveNet's recommended threshold), the distance in pixels of the 192 x 192 input between the
variant's and fp32's (y, x), and the absolute score difference.
"""
import copy
import time

import numpy as np
import torch

from .pose_encoder import PoseEncoder
from .tfjs_values import V

# The two argmaxes of MoveNet single-pose: the person centre (weighted by distance to the image
# centre) and, per keypoint, the heatmap weighted by distance to the regressed location.
CENTRE_SCORES = "StatefulPartitionedCall/Reshape_2:0"
KEYPOINT_SCORES = "StatefulPartitionedCall/Reshape_7:0"


def to_input(frames_u8):
    """uint8 [N,S,S,3] RGB -> the encoder's float32 [N,3,S,S]."""
    return torch.from_numpy(np.ascontiguousarray(frames_u8)).permute(0, 3, 1, 2).float()


def run(encoder, frames_u8, batch=16):
    """[N,17,3] keypoints of uint8 frames."""
    out = []
    with torch.no_grad():
        for i in range(0, len(frames_u8), batch):
            out.append(encoder(to_input(frames_u8[i:i + batch])).reshape(-1, 17, 3).numpy())
    return np.concatenate(out)


def fp16_emulation(graph):
    """Graph copy whose constants are float16-rounded and whose every float result is rounded to
    float16 (TfjsGraph.round_fp16): the closest CPU stand-in for the fp16 ONNX file, where each op
    writes float16. (MoveNet's TFJS weights are float16 already, so rounding them changes nothing.)"""
    g = copy.deepcopy(graph)
    with torch.no_grad():
        for t in list(g.parameters()) + list(g.buffers()):
            if t.dtype == torch.float32:
                t.copy_(t.half().float())
    g.round_fp16 = True
    return g


def agreement(kp, ref, size=192, threshold=0.3):
    m = ref[..., 2] > threshold
    d = (np.hypot(kp[..., 0] - ref[..., 0], kp[..., 1] - ref[..., 1]) * size)[m]
    s = np.abs(kp[..., 2] - ref[..., 2])[m]
    return {"keypoints": int(m.sum()), "frames": int(len(ref)), "meanPx": float(d.mean()),
            "p95Px": float(np.percentile(d, 95)), "maxPx": float(d.max()), "over2PxShare": float((d > 2).mean()),
            "meanAbsScoreDiff": float(s.mean()), "maxAbsFeatureDiff": float(np.abs(kp - ref).max())}


def margins(graph, frames_u8):
    """Per frame, the smallest relative gap (top1 - top2) / top1 over the centre argmax and the 17
    keypoint argmaxes: how far the frame is from an argmax flip (a flip moves a keypoint by >= 4 px)."""
    with torch.no_grad():
        c, k = graph.run_values({graph.inputs[0]: V(to_input(frames_u8), True, True, 1)},
                                [CENTRE_SCORES, KEYPOINT_SCORES])
    scores = torch.cat([c.tf().reshape(len(frames_u8), -1, 1), k.tf().reshape(len(frames_u8), -1, 17)], 2)
    top = torch.topk(scores, 2, dim=1).values  # [N, 2, 18]
    rel = (top[:, 0] - top[:, 1]) / top[:, 0].abs().clamp_min(1e-12)
    return rel.min(1).values.numpy()


def float64_error(graph, frames_u8):
    """max |fp32 - float64| of the features: a scale for how far two correct fp32 implementations
    (torch here, ONNX Runtime in C#) can drift apart on these frames."""
    g64 = copy.deepcopy(graph).double()
    x = to_input(frames_u8)
    with torch.no_grad():
        a = PoseEncoder(graph)(x).numpy()
        b = PoseEncoder(g64)(x.double()).numpy()
    return float(np.abs(a - b).max())


def time_per_frame(encoder, frames_u8, batch, repeats=3, threads=1):
    """Median seconds per frame of `repeats` timed runs (one warm-up) on `threads` torch threads."""
    old = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        x = to_input(frames_u8[:batch])
        with torch.no_grad():
            encoder(x)
            ts = []
            for _ in range(repeats):
                t = time.perf_counter()
                encoder(x)
                ts.append((time.perf_counter() - t) / len(x))
        return float(np.median(ts))
    finally:
        torch.set_num_threads(old)
