"""Body motion for the keypoint head's synthetic training windows, in seconds (not frames).

Each class is a function rng -> (pose_at(t) for t in seconds, window placement rule). Poses are the
renderer's joint-angle dicts (edgestream_train.action_render), so the skeleton, its proportions and
its kinematics are shared with the pixel model; only the timing and a few poses are new, chosen to
match real footage rather than the stick-figure clips:
- a wave is a hand at head height or overhead that swings side to side (real waves in
  ../shared/data/clips are; the renderer's wave was a straight arm held overhead),
- a fall starts from standing, walking or sitting, goes forwards, backwards, sideways or down to the
  knees first, and its drop lasts 0.4-1.0 s (measured on the real-actions train split's labels),
- sit_down goes onto a chair or onto the floor; stand_up is its time reverse, or getting up from
  the floor (after a fall, too),
- `other` is everything a camera sees that is none of these: standing, sitting or lying still,
  bending to pick something up, squatting, jumping, clapping, reaching, exercise, running, lying
  down slowly and getting up: the background class that keeps those from becoming walk or fall.
"""
import math

from .action_render import NEUTRAL, SIT, SQUAT, BEND, LYING_FWD, LYING_SIDE, _pose, keyframes_at, lerp_pose, _smooth

FLOOR_SIT = dict(NEUTRAL, lean=0.15, l_hip_f=1.45, r_hip_f=1.45, l_knee=0.35, r_knee=0.25,
                 l_sh_f=0.35, r_sh_f=0.35, l_el=0.3, r_el=0.3)
LYING_BACK = dict(NEUTRAL, pitch=-1.5, l_sh_a=0.6, r_sh_a=0.5, l_knee=0.2, r_knee=0.5, l_hip_f=0.2)
KNEEL = dict(NEUTRAL, lean=0.3, l_hip_f=0.3, r_hip_f=0.3, l_knee=1.7, r_knee=1.7, l_sh_f=0.6, r_sh_f=0.6)
ALL_FOURS = dict(NEUTRAL, pitch=1.2, lean=0.2, l_hip_f=1.3, r_hip_f=1.3, l_knee=1.5, r_knee=1.5,
                 l_sh_f=1.5, r_sh_f=1.5)


def keyed(keys):
    """pose_at(t) for [(seconds, pose), ...]: the renderer's smooth keyframe interpolation, in seconds."""
    return lambda t: keyframes_at(keys, t)


def gait(rng, cycle, amp=1.0, knee=0.5, lean=0.06, travel=0.8, arms=0.4, elbow=0.3):
    """Walking (or running with a short cycle and big amplitudes): travel in body heights per cycle."""
    ph0 = rng.uniform(0, 2 * math.pi)

    def at(t):
        ph = ph0 + 2 * math.pi * t / cycle
        s, c = math.sin(ph), math.cos(ph)
        return _pose(NEUTRAL, l_hip_f=0.45 * amp * s, r_hip_f=-0.45 * amp * s,
                     l_knee=knee * max(0.0, -c) + 0.1, r_knee=knee * max(0.0, c) + 0.1,
                     l_sh_f=-arms * s, r_sh_f=arms * s, l_el=elbow, r_el=elbow,
                     air=0.01 * amp * abs(c), lean=lean, fwd=travel * t / cycle)
    return at


def sway(base, rng, amount=0.04):
    """A person holding a posture still moves a little (weight shifts, breathing, small arm moves)."""
    f1, f2, p1, p2 = rng.uniform(0.2, 0.6), rng.uniform(0.3, 1.0), rng.uniform(0, 6.3), rng.uniform(0, 6.3)
    a = amount * rng.uniform(0.3, 1.0)

    def at(t):
        return _pose(base, lean=base["lean"] + a * math.sin(2 * math.pi * f1 * t + p1),
                     l_sh_f=base["l_sh_f"] + a * math.sin(2 * math.pi * f2 * t + p2),
                     r_sh_a=base["r_sh_a"] + a * math.sin(2 * math.pi * f1 * t + p2))
    return at


def standing(rng):
    return sway(NEUTRAL, rng)


def periodic(keys, rng, period):
    """keys over phase 0..1, repeated every `period` seconds from a random phase."""
    k = keyed([(p * period, pose) for p, pose in keys])
    t0 = rng.uniform(0, period)
    return lambda t: k((t + t0) % period)


