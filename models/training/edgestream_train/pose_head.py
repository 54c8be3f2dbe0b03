"""The keypoint head: the seed's LSTM + additive attention over one person's keypoint window.

Input: features[B,T,51], the pose encoder's output per frame (17 COCO keypoints x (y, x, score), y and
x in 0..1 of the letterboxed square). The head normalises inside the graph, so the ONNX file takes
exactly what the encoder emits and a user's own pose encoder of the same shape plugs in:
- a joint counts only when its score is at least MIN_SCORE (MoveNet's own demo threshold is 0.3;
  lower keeps more of small people, whose scores are lower); lost joints read as 0 with score 0;
- the centre is the score-weighted mean of the window's counted joints, one point for the whole
  window (not per frame), so a body that drops, travels or falls keeps that motion;
- the scale is the mean over the window of each frame's extent (max of height and width of its counted
  joints): a body's length whether it stands or lies, so a fall does not change the scale;
- per frame and joint: position relative to the centre over the scale (2), score (1), velocity (2,
  the frame difference of the normalised position where both frames count the joint); plus the
  frame's share of counted joints and log of the scale (how big the person is in the picture).
That is 17 * 5 + 2 = 87 inputs per frame. Why velocities: a fall and lying down end in the same
posture; the speed of the drop is what tells them apart, and an LSTM fed positions alone must learn
to difference them.
"""
import torch
import torch.nn as nn

from .action_models import AttentionHead, LastStepHead, MeanHead

JOINTS = 17
RAW = JOINTS * 3
MIN_SCORE = 0.2
INPUTS = JOINTS * 5 + 2
# A window in which fewer than this share of all joint observations reach MIN_SCORE is `other` (index 0)
# whatever the network says: nobody is seen well enough to name an action. Chosen on the real-actions
# train split and the clips outside real-actions (pose_real): false falls there came from windows at
# 0.19-0.30 (a dark 320x240 webcam, a pool cleaner a few pixels tall), true falls had 0.72-1.0 apart
# from two dark overhead clips at 0.28-0.31, which the gate gives up (they are missed, not guessed).
MIN_VISIBLE = 0.4
ABSTAIN = 30.0


class KeypointNormaliser(nn.Module):
    """features[B,T,51] -> normalised inputs[B,T,87] (see the module docstring)."""

    def forward(self, raw):
        b, t = raw.shape[0], raw.shape[1]
        k = raw.reshape(b, t, JOINTS, 3)
        yx, score = k[..., :2], k[..., 2]
        m = (score >= MIN_SCORE).to(raw.dtype)                                  # [B,T,J]
        w = score * m
        total = w.sum(dim=(1, 2)).clamp(min=1e-6)                              # [B]
        centre = (yx * w.unsqueeze(-1)).sum(dim=(1, 2)) / total.unsqueeze(-1)  # [B,2]
        big, mu = 10.0, m.unsqueeze(-1)
        hi = (yx * mu - big * (1 - mu)).amax(dim=2)                             # [B,T,2]
        lo = (yx * mu + big * (1 - mu)).amin(dim=2)
        counted = (m.sum(dim=2) >= 3).to(raw.dtype)                             # frames with a body
        extent = (hi - lo).amax(dim=-1) * counted                              # [B,T]
        scale = (extent.sum(dim=1) / counted.sum(dim=1).clamp(min=1)).clamp(min=0.02)  # [B]
        pos = (yx - centre[:, None, None, :]) / scale[:, None, None, None] * mu  # [B,T,J,2]
        both = mu[:, 1:] * mu[:, :-1]
        vel = torch.cat([torch.zeros_like(pos[:, :1]), (pos[:, 1:] - pos[:, :-1]) * both], dim=1)
        share = m.mean(dim=2, keepdim=True)                                     # [B,T,1]
        size = torch.log(scale)[:, None, None].expand(b, t, 1)
        per_joint = torch.cat([pos, (score * m).unsqueeze(-1), vel], dim=-1).reshape(b, t, JOINTS * 5)
        return torch.cat([per_joint, share, size], dim=-1)


class KeypointHead(nn.Module):
    """features[B,T,51] -> (logits[B,K], attention[B,T]): normaliser + a temporal head."""

    def __init__(self, classes, arch="lstm_attention", hidden=64):
        super().__init__()
        self.norm = KeypointNormaliser()
        self.inp = nn.Sequential(nn.Linear(INPUTS, hidden), nn.ReLU())
        if arch == "lstm_attention":
            self.temporal = AttentionHead(classes, features=hidden, hidden=hidden, skip=True)
        elif arch == "lstm":
            self.temporal = LastStepHead(classes, features=hidden, hidden=hidden)
        elif arch == "mean":
            self.temporal = MeanHead(classes, features=hidden)
        else:
            raise ValueError(f"unknown keypoint head arch {arch}; one of {ARCHS}")

    def forward(self, raw):
        logits, att = self.temporal(self.inp(self.norm(raw)))
        return abstain(raw, logits), att


def visible_share(raw):
    """[B,T,51] -> [B]: the share of joint observations at or above MIN_SCORE."""
    b, t = raw.shape[0], raw.shape[1]
    return (raw.reshape(b, t, JOINTS, 3)[..., 2] >= MIN_SCORE).to(raw.dtype).mean(dim=(1, 2))


def abstain(raw, logits):
    """Pushes every label but `other` (index 0) down by ABSTAIN where the window's visible share is under MIN_VISIBLE."""
    hidden = (visible_share(raw) < MIN_VISIBLE).to(raw.dtype)[:, None]
    penalty = torch.cat([torch.zeros_like(logits[:, :1]), torch.ones_like(logits[:, 1:])], dim=1) * ABSTAIN
    return logits - hidden * penalty
