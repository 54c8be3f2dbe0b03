"""Synthetic keypoint windows: the renderer's 3-D skeleton, posed by pose_motion, seen through a
random camera and letterboxed the way the pose encoder sees a real frame, as MoveNet's 17 COCO
keypoints (y, x in 0..1 of the letterboxed square, score). No pixels are drawn: the head learns from
keypoints, so what matters is the geometry and the noise of a real pose network (pose_noise).

The camera: any heading of the body, elevation 0-70 degrees (eye level to high CCTV), distance 2.5-8
body heights (perspective: walking towards the camera grows the figure), frames of common aspects
(16:9, 4:3, 1:1, portrait phones), the person anywhere from 12% to 90% of the frame height, and
camera motion (a tripod, a slow pan, a handheld shake, or a camera following a walker); 15% are
close shots that cut the body off at the chest or the hips, as films and webcams do.
"""
import math

import numpy as np

from . import pose_motion as pm
from .action_render import skeleton, FOREARM, HEAD_R
from .pose_noise import NoiseModel

LABELS = ["other", "walk", "wave", "sit_down", "stand_up", "fall"]
COCO = ["nose", "l_eye", "r_eye", "l_ear", "r_ear", "l_sh", "r_sh", "l_elb", "r_elb", "l_wri", "r_wri",
        "l_hip", "r_hip", "l_knee", "r_knee", "l_ank", "r_ank"]
_FROM_SKELETON = {"l_sh": "l_sh", "r_sh": "r_sh", "l_elb": "l_elb", "r_elb": "r_elb", "l_wri": "l_hand",
                  "r_wri": "r_hand", "l_hip": "l_hip", "r_hip": "r_hip", "l_knee": "l_knee", "r_knee": "r_knee",
                  "l_ank": "l_foot", "r_ank": "r_foot"}
# Swapping left and right (a mirrored picture): MoveNet's left/right follow the person, so a mirror
# swaps the indices as well as negating x.
MIRROR = [0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15]
ASPECTS = [(16, 9), (4, 3), (1, 1), (9, 16), (3, 4)]


def coco_joints(p):
    """17 x 3 world points (body height 1) for a pose dict, with face points from the head and the
    shoulder line, and the wave's hand swing applied."""
    j = skeleton(p)
    for arm in p.get("wave_arms", ()):
        side = j[arm + "sh"] - j["neck"]
        side[1] = 0.0
        side /= max(np.linalg.norm(side), 1e-6)
        sw = p["hand_swing"]
        j[arm + "hand"] = j[arm + "elb"] + FOREARM * (np.array([0.0, 1.0, 0.0]) * math.cos(sw) + side * math.sin(sw))
    up = j["head"] - j["neck"]
    up /= max(np.linalg.norm(up), 1e-6)
    s = j["l_sh"] - j["r_sh"]
    s /= max(np.linalg.norm(s), 1e-6)
    fwd = np.cross(up, s)
    h, r = j["head"], HEAD_R
    face = {"nose": h + fwd * 0.9 * r - up * 0.2 * r,
            "l_eye": h + fwd * 0.75 * r + up * 0.25 * r + s * 0.35 * r,
            "r_eye": h + fwd * 0.75 * r + up * 0.25 * r - s * 0.35 * r,
            "l_ear": h + s * 0.95 * r, "r_ear": h - s * 0.95 * r}
    out = np.stack([face[k] if k in face else j[_FROM_SKELETON[k]] for k in COCO])
    return out, fwd