def wave(rng):
    """Hand at head height (upper arm out and up, forearm up) or overhead, swinging side to side
    at 1.5-3 Hz; sometimes both arms. `hand_swing` is read by pose_keypoints to move the hands."""
    arm = "l_" if rng.random() < 0.5 else "r_"
    both = rng.random() < 0.2
    high = rng.random() < 0.4
    base = _pose(NEUTRAL, **{arm + "sh_a": 2.5 if high else 1.3, arm + "sh_f": 0.25})
    if both:
        other = "r_" if arm == "l_" else "l_"
        base = _pose(base, **{other + "sh_a": base[arm + "sh_a"], other + "sh_f": 0.25})
    freq, amp, ph = rng.uniform(1.5, 3.0), rng.uniform(0.35, 0.7), rng.uniform(0, 6.3)
    stand = sway(base, rng, 0.02)

    def at(t):
        p = stand(t)
        p["hand_swing"] = amp * math.sin(2 * math.pi * freq * t + ph)
        p["forearm_up"] = 0.0 if high else 1.0
        p["wave_arms"] = ("l_", "r_") if both else (arm,)
        return p
    return at


def transition(a, b, start, duration):
    return keyed([(start, a), (start + duration, b)])


def fall(rng, seconds):
    """A fall inside a window of `seconds`: from standing, walking or sitting, in one of four ways; the
    drop starts at least 0.2 s into the window and ends at least 0.3 s before its end."""
    kind = rng.choice(["forward", "backward", "side", "knees"])
    end = {"forward": LYING_FWD, "backward": LYING_BACK, "side": LYING_SIDE, "knees": LYING_FWD}[kind]
    end = _pose(end, roll=end["roll"] * (1 if rng.random() < 0.5 else -1) + rng.uniform(-0.3, 0.3))
    drop = rng.uniform(0.4, 1.0)
    start = rng.uniform(0.2, max(0.25, seconds - drop - 0.3))
    before = rng.choice(["stand", "walk", "sit"], p=[0.4, 0.45, 0.15])
    pre = gait(rng, rng.uniform(0.9, 1.4)) if before == "walk" else standing(rng) if before == "stand" \
        else sway(SIT, rng)
    stumble = _pose(NEUTRAL, lean=rng.uniform(0.1, 0.4), l_sh_a=0.7, r_sh_a=0.7, l_hip_f=0.3, l_knee=0.4)
    if before == "sit":
        stumble = _pose(SIT, lean=0.5, l_hip_f=1.1, r_hip_f=1.1)
    keys = [(0.0, stumble), (drop * 0.4, lerp_pose(stumble, end, 0.4)), (drop, end)]
    if kind == "knees":
        keys = [(0.0, stumble), (drop * 0.5, KNEEL), (drop * 0.75, ALL_FOURS), (drop, end if rng.random() < 0.5
                                                                                  else ALL_FOURS)]
    after = keyed([(k, p) for k, p in keys])
    lying = sway(keys[-1][1], rng, 0.05)
    lead = rng.uniform(0.1, 0.3)  # a brief stumble as the balance goes

    def at(t):
        if t < start - lead:
            return pre(t)
        if t < start:
            p = pre(start - lead)
            return lerp_pose(p, dict(stumble, fwd=p["fwd"]), _smooth((t - start + lead) / lead))
        fwd = pre(start - lead)["fwd"]
        p = after(t - start) if t - start < drop else lying(t)
        return dict(p, fwd=fwd)
    return at


def sit_down(rng, seconds):
    """Onto a chair or onto the floor (through a squat), placed fully inside a window of `seconds`."""
    floor = rng.random() < 0.4
    dur = min(rng.uniform(0.8, 1.6) if floor else rng.uniform(0.7, 1.8), seconds - 0.3)
    start = rng.uniform(0.1, max(0.15, seconds - dur - 0.1))
    seat = FLOOR_SIT if floor else SIT
    keys = [(start, NEUTRAL)]
    if floor:
        keys += [(start + dur * 0.5, lerp_pose(SQUAT, seat, 0.3))]
    keys += [(start + dur, seat)]
    return keyed(keys)


