"""Synthetic action clips: a 3-D stick figure, keyframed per class, projected and drawn with OpenCV.

Why 3-D: a random camera yaw gives front, side and back views of the same action, so the model
cannot learn one class per viewpoint. Everything is driven by a numpy Generator, so a seed
reproduces a clip exactly.
"""
import math

import cv2
import numpy as np

LABELS = ["idle", "walk", "wave", "clap", "jump", "squat", "bend", "sit_down", "stand_up", "fall"]

# Segment lengths in units of body height.
TORSO, NECK, HEAD_R, UPPER_ARM, FOREARM, THIGH, SHIN = 0.30, 0.06, 0.065, 0.16, 0.15, 0.23, 0.23
SHOULDER_W, HIP_W = 0.09, 0.055

# A pose: angles in radians. Limbs use (flex, abd): flex swings forward from hanging down,
# abd swings outward. lean tilts the upper body forward, pitch/roll tilt the whole body (fall).
NEUTRAL = dict(lean=0.0, pitch=0.0, roll=0.0, air=0.0,
               l_sh_f=0.05, l_sh_a=0.12, l_el=0.15, r_sh_f=0.05, r_sh_a=0.12, r_el=0.15,
               l_hip_f=0.0, l_hip_a=0.04, l_knee=0.0, r_hip_f=0.0, r_hip_a=0.04, r_knee=0.0,
               fwd=0.0)  # fwd: forward travel (body heights), used by walk
SIT = dict(NEUTRAL, lean=0.2, l_hip_f=1.5, r_hip_f=1.5, l_knee=1.5, r_knee=1.5,
           l_sh_f=0.5, r_sh_f=0.5, l_el=0.6, r_el=0.6)
SQUAT = dict(NEUTRAL, lean=0.5, l_hip_f=1.9, r_hip_f=1.9, l_knee=2.5, r_knee=2.5,
             l_sh_f=1.4, r_sh_f=1.4, l_el=0.1, r_el=0.1)
BEND = dict(NEUTRAL, lean=1.35, l_sh_f=1.3, r_sh_f=1.3, l_hip_f=0.15, r_hip_f=0.15)
LYING_FWD = dict(NEUTRAL, pitch=1.5, l_sh_f=2.6, r_sh_f=2.4, l_sh_a=0.5, r_sh_a=0.6,
                 l_knee=0.3, r_knee=0.1)
LYING_SIDE = dict(NEUTRAL, roll=1.5, l_sh_a=1.2, r_sh_a=0.4, l_sh_f=0.4, l_knee=0.4)


def _pose(base, **kw):
    p = dict(base)
    p.update(kw)
    return p


def lerp_pose(a, b, w):
    return {k: a[k] + (b[k] - a[k]) * w for k in a}


def _smooth(w):
    return w * w * (3 - 2 * w)


def keyframes_at(keys, t):
    """Piecewise smooth interpolation of [(time, pose), ...] at time t in [0, 1]."""
    if t <= keys[0][0]:
        return dict(keys[0][1])
    for (t0, p0), (t1, p1) in zip(keys, keys[1:]):
        if t <= t1:
            return lerp_pose(p0, p1, _smooth((t - t0) / max(t1 - t0, 1e-6)))
    return dict(keys[-1][1])


class ActionSpec:
    """How one class moves. periodic: t wraps (cycles); transition: t is clamped (happens once)."""

    def __init__(self, keys, periodic, duration, travel=0.0):
        self.keys, self.periodic, self.duration, self.travel = keys, periodic, duration, travel

    def pose(self, t):
        if self.periodic:
            p = keyframes_at(self.keys, t % 1.0)
            p["fwd"] = self.travel * t
            return p
        return keyframes_at(self.keys, min(max(t, 0.0), 1.0))


def _walk_keys():
    keys = []
    for i in range(9):
        ph = i / 8 * 2 * math.pi
        s = math.sin(ph)
        keys.append((i / 8, _pose(NEUTRAL, l_hip_f=0.45 * s, r_hip_f=-0.45 * s,
                                  l_knee=0.5 * max(0.0, -math.cos(ph)) + 0.1,
                                  r_knee=0.5 * max(0.0, math.cos(ph)) + 0.1,
                                  l_sh_f=-0.4 * s, r_sh_f=0.4 * s, l_el=0.3, r_el=0.3,
                                  air=0.01 * abs(math.cos(ph)), lean=0.06)))
    return keys


