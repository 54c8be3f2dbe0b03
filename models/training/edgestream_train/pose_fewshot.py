"""Your own actions: a keypoint head for labels of your choosing, trained in minutes on a CPU from ~20 short clips,
behind the base pose model's encoder (models/pose), as a model folder EdgeStream runs.

  dotnet run --project src/EdgeStream.Host -- keypoints CLIPS --out KEYPOINTS     # CLIPS/<label>/<clip>.mp4
  cd models/training && /usr/bin/python3 -m edgestream_train.pose_fewshot --keypoints KEYPOINTS --out MODEL_DIR

The keypoints come from EdgeStream itself (`edgestream keypoints`: the same decoder, resampler, letterbox and ONNX
encoder the runtime feeds the head), so no ONNX Runtime is needed here and the head learns from exactly what it will
see. Each clip is cut into the base manifest's windows (frames, stride) and every window takes the clip's label.
Windows nobody is seen well in are `other`: the head abstains on them by design (pose_head.abstain).

Background class: a head with only the user's labels would have to call everything one of them, a person walking
past as `wave` as readily as an empty room. `other` is therefore always a label (index 0, where pose_head.abstain
expects it), and synthetic `other` windows (pose_keypoints.make_windows: standing, sitting, lying, bending, squats,
jumps, claps, reaching, exercise, running, lying down, turning, nobody in view; random cameras, MoveNet's noise) are
mixed in, whether or not the user recorded `other` clips of their own: recorded ones show the user's own scene,
synthetic ones the variety no 20 clips cover. If one of your labels is among those motions (say `clap`), pass
`--synthetic-other 0` and record `other` clips yourself, or the synthetic windows teach the head that it is `other`.

Record clips that show only their label: every window of a clip is trained as the clip's label, so a `fall` clip
that is mostly walking teaches the head that walking is a fall (measured: models/pose/README.md, "Your own actions").

Training starts from the base head (its weights read from its ONNX file; the classifier rows of labels the base
also has are kept) and fine-tunes it briefly and gently (150 batches of 64, Adam at 5e-4): with 20 clips, what the base
learned from thousands of synthetic windows about bodies over time is worth more than a fresh start, and on the
real-actions train split twice or four times as many steps, or 1e-3, overfit the training clips and did worse on the held-out ones
(that choice was made on those held-out clips, so the accuracy reported on them is slightly optimistic). When a label has
two or more clips, its last clip (by name) is held out: the head is trained on the rest and its accuracy on them is
reported; then, unless --no-refit, the released head is trained again the same way on every clip. Everything
stops within --minutes (the keypoints of ~20 clips take about a minute, so the default keeps the whole recipe
inside 5 minutes on 2 cores).

Writes MODEL_DIR: the base model's encoder files (and NOTICE, and its encoder golden), the new head
(pose_release.export_head), manifest.json (the base's input, encoder variants and defaults; the new labels and head),
golden/golden.json (pose_release.golden on the base's golden frames, through each encoder variant's features as
EdgeStream computed them: keypoints' golden_features.json), and fewshot.json (what was trained on, the accuracies).
"""
import argparse
import json
import os
import re
import shutil
import time

import numpy as np
import torch
import torch.nn as nn

from . import pose_fewshot_data as fd
from . import pose_keypoints as pk
from .pose_head import KeypointHead, RAW
from .pose_release import HEAD_FILE, export_head, golden, sha256
from .pose_train import predict

BASE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "pose"))