def get_up(rng, seconds):
    """From lying or all fours (after a fall, too) to standing, through kneeling: a stand_up."""
    d = min(rng.uniform(1.2, 3.0), seconds - 0.3)
    s = rng.uniform(0.1, max(0.15, seconds - d - 0.1))
    start = [LYING_FWD, LYING_SIDE, LYING_BACK, ALL_FOURS][rng.integers(4)]
    return keyed([(s, start), (s + d * 0.5, KNEEL), (s + d, NEUTRAL)])


def other(rng):
    """The background class: one of many non-actions (see the module docstring)."""
    kind = rng.choice(["stand", "seated", "lying", "bend", "squat", "jump", "clap", "reach", "exercise",
                       "run", "lie_down", "turn"])
    if kind == "stand":
        return standing(rng)
    if kind == "seated":
        return sway(SIT if rng.random() < 0.7 else FLOOR_SIT, rng, 0.06)
    if kind == "lying":
        return sway([LYING_FWD, LYING_SIDE, LYING_BACK][rng.integers(3)], rng, 0.08)
    if kind == "bend":
        low = BEND if rng.random() < 0.5 else _pose(SQUAT, lean=0.9)
        return periodic([(0, NEUTRAL), (0.4, low), (0.6, low), (1, NEUTRAL)], rng, rng.uniform(1.5, 3.5))
    if kind == "squat":
        return periodic([(0, NEUTRAL), (0.45, SQUAT), (0.55, SQUAT), (1, NEUTRAL)], rng, rng.uniform(1.2, 3.0))
    if kind == "jump":
        crouch = _pose(NEUTRAL, lean=0.35, l_hip_f=0.9, r_hip_f=0.9, l_knee=1.4, r_knee=1.4)
        fly = _pose(NEUTRAL, air=0.25, l_sh_f=2.5, r_sh_f=2.5)
        return periodic([(0, NEUTRAL), (0.3, crouch), (0.5, fly), (0.75, crouch), (1, NEUTRAL)], rng,
                        rng.uniform(0.8, 1.6))
    if kind == "clap":
        apart = _pose(NEUTRAL, l_sh_f=1.3, r_sh_f=1.3, l_sh_a=0.75, r_sh_a=0.75, l_el=0.3, r_el=0.3)
        shut = _pose(apart, l_sh_a=-0.05, r_sh_a=-0.05, l_el=0.6, r_el=0.6)
        return periodic([(0, apart), (0.5, shut), (1, apart)], rng, rng.uniform(0.3, 0.7))
    if kind == "reach":  # reach up to a shelf, to the mouth (drinking), or point
        arm = "l_" if rng.random() < 0.5 else "r_"
        up = _pose(NEUTRAL, **{arm + "sh_f": rng.uniform(1.2, 2.8), arm + "el": rng.uniform(0.0, 2.2)})
        return periodic([(0, NEUTRAL), (0.4, up), (0.7, up), (1, NEUTRAL)], rng, rng.uniform(1.5, 4.0))
    if kind == "exercise":  # slow arm raises overhead, lunges, side steps
        up = _pose(NEUTRAL, l_sh_a=2.7, r_sh_a=2.7)
        lunge = _pose(NEUTRAL, l_hip_f=0.9, l_knee=1.2, r_hip_f=-0.4, r_knee=0.3, lean=0.1)
        side = _pose(NEUTRAL, l_hip_a=0.4, r_hip_a=0.4, l_sh_a=1.5, r_sh_a=1.5)
        pick = [up, lunge, side][rng.integers(3)]
        return periodic([(0, NEUTRAL), (0.5, pick), (1, NEUTRAL)], rng, rng.uniform(1.0, 2.5))
    if kind == "run":
        return gait(rng, rng.uniform(0.55, 0.8), amp=1.6, knee=1.2, lean=0.2, travel=1.6, arms=0.8, elbow=1.4)
    if kind == "lie_down":  # deliberate: kneel or sit first, over 2-4 s
        mid = KNEEL if rng.random() < 0.5 else FLOOR_SIT
        s, d = rng.uniform(-0.5, 1.0), rng.uniform(2.0, 4.0)
        return keyed([(s, NEUTRAL), (s + d * 0.5, mid), (s + d, [LYING_BACK, LYING_SIDE][rng.integers(2)])])
    # turn on the spot: shuffling steps, small amplitude
    return gait(rng, rng.uniform(1.0, 1.6), amp=0.3, knee=0.2, travel=0.0, arms=0.1)
