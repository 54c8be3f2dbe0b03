"""Real clips as keypoint windows: the few-shot training set (real-actions `train` split) and a fast
offline evaluation of the head on every clip (the C# replay test is the proof; this is for iterating).

  /usr/bin/python3 -m edgestream_train.pose_real windows --clips ../../../shared/data/clips/real-actions \
      --split train --cache /tmp/kps --out real_train.npz
  /usr/bin/python3 -m edgestream_train.pose_real eval --clips ... --head runs/pose/head_lstm_attention.pt

Window labels from labels.tsv (times are +/-0.3 s): in a fall clip, a window whose span holds the fall
time at least 0.3 s after its start and 0.5 s before its end is `fall`; a window that starts 1.5 s
or more after the fall is `other` (lying, getting up); the rest of a fall clip is left out (its
label is unknown: standing, walking or the fall half seen). Clips labelled `other` give `other`
windows, `wave` clips `wave` windows that end 1.9 s or more into the clip, `walk`-only clips `walk` windows.
The test split is refused by `windows`: it is never trained or tuned on.
"""
import argparse
import csv
import json
import os

import numpy as np

from . import pose_keypoints as pk


def read_labels(folder):
    with open(os.path.join(folder, "labels.tsv")) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for r in rows:
        r["labels"] = r["labels"].split(",")
        r["fall_times_s"] = [float(v) for v in r["fall_times_s"].split(",") if v]
    return rows


def clip_keypoints(path, fps, cache):
    """(times [T], kps [T,17,3]) of a clip at `fps`, cached as npz by file name and rate."""
    os.makedirs(cache, exist_ok=True)
    out = os.path.join(cache, f"{os.path.basename(path)}.{fps:g}fps.npz")  # by name: one cache for any folder
    if not os.path.exists(out):
        from .pose_extract import keypoints_of_video
        times, kps, size = keypoints_of_video(path, fps)
        np.savez_compressed(out, times=times, kps=kps, size=np.array(size))
    z = np.load(out)
    return z["times"], z["kps"]


# Segments of train-split clips with more than one thing in them, read off real-actions/README.md
# (times from its frame-by-frame descriptions): (label, start s, end s). A window inside an `other` or
# `walk` segment takes its label; a window that holds 70% of a sit_down/stand_up segment takes that.
SEGMENTS = {
    "sit_stand_sofa_webcam.mp4": [("other", 0.0, 21.0), ("sit_down", 29.5, 31.5), ("other", 32.0, 48.5),
                                  ("stand_up", 49.0, 50.5), ("sit_down", 52.5, 54.0), ("other", 54.5, 60.0)],
    "walk_stand_webcam.mp4": [("other", 0.0, 16.5)],
}


def segment_label(segments, start, end):
    for lab, a, b in segments:
        still = lab in ("other", "walk")
        overlap = min(b, end) - max(a, start)
        if (still and a <= start and end <= b) or (not still and overlap >= 0.7 * (b - a)):
            return pk.LABELS.index(lab)
    return None


def window_label(row, start, end):
    """Label index of a window [start, end] s of a labelled clip, or None when unknown."""
    if row["file"] in SEGMENTS:
        return segment_label(SEGMENTS[row["file"]], start, end)
    falls = row["fall_times_s"]
    if falls:
        if any(start + 0.3 <= ft <= end - 0.5 for ft in falls):
            return pk.LABELS.index("fall")
        if all(start >= ft + 1.5 for ft in falls):
            return pk.LABELS.index("other")
        return None
    labels = row["labels"]
    if labels == ["other"]:
        return pk.LABELS.index("other")
    if labels == ["wave"] and end >= 1.9:
        return pk.LABELS.index("wave")
    if labels == ["walk"]:
        return pk.LABELS.index("walk")
    return None


def windows(kps, frames, stride):
    for s in range(0, len(kps) - frames + 1, stride):
        yield s, kps[s:s + frames].reshape(frames, -1)


def build_windows(folder, split, fps, frames, stride, cache):
    if split != "train":
        raise SystemExit("only the real-actions train split may be trained or tuned on (labels.tsv `split`)")
    xs, ys, names = [], [], []
    for row in read_labels(folder):
        if row["split"] != split:
            continue
        times, kps = clip_keypoints(os.path.join(folder, row["file"]), fps, cache)
        for s, w in windows(kps, frames, stride):
            lab = window_label(row, times[s], times[s + frames - 1])
            if lab is not None:
                xs.append(w)
                ys.append(lab)
                names.append(row["file"])
    return np.stack(xs).astype(np.float32), np.array(ys, np.int64), np.array(names)