class Camera:
    """One window's camera: where it is, what frame it makes and how it moves."""

    def __init__(self, rng, seconds):
        self.heading = rng.uniform(-math.pi, math.pi)
        self.turn = rng.uniform(-0.6, 0.6) if rng.random() < 0.3 else 0.0   # body turning, rad/s
        self.elev = math.radians(rng.uniform(0, 70) if rng.random() < 0.6 else rng.uniform(0, 15))
        self.dist = rng.uniform(2.5, 8.0)
        aw, ah = ASPECTS[rng.integers(len(ASPECTS))]
        self.w, self.h = float(aw), float(ah)
        self.height = rng.uniform(0.12, 0.9) * self.h                     # body height in frame units
        self.cx = rng.uniform(0.25, 0.75) * self.w
        self.cy = rng.uniform(0.35, 0.75) * self.h
        if rng.random() < 0.15:  # a close shot (film, webcam, phone): head and chest in view, legs cut off
            self.height = rng.uniform(1.0, 2.2) * self.h
            self.cy = rng.uniform(0.05, 0.3) * self.h + 0.5 * self.height * 0.9
        mode = rng.choice(["tripod", "pan", "handheld", "follow"], p=[0.45, 0.2, 0.2, 0.15])
        self.pan = rng.normal(0, 0.08, 2) * self.h if mode == "pan" else np.zeros(2)       # per second
        self.zoom = rng.uniform(-0.15, 0.15) if mode == "pan" else 0.0                   # per second
        self.shake = rng.uniform(0.003, 0.02) * self.h if mode == "handheld" else 0.0
        self.follow = mode == "follow"
        self.mirror = rng.random() < 0.5

    def project(self, pts, t, rng):
        """World points [17,3] at time t -> frame (x, y) [17,2] in frame units."""
        a = self.heading + self.turn * t
        c, s = math.cos(a), math.sin(a)
        x = c * pts[:, 0] + s * pts[:, 2]
        z = -s * pts[:, 0] + c * pts[:, 2]
        y = pts[:, 1] - 0.5
        ce, se = math.cos(self.elev), math.sin(self.elev)
        y2, z2 = y * ce + z * se, z * ce - y * se
        if self.follow:  # a camera that keeps the walker in view: the body's travel cancels out
            x = x - x.mean() + 0.15 * x.mean()
            z2 = z2 - z2.mean()
        persp = self.dist / np.maximum(self.dist + z2, 0.5)
        zoom = 1.0 + self.zoom * t
        fx = self.cx + self.pan[0] * t + x * self.height * persp * zoom
        fy = self.cy + self.pan[1] * t - y2 * self.height * persp * zoom
        if self.shake:
            fx, fy = fx + rng.normal(0, self.shake), fy + rng.normal(0, self.shake)
        return np.stack([fx, fy], 1)

    def letterbox(self, xy):
        """Frame units -> (y, x) in 0..1 of the letterboxed square the encoder sees, and an in-frame mask."""
        side = max(self.w, self.h)
        inside = (xy[:, 0] >= 0) & (xy[:, 0] <= self.w) & (xy[:, 1] >= 0) & (xy[:, 1] <= self.h)
        x = (np.clip(xy[:, 0], 0, self.w) + (side - self.w) / 2) / side
        y = (np.clip(xy[:, 1], 0, self.h) + (side - self.h) / 2) / side
        return np.stack([y, x], 1), inside

    def person_scale(self):
        return self.height / max(self.w, self.h)


def motion_for(label, rng, seconds):
    """pose_at(t) for one window of `label`; one-off transitions are placed fully inside the window."""
    if label == "walk":
        slow = rng.random() < 0.2
        return pm.gait(rng, rng.uniform(1.5, 2.0) if slow else rng.uniform(0.9, 1.4),
                       amp=rng.uniform(0.4, 0.7) if slow else rng.uniform(0.7, 1.2),
                       travel=rng.uniform(0.3, 0.5) if slow else rng.uniform(0.6, 0.95))
    if label == "wave":
        return pm.wave(rng)
    if label == "sit_down":
        return pm.sit_down(rng, seconds)
    if label == "stand_up":  # getting up from the floor, or the time reverse of sitting down
        if rng.random() < 0.3:
            return pm.get_up(rng, seconds)
        at = pm.sit_down(rng, seconds)
        return lambda t: at(seconds - t)
    if label == "fall":
        return pm.fall(rng, seconds)
    if label == "other":
        return pm.other(rng)
    raise ValueError(label)


def sample_window(label, rng, frames=20, fps=10.0, noise=None):
    """One window: float32 [frames, 17, 3] of (y, x, score) as the pose encoder emits them."""
    seconds = frames / fps
    noise = noise or NoiseModel()
    cam = Camera(rng, seconds)
    if label == "other" and rng.random() < 0.12:  # nobody in view: the pose network still answers
        return noise.empty(rng, frames).astype(np.float32)
    at = motion_for(label, rng, seconds)
    yx, vis, facing = [], [], []
    for i in range(frames):
        t = i / fps
        pts, fwd = coco_joints(at(t))
        p, inside = cam.letterbox(cam.project(pts, t, rng))
        yx.append(p)
        vis.append(inside)
        a = cam.heading + cam.turn * t
        facing.append(-(-math.sin(a) * fwd[0] + math.cos(a) * fwd[2]))  # > 0: face towards the camera
    yx, vis = np.stack(yx), np.stack(vis)
    if cam.mirror:
        yx = yx[:, MIRROR]
        yx[..., 1] = 1.0 - yx[..., 1]
        vis = vis[:, MIRROR]
    out = noise.apply(rng, yx, vis, np.array(facing), cam.person_scale())
    if label in ("other", "walk") and rng.random() < 0.1:
        out = noise.enter_or_leave(rng, out)
    return out.astype(np.float32)


def make_windows(per_class, seed, frames=20, fps=10.0, labels=LABELS, noise=None):
    """(x [N, frames, 51], y [N]) with per_class windows of each label, reproducible from seed."""
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for k, label in enumerate(labels):
        for _ in range(per_class):
            xs.append(sample_window(label, rng, frames, fps, noise).reshape(frames, -1))
            ys.append(k)
    return np.stack(xs).astype(np.float32), np.array(ys, np.int64)