def fit(model, real, synthetic, classes, steps, deadline, seed, log, lr):
    """Adam on fresh augmented copies of the real windows plus the synthetic `other` windows each pass, class-
    balanced loss, gradient-norm clip 1.0 (pose_train's recipe), cosine learning rate over `steps` batches of 64.
    A number of steps, not epochs: 20 clips make anything from 200 to 2000 windows, and the base head needs about
    the same nudge either way. Stops after `steps` or at `deadline`; returns the model and the steps done."""
    rng, gen = np.random.default_rng(seed), torch.Generator().manual_seed(seed)
    y_all = np.concatenate([real[1], synthetic[1]])
    counts = np.bincount(y_all, minlength=classes).astype(np.float64)
    weights = np.where(counts > 0, counts.sum() / np.maximum(counts, 1) / classes, 0.0)
    loss_fn = nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float32))
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, max(1, steps))
    done, passes = 0, 0
    while done < steps and time.time() < deadline:
        x = torch.from_numpy(np.concatenate([fd.augment(real[0], rng), synthetic[0]]))
        y = torch.from_numpy(y_all)
        model.train()
        perm, total, seen = torch.randperm(len(y), generator=gen), 0.0, 0
        for i in range(0, len(perm), 64):
            if done == steps or time.time() > deadline:
                break
            idx = perm[i:i + 64]
            opt.zero_grad()
            loss = loss_fn(model(x[idx])[0], y[idx])
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            opt.step()
            sched.step()
            done, total, seen = done + 1, total + loss.item() * len(idx), seen + len(idx)
        passes += 1
        log(f"  pass {passes}: {done}/{steps} steps, loss {total / max(seen, 1):.4f}")
    if done < steps:
        log(f"  time budget reached after {done} of {steps} steps")
    return model.eval(), done


def new_head(labels, base, warm, seed=0):
    torch.manual_seed(seed)  # the classifier rows of new labels start from a reproducible draw
    model = KeypointHead(len(labels))
    if not warm:
        return model, []
    state, kept = fd.base_head_state(os.path.join(base["dir"], base["variants"][0]["head"]["file"]), base["labels"],
                                     labels, model)
    model.load_state_dict(state)
    return model, kept


def accuracy(labels, y, pred, clip):
    """Window accuracy overall and per label, and clip accuracy by majority vote of the clip's windows."""
    per = {labels[k]: round(float((pred[y == k] == k).mean()), 4) for k in np.unique(y)}
    votes = [np.bincount(pred[clip == c], minlength=len(labels)).argmax() == np.bincount(y[clip == c]).argmax()
             for c in np.unique(clip)]
    return {"windows": int(len(y)), "window_accuracy": round(float((pred == y).mean()), 4), "per_label": per,
            "clips": len(votes), "clips_right": int(sum(votes))}


def base_accuracy(base, x, y, labels):
    """The untouched base head on the same windows, when it knows every label (a baseline for the new head)."""
    if not set(labels) <= set(base["labels"]):
        return None
    model, _ = new_head(base["labels"], base, True)
    to_new = np.array([labels.index(lab) if lab in labels else -1 for lab in base["labels"]])
    return round(float((to_new[predict(model, x).argmax(1)] == y).mean()), 4)


class GoldenEncoder:
    """pose_release.golden's encoder for one variant: the features EdgeStream's encoder made of each golden case's
    frames (golden_features.json), looked up by the frames."""

    def __init__(self, table, variant):
        self.table, self.variant = table, variant

    def __call__(self, x):
        key = x.round().to(torch.uint8).permute(0, 2, 3, 1).contiguous().numpy().tobytes()
        return torch.from_numpy(np.asarray(self.table[key][self.variant], np.float32))


def write_golden(out, keypoints_dir, index, base, head):
    if not index.get("goldenFeatures"):
        return None
    with open(os.path.join(keypoints_dir, index["goldenFeatures"])) as f:
        gf = json.load(f)
    with open(os.path.join(base["dir"], base["golden"])) as f:
        base_golden = json.load(f)
    frames_of = {}
    for c in base_golden["cases"]:
        shape = c["input"]["shape"]
        path = os.path.join(base["dir"], os.path.dirname(base["golden"]), c["input"]["file"])
        frames_of[c["name"]] = np.fromfile(path, np.uint8).reshape(shape)
    table, cases = {}, []
    for c in gf["cases"]:
        if c["name"] not in frames_of:
            raise fd.KeypointsError(f"golden_features.json case {c['name']} is not in {base['name']}'s golden file")
        frames = frames_of[c["name"]]
        table[frames.tobytes()] = c["features"]
        cases.append((c["name"], frames))
    variants = sorted({v for c in gf["cases"] for v in c["features"]})
    return golden(out, cases, {v: GoldenEncoder(table, v) for v in variants if v in ("fp32", "fp16")}, head)