def decide(probs, end_times, labels, threshold, enter, ignored=("other",)):
    """The C# ActionDecider's start rule on a clip: a label starts after `enter` consecutive windows with
    it on top at >= threshold; the start is dated to the first of them. Returns [(label, time)]."""
    events, run_label, run, active = [], None, [], None
    for p, t in zip(probs, end_times):
        top = int(p.argmax())
        lab = labels[top] if p[top] >= threshold else None
        if active is not None and (lab != active):
            active = None
        if lab is None or lab in ignored:
            run_label, run = None, []
            continue
        run = run + [t] if lab == run_label else [t]
        run_label = lab
        if active is None and len(run) >= enter:
            events.append((lab, run[0]))
            active = lab
    return events


def evaluate(folder, head, fps, frames, stride, threshold, enter, cache, rows=None):
    import torch
    rows = rows or read_labels(folder)
    out = []
    for row in rows:
        times, kps = clip_keypoints(os.path.join(folder, row["file"]), fps, cache)
        ws = list(windows(kps, frames, stride))
        if not ws:
            out.append(dict(file=row["file"], split=row.get("split", ""), expected=",".join(row.get("labels", [])),
                            events=[], windows=0, dominant="-", fall_hit=False, false_fall=False))
            continue
        x = torch.from_numpy(np.stack([w for _, w in ws]).astype(np.float32))
        with torch.no_grad():
            probs = torch.softmax(head(x)[0], 1).numpy()
        ends = [times[s + frames - 1] for s, _ in ws]
        ev = decide(probs, ends, pk.LABELS, threshold, enter)
        tops = np.bincount(probs.argmax(1), minlength=len(pk.LABELS))
        falls = [t for lab, t in ev if lab == "fall"]
        hit = any(-1.0 <= t - ft <= 3.0 for ft in row.get("fall_times_s", []) for t in falls)
        out.append(dict(file=row["file"], split=row.get("split", ""), expected=",".join(row.get("labels", [])),
                        events=[(lab, round(float(t), 2)) for lab, t in ev], windows=len(ws),
                        dominant=pk.LABELS[int(tops.argmax())], fall_hit=hit,
                        false_fall=bool(falls) and not row.get("fall_times_s")))
    return out


def summary(results):
    s = {}
    for split in sorted({r["split"] for r in results}):
        rs = [r for r in results if r["split"] == split]
        falls = [r for r in rs if "fall" in r["expected"].split(",")]
        s[split] = dict(falls_found=sum(r["fall_hit"] for r in falls), falls=len(falls),
                        false_fall_clips=[r["file"] for r in rs if r["false_fall"]])
    return s


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["windows", "eval"])
    ap.add_argument("--clips", required=True)
    ap.add_argument("--split", default="train")
    ap.add_argument("--fps", type=float, default=10.0)
    ap.add_argument("--frames", type=int, default=20)
    ap.add_argument("--stride", type=int, default=2)
    ap.add_argument("--cache", default="/tmp/edgestream-keypoints")
    ap.add_argument("--out")
    ap.add_argument("--head")
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--enter", type=int, default=2)
    a = ap.parse_args(argv)
    if a.command == "windows":
        x, y, names = build_windows(a.clips, a.split, a.fps, a.frames, a.stride, a.cache)
        np.savez_compressed(a.out, x=x, y=y, names=names)
        print(f"{len(y)} windows: " + ", ".join(f"{lab} {int((y == k).sum())}" for k, lab in enumerate(pk.LABELS)))
        return
    from .pose_train import load
    head, _ = load(a.head)
    res = evaluate(a.clips, head, a.fps, a.frames, a.stride, a.threshold, a.enter, a.cache)
    for r in res:
        print(f"{r['split']:5} {r['file']:38} {r.get('expected', ''):24} dom={r.get('dominant', '-'):8} "
              f"hit={int(r.get('fall_hit', 0))} FF={int(r.get('false_fall', 0))} {r['events']}")
    print(json.dumps(summary(res), indent=1))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