def _fall_keys(side):
    lying = LYING_SIDE if side else LYING_FWD
    stumble = _pose(NEUTRAL, lean=0.25, l_sh_a=0.7, r_sh_a=0.7, l_hip_f=0.3, l_knee=0.4)
    mid = lerp_pose(stumble, lying, 0.5)
    return [(0.0, NEUTRAL), (0.25, stumble), (0.55, mid), (0.75, lying), (1.0, lying)]


def action_spec(label, rng, fall_side=None):
    """ActionSpec for a label; rng picks the per-clip variation (which arm, fall direction, ...).
    fall_side (True/False) overrides the drawn fall direction (the rng draw still happens)."""
    side = rng.random() < 0.5
    side = side if fall_side is None else fall_side
    arm = "l_" if rng.random() < 0.5 else "r_"
    if label == "idle":
        # Still in any resting posture: standing, sitting, or lying (forward or on the side) as after
        # a fall. Without lying, a window that sees only a person lying still was out of
        # distribution and the fall sample clip raised a `clap` event after its `fall`.
        u = rng.random()
        base = NEUTRAL if u < 0.5 else SIT if u < 0.8 else LYING_FWD if u < 0.9 else LYING_SIDE
        a = rng.uniform(0.02, 0.06)
        return ActionSpec([(0, base), (0.5, _pose(base, lean=base["lean"] + a, l_sh_f=base["l_sh_f"] + a)),
                           (1, base)], True, rng.uniform(20, 45))
    if label == "walk":
        return ActionSpec(_walk_keys(), True, rng.uniform(9, 16), travel=0.45)
    if label == "wave":
        up = _pose(NEUTRAL, **{arm + "sh_a": 2.5, arm + "sh_f": 0.3, arm + "el": 0.2})
        out = _pose(up, **{arm + "el": 1.1})
        return ActionSpec([(0, up), (0.5, out), (1, up)], True, rng.uniform(5, 9))
    if label == "clap":
        apart = _pose(NEUTRAL, l_sh_f=1.3, r_sh_f=1.3, l_sh_a=0.75, r_sh_a=0.75, l_el=0.3, r_el=0.3)
        shut = _pose(apart, l_sh_a=-0.05, r_sh_a=-0.05, l_el=0.6, r_el=0.6)
        return ActionSpec([(0, apart), (0.5, shut), (1, apart)], True, rng.uniform(4, 7))
    if label == "jump":
        crouch = _pose(NEUTRAL, lean=0.35, l_hip_f=0.9, r_hip_f=0.9, l_knee=1.4, r_knee=1.4,
                       l_sh_f=-0.5, r_sh_f=-0.5)
        fly = _pose(NEUTRAL, air=0.3, l_sh_f=2.7, r_sh_f=2.7, l_knee=0.3, r_knee=0.3)
        return ActionSpec([(0, NEUTRAL), (0.25, crouch), (0.5, fly), (0.75, crouch), (1, NEUTRAL)],
                          True, rng.uniform(9, 14))
    if label == "squat":
        return ActionSpec([(0, NEUTRAL), (0.45, SQUAT), (0.55, SQUAT), (1, NEUTRAL)], True,
                          rng.uniform(11, 16))
    if label == "bend":
        return ActionSpec([(0, NEUTRAL), (0.4, BEND), (0.6, BEND), (1, NEUTRAL)], True,
                          rng.uniform(11, 16))
    if label == "sit_down":
        return ActionSpec([(0, NEUTRAL), (1, SIT)], False, rng.uniform(7, 12))
    if label == "stand_up":
        return ActionSpec([(0, SIT), (1, NEUTRAL)], False, rng.uniform(7, 12))
    if label == "fall":
        return ActionSpec(_fall_keys(side), False, rng.uniform(8, 12))
    raise ValueError(label)


# ---------------------------------------------------------------- kinematics

def _rot_x(a):  # pitch: +a tips the top forward (+z)
    c, s = math.cos(a), math.sin(a)
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def _rot_z(a):  # roll: tips the top sideways
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def _rot_y(a):  # yaw: camera direction
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def _limb_dir(flex, abd, side):
    """Unit vector of a limb: hanging (0,-1,0), flex swings to +z (forward), abd to side*x."""
    return np.array([side * math.sin(abd), -math.cos(abd) * math.cos(flex), math.cos(abd) * math.sin(flex)])


BONES = [("pelvis", "neck"), ("neck", "head"),
         ("l_sh", "l_elb"), ("l_elb", "l_hand"), ("r_sh", "r_elb"), ("r_elb", "r_hand"),
         ("l_sh", "r_sh"), ("l_hip", "r_hip"),
         ("l_hip", "l_knee"), ("l_knee", "l_foot"), ("r_hip", "r_knee"), ("r_knee", "r_foot")]