def copy_base_files(base, out):
    for name in sorted({v["encoder"]["file"] for v in base["variants"] if v.get("encoder")} | {"NOTICE"}):
        if os.path.exists(os.path.join(base["dir"], name)):
            shutil.copy2(os.path.join(base["dir"], name), os.path.join(out, name))
    enc_golden = os.path.join(base["dir"], "golden", "encoder_golden.json")
    if os.path.exists(enc_golden):
        with open(enc_golden) as f:
            files = [c["input"]["file"] for c in json.load(f)["cases"]]
        for name in ["encoder_golden.json"] + files:
            shutil.copy2(os.path.join(base["dir"], "golden", name), os.path.join(out, "golden", name))


def write_manifest(out, base, name, version, labels, report, has_golden):
    head = {"file": HEAD_FILE, "sha256": sha256(os.path.join(out, HEAD_FILE))}
    acc = report.get("heldout") or {}
    manifest = {k: base[k] for k in ("formatVersion", "task", "input", "tensors", "featureSize", "defaults")}
    manifest.update(name=name, version=version, labels=labels,
                    description=f"Your own actions ({', '.join(labels)}): a keypoint head trained by edgestream_train "
                                f"pose_fewshot on {report['clips']} clips behind {base['name']} {base['version']}'s "
                                f"encoder (see NOTICE); held-out window accuracy "
                                f"{acc.get('window_accuracy', 'n/a')} on {acc.get('clips', 0)} clip(s).",
                    variants=[dict(v, head=head) for v in base["variants"]])
    if has_golden:
        manifest["golden"] = "golden/golden.json"
    order = ["formatVersion", "name", "version", "task", "description", "labels", "input", "tensors", "featureSize",
             "variants", "defaults", "golden"]
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({k: manifest[k] for k in order if k in manifest}, f, indent=2)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keypoints", required=True, help="the --out folder of `edgestream keypoints`")
    ap.add_argument("--out", required=True, help="the model folder to write")
    ap.add_argument("--base", default=BASE, help="the pose model whose encoder the keypoints came from (default models/pose)")
    ap.add_argument("--minutes", type=float, default=3.0, help="time budget of this step (default 3)")
    ap.add_argument("--steps", type=int, default=150, help="training batches of 64 (default 150: more overfits 20 clips)")
    ap.add_argument("--synthetic-other", type=int, default=-1, help="synthetic other windows (default: half as many as real ones, 200-600)")
    ap.add_argument("--name", help="model name in the manifest and events (default: the --out folder's name)")
    ap.add_argument("--version", default="1.0.0")
    ap.add_argument("--cold", action="store_true", help="start from random weights, not the base head")
    ap.add_argument("--no-refit", action="store_true", help="release the head trained without the held-out clips")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (default 1: on a busy 2-core box 2 threads ran 3x slower)")
    a = ap.parse_args(argv)
    t0 = time.time()
    deadline = t0 + a.minutes * 60 - 10  # export and golden take a few seconds
    torch.set_num_threads(a.threads)
    times, log = {}, print
    with open(os.path.join(a.base, "manifest.json")) as f:
        base = dict(json.load(f), dir=os.path.abspath(a.base))
    index = fd.read_index(a.keypoints)
    fd.check_base(index, base)
    out = os.path.abspath(a.out)
    if out == base["dir"]:
        raise fd.KeypointsError("--out is the base model's folder; write the new model somewhere else")
    frames, stride, fps = base["input"]["frames"], base["defaults"]["stride"], float(base["input"]["fps"])
    labels, added = fd.user_labels(index)
    train_e, held_e = fd.split_clips(index)
    tr = fd.clip_set(a.keypoints, train_e, labels, frames, stride, fps)
    va = fd.clip_set(a.keypoints, held_e, labels, frames, stride, fps)
    for e in tr[3] + va[3]:
        log(f"note: {e['source']} is shorter than one window ({frames} frames = {frames / fps:.1f} s): not used")
    tr_y, va_y = fd.relabel_unseen(tr[1], tr[0]), fd.relabel_unseen(va[1], va[0])
    missing = [lab for k, lab in enumerate(labels) if k > 0 and not (tr_y == k).any()]
    if missing:
        raise fd.KeypointsError(f"no usable training window for {', '.join(missing)}: its clips are shorter than "
                                f"{frames / fps:.1f} s or nobody is seen well in them; record longer or clearer clips")
    times["read"] = time.time() - t0
    n_syn = a.synthetic_other if a.synthetic_other >= 0 else int(np.clip(len(tr_y) // 2, 200, 600))
    syn = pk.make_windows(n_syn, 7000 + a.seed, frames, fps, labels=["other"]) if n_syn else \
        (np.zeros((0, frames, RAW), np.float32), np.zeros(0, np.int64))
    times["synthetic"] = time.time() - t0 - times["read"]
    log(f"pose_fewshot: labels {', '.join(labels)}{' (other added)' if added else ''}; {len(train_e)} training clips, "
        f"{len(tr_y)} windows ({int((tr_y != tr[1]).sum())} nobody seen well in: other) + {n_syn} synthetic other; "
        f"{len(held_e)} held-out clips, {len(va_y)} windows")
    report = {"labels": labels, "other_added": added, "clips": len(index["clips"]), "train_clips": len(train_e),
              "train_windows": int(len(tr_y)), "synthetic_other": n_syn, "warm_start": not a.cold,
              "heldout_clips": [e["source"] for e in held_e], "base": f"{base['name']} {base['version']}"}
    lr = 2e-3 if a.cold else 5e-4
    model, kept = new_head(labels, base, not a.cold, a.seed)
    if kept:
        log(f"warm start from {base['name']}'s head; classifier rows kept for {', '.join(kept)}")
    steps = a.steps
    if len(va_y):
        t1 = time.time()
        model, steps = fit(model, (tr[0], tr_y), syn, len(labels), a.steps, t1 + (deadline - t1) * 0.45, a.seed, log, lr)
        pred = predict(model, va[0]).argmax(1)
        report["heldout"] = accuracy(labels, va_y, pred, va[2])
        report["heldout"]["base_window_accuracy"] = base_accuracy(base, va[0], va_y, labels)
        times["validation_fit"] = time.time() - t1
        h = report["heldout"]
        log(f"held-out accuracy: windows {h['window_accuracy']:.3f} ({h['windows']}), clips {h['clips_right']}/{h['clips']}; "
            f"per label {h['per_label']}; base model on the same windows: {h['base_window_accuracy']}")
        if h["base_window_accuracy"] is not None and h["base_window_accuracy"] > h["window_accuracy"]:
            log("note: the base model does better on the held-out clips; check that every clip shows only its label "
                "(a fall clip that is mostly walking teaches the head that walking is a fall)")
    else:
        log("no label has two clips: nothing held out, no accuracy to report")
    if not len(va_y) or not a.no_refit:
        t1 = time.time()
        everything = (np.concatenate([tr[0], va[0]]), np.concatenate([tr_y, va_y]))
        model, done = fit(new_head(labels, base, not a.cold, a.seed)[0], everything, syn, len(labels), steps, deadline,
                          a.seed + 1, log, lr)
        report["released_steps"] = done
        times["final_fit"] = time.time() - t1
    t1 = time.time()
    os.makedirs(os.path.join(out, "golden"), exist_ok=True)
    copy_base_files(base, out)
    export_head(model, os.path.join(out, HEAD_FILE), frames)
    has_golden = write_golden(out, a.keypoints, index, base, model) is not None
    name = a.name or re.sub(r"[^A-Za-z0-9_.-]", "-", os.path.basename(out)) or "my-actions"
    write_manifest(out, base, name, a.version, labels, report, has_golden)
    times["export"] = time.time() - t1
    report["seconds"] = {k: round(v, 1) for k, v in times.items()} | {"total": round(time.time() - t0, 1)}
    with open(os.path.join(out, "fewshot.json"), "w") as f:
        json.dump(report, f, indent=2)
    log(f"wrote {out}: manifest.json ({name}), {HEAD_FILE}, golden/golden.json{'' if has_golden else ' (none: no golden features)'}, "
        f"the base encoders; fewshot.json")
    log(f"time: {report['seconds']['total']:.1f} s ({', '.join(f'{k} {v:.1f}' for k, v in times.items())})")
    log(f"run it: edgestream replay CLIP --set Models:{name}:Path={out} --set Models:{name}:IgnoredLabels:0=other "
        f"--action-model {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
