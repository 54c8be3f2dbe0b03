"""How a real pose network's keypoints differ from the true joints, as a model to train through.

The parameters are ranges drawn per window, so a window is clean or noisy as a whole, as footage is.
Their values come from MoveNet lightning run over real clips (`pose_noise_measure`, the
real-actions train split and clips outside real-actions; numbers in models/pose/README.md):
- jitter: frame-to-frame scatter of a keypoint of a still person, relative to the person's size;
  wrists and ankles scatter more than the torso;
- score: a seen joint's confidence, lower for small people and for face points turned away;
- dropout: a joint the network loses in one frame (low score, position anywhere near the body);
- occlusion: a block of frames where some joints are hidden (furniture, another person, the frame edge);
- empty: frames with nobody in view still get 17 keypoints, with low scores.
"""
import numpy as np

# Joint jitter multipliers in COCO order (face, shoulders, elbows, wrists, hips, knees, ankles).
JOINT_JITTER = np.array([0.7, 0.7, 0.7, 0.8, 0.8, 0.8, 0.8, 1.2, 1.2, 1.6, 1.6, 1.0, 1.0, 1.2, 1.2, 1.5, 1.5])
FACE = slice(0, 5)


class NoiseModel:
    def __init__(self, jitter=(0.004, 0.03), score_mean=(0.15, 0.6), score_sd=0.12, dropout=(0.0, 0.12),
                 occlusion=0.3, lost_score=(0.01, 0.25), small_person=0.15):
        self.jitter, self.score_mean, self.score_sd = jitter, score_mean, score_sd
        self.dropout, self.occlusion, self.lost_score, self.small_person = dropout, occlusion, lost_score, small_person

    def apply(self, rng, yx, inside, facing, scale):
        """yx [T,17,2] true positions (letterbox units), inside [T,17] in-frame mask, facing [T] (> 0: the
        face is towards the camera), scale: body height in letterbox units. Returns [T,17,3] (y, x, score)."""
        t, j = inside.shape
        sigma = rng.uniform(*self.jitter) * scale * JOINT_JITTER
        out = yx + rng.normal(0, 1, (t, j, 2)) * sigma[None, :, None]
        mean = rng.uniform(*self.score_mean)
        if scale < self.small_person:
            mean *= rng.uniform(0.5, 1.0)
        score = mean + rng.normal(0, self.score_sd, (t, j)) + rng.normal(0, 0.08, j)[None]
        score[:, FACE] -= np.where(facing < 0, rng.uniform(0.1, 0.3), 0.0)[:, None]
        lost = rng.random((t, j)) < rng.uniform(*self.dropout)
        if rng.random() < self.occlusion:
            lost |= self._occluded(rng, t, j)
        lost |= ~inside
        n = int(lost.sum())
        if n:
            out[lost] += rng.normal(0, 0.15 * scale, (n, 2))
            score[lost] = rng.uniform(*self.lost_score, n)
        out = np.clip(out, 0.0, 1.0)
        return np.concatenate([out, np.clip(score, 0.01, 0.95)[..., None]], -1)

    @staticmethod
    def _occluded(rng, t, j):
        """A block of frames where a group of joints is hidden."""
        mask = np.zeros((t, j), bool)
        a = rng.integers(0, t)
        b = min(t, a + rng.integers(2, t + 1))
        group = rng.choice(["lower", "left", "right", "random"])
        if group == "lower":
            idx = np.arange(11, 17) if rng.random() < 0.5 else np.arange(13, 17)
        elif group in ("left", "right"):
            idx = np.arange(1 if group == "left" else 2, 17, 2)
        else:
            idx = rng.choice(j, rng.integers(3, 9), replace=False)
        mask[a:b, idx] = True
        return mask

    def empty(self, rng, frames):
        """Nobody in view: keypoints clustered somewhere (a network still answers), scores low."""
        centre = rng.uniform(0.2, 0.8, 2)
        spread = rng.uniform(0.02, 0.3)
        base = centre + rng.normal(0, spread, (17, 2))
        yx = base[None] + rng.normal(0, spread * 0.3, (frames, 17, 2))
        # Measured on empty frames of the train split's webcams: mean score 0.14-0.16, a frame's best
        # joint 0.25-0.42, 3-5 of 17 joints at 0.2 or more.
        score = np.clip(rng.normal(rng.uniform(0.08, 0.2), 0.07, (frames, 17)), 0.01, 0.45)
        return np.concatenate([np.clip(yx, 0, 1), score[..., None]], -1)

    def enter_or_leave(self, rng, window):
        """The person walks into or out of view within the window: the frames without them are empty."""
        t = len(window)
        cut = rng.integers(1, t - 1)
        empty = self.empty(rng, t)
        out = window.copy()
        if rng.random() < 0.5:
            out[:cut] = empty[:cut]
        else:
            out[cut:] = empty[cut:]
        return out