def skeleton(p):
    """3-D joint positions (body height 1, y up, facing +z) with the lowest point on y=air."""
    up = _rot_x(p["lean"])
    j = {"pelvis": np.zeros(3)}
    j["neck"] = up @ np.array([0, TORSO, 0])
    j["head"] = j["neck"] + up @ np.array([0, NECK + HEAD_R, 0])
    for s, side in (("l_", -1), ("r_", 1)):
        sh = j["neck"] + up @ np.array([side * SHOULDER_W, -0.02, 0])
        elb = sh + up @ (UPPER_ARM * _limb_dir(p[s + "sh_f"], p[s + "sh_a"], side))
        hand = elb + up @ (FOREARM * _limb_dir(p[s + "sh_f"] + p[s + "el"], p[s + "sh_a"], side))
        hip = np.array([side * HIP_W, 0, 0])
        knee = hip + THIGH * _limb_dir(p[s + "hip_f"], p[s + "hip_a"], side)
        foot = knee + SHIN * _limb_dir(p[s + "hip_f"] - p[s + "knee"], p[s + "hip_a"], side)
        j.update({s + "sh": sh, s + "elb": elb, s + "hand": hand, s + "hip": hip, s + "knee": knee,
                  s + "foot": foot})
    whole = _rot_z(p["roll"]) @ _rot_x(p["pitch"])
    j = {k: whole @ v for k, v in j.items()}
    low = min(v[1] - (HEAD_R if k == "head" else 0) for k, v in j.items())
    shift = np.array([0, p["air"] - low, p["fwd"]])
    return {k: v + shift for k, v in j.items()}


# ---------------------------------------------------------------- appearance

VIEWS = ("oblique", "any")


def camera_yaw(rng, views):
    """Camera direction. "oblique" (training and the test split): 15-75 degrees off the body's
    front/back axis, either side, from the front or the back, so motion in both body planes shows.
    "any": uniform over the circle, including exactly side-on and head-on views where one plane's
    motion is invisible (a side-on wave is a static figure with an arm over its head, a head-on
    walk barely moves); `action eval --views any` reports that harder case separately."""
    if views == "any":
        return rng.uniform(-math.pi, math.pi)
    if views != "oblique":
        raise ValueError(f"views must be one of {VIEWS}, not {views!r}")
    off = math.radians(rng.uniform(15.0, 75.0)) * (1 if rng.random() < 0.5 else -1)
    return off + (math.pi if rng.random() < 0.5 else 0.0)


class Look:
    """Per-clip appearance: camera, colours, background, noise, occluder. Drawn from rng."""

    def __init__(self, rng, w, h, views="oblique"):
        self.w, self.h = w, h
        self.height = rng.uniform(0.55, 0.85) * h          # body height in pixels
        self.yaw = camera_yaw(rng, views)
        self.aspect = rng.uniform(0.75, 1.2)                # also covers 4:3 clips stretched to 1:1
        self.ground = rng.uniform(0.85, 0.97) * h
        self.x0 = rng.uniform(0.3, 0.7) * w
        self.thick = max(1, int(round(rng.uniform(0.03, 0.06) * h)))
        self.fg = rng.integers(0, 256, 3)
        self.bg = self._background(rng)
        if np.abs(self.fg.astype(int) - self.bg.mean((0, 1))).sum() < 180:  # keep the figure visible
            self.fg = 255 - self.fg
        self.filled_head = rng.random() < 0.6
        self.noise = rng.uniform(0, 8)
        self.blur = rng.random() < 0.3
        self.occluder = None
        if rng.random() < 0.3:  # a static box in front of the scene (kept small: labels stay visible)
            ow, oh = rng.uniform(0.08, 0.25) * w, rng.uniform(0.08, 0.25) * h
            ox, oy = rng.uniform(0, w - ow), rng.uniform(0, h - oh)
            self.occluder = ((int(ox), int(oy)), (int(ox + ow), int(oy + oh)),
                             tuple(int(c) for c in rng.integers(0, 256, 3)))
        # Camera distance in body heights (pinhole perspective): walking towards or away from the
        # camera changes the figure's size, as it does in real footage. Without it a walk seen
        # head-on was only a faint leg flicker, and 73% of frontal walks were read as jumps.
        self.distance = rng.uniform(3.0, 6.0)
        self.fwd0 = 0.0  # forward travel at which the figure stands at x0 and at `distance`

    def _background(self, rng):
        w, h = self.w, self.h
        c0, c1 = rng.integers(0, 256, 3), rng.integers(0, 256, 3)
        ramp = np.linspace(0, 1, h)[:, None, None]
        bg = c0 * (1 - ramp) + c1 * ramp + np.zeros((h, w, 3))
        coarse = rng.normal(0, rng.uniform(3, 25), (rng.integers(3, 12), rng.integers(3, 12), 3))
        bg += cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC)
        if rng.random() < 0.3:  # floor line / horizon
            y = int(rng.uniform(0.5, 0.9) * h)
            bg[y:] *= rng.uniform(0.6, 0.9)
        return np.clip(bg, 0, 255).astype(np.uint8)


def project(joints, look, drift, depth=0.0):
    """Screen (x, y, z) per joint. z grows away from the camera (far bones are drawn first);
    perspective scales each joint by distance / (distance + z + depth) about the ground point
    under the figure, so the feet stay on the ground line while the figure grows or shrinks."""
    rot = _rot_y(look.yaw)
    out = {}
    for k, v in joints.items():
        x, y, z = rot @ v
        s = look.distance / max(look.distance + z + depth, 0.5)
        out[k] = (look.x0 + drift + x * look.height * look.aspect * s, look.ground - y * look.height * s, z)
    return out


def draw_frame(pose, look, rng, drift=0.0, depth=0.0):
    img = look.bg.copy()
    pts = project(skeleton(pose), look, drift, depth)
    sc = 16  # fixed-point shift for sub-pixel, anti-aliased lines
    dark = tuple(int(c * 0.7) for c in look.fg)
    bones = sorted(BONES, key=lambda b: -(pts[b[0]][2] + pts[b[1]][2]))  # far bones first
    for a, b in bones:
        far = pts[a][2] + pts[b][2] > 0 and a[:2] in ("l_", "r_")  # z grows away from the camera
        pa = (int(pts[a][0] * sc), int(pts[a][1] * sc))
        pb = (int(pts[b][0] * sc), int(pts[b][1] * sc))
        cv2.line(img, pa, pb, dark if far else tuple(int(c) for c in look.fg), look.thick, cv2.LINE_AA, 4)
    hx, hy, _ = pts["head"]
    r = int(HEAD_R * look.height * sc)
    cv2.circle(img, (int(hx * sc), int(hy * sc)), r, tuple(int(c) for c in look.fg),
               -1 if look.filled_head else look.thick, cv2.LINE_AA, 4)
    if look.occluder:
        cv2.rectangle(img, look.occluder[0], look.occluder[1], look.occluder[2], -1)
    if look.blur:
        img = cv2.GaussianBlur(img, (3, 3), 0)
    if look.noise > 0:
        img = np.clip(img + rng.normal(0, look.noise, img.shape), 0, 255).astype(np.uint8)
    return img


def walk_drift(pose, look):
    """Screen-space x of forward travel (walk moves across the frame)."""
    return (pose["fwd"] - look.fwd0) * math.sin(look.yaw) * look.height * look.aspect


def walk_depth(pose, look):
    """Change of camera distance (body heights) from forward travel: the depth part of the yaw."""
    return (pose["fwd"] - look.fwd0) * math.cos(look.yaw)


def render_poses(poses, look, rng):
    """Frames (RGB uint8) for a list of poses; forward travel becomes screen drift."""
    frames = []
    for p in poses:
        drift, depth = walk_drift(p, look), walk_depth(p, look)
        p = dict(p, fwd=0.0)  # travel is applied in screen space, so the figure stays on the ground line
        frames.append(draw_frame(p, look, rng, drift=drift, depth=depth))
    return frames


def sample_window_poses(label, rng, frames=16):
    """Poses for one training window of `frames` frames showing `label`."""
    spec = action_spec(label, rng)
    d = spec.duration
    if spec.periodic:
        t0 = rng.uniform(0, 1)
        return [spec.pose(t0 + i / d) for i in range(frames)]
    # A one-off transition: place it so at least ~80% of it is inside the window.
    start = rng.uniform(-0.2 * d, max(frames - 0.8 * d, -0.2 * d + 0.1))
    return [spec.pose((i - start) / d) for i in range(frames)]


def render_window(label, seed, size=128, frames=16, out_size=64, views="oblique"):
    """One labelled clip: uint8 [frames, out_size, out_size, 3] RGB (rendered at size, then resized)."""
    rng = np.random.default_rng(seed)
    poses = sample_window_poses(label, rng, frames)
    look = Look(rng, size, size, views)
    if label == "walk":  # the figure passes x0 at `distance` mid-window: it stays in frame
        look.fwd0 = poses[len(poses) // 2]["fwd"]
    imgs = render_poses(poses, look, rng)
    return np.stack([cv2.resize(im, (out_size, out_size), interpolation=cv2.INTER_AREA) for im in imgs])
