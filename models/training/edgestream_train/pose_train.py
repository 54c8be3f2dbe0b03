"""Train the keypoint head on synthetic keypoint windows (pose_keypoints), optionally mixed with
keypoint windows taken from real labelled clips (pose_real: the few-shot set).

  /usr/bin/python3 -m edgestream_train.pose_train --out runs/pose --per-class 3000 --epochs 12

Same recipe as the pixel model (action_train): Adam, ReduceLROnPlateau(patience 1) on validation
loss, gradient-norm clip 1.0, best validation epoch kept. Validation and test windows come from
other seeds than training; the real-actions test split is never used here.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn

from . import pose_keypoints as pk
from .pose_head import MIN_VISIBLE, KeypointHead, visible_share


def relabel_unseen(xy):
    """Windows the head abstains on (pose_head.abstain) are `other` (label 0) by definition: train them so,
    or the loss asks the network to beat a fixed penalty it cannot see past."""
    x, y = xy
    hidden = visible_share(torch.from_numpy(x)).numpy() < MIN_VISIBLE
    return x, np.where(hidden, 0, y)


def predict(model, x, batch=512):
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            out.append(model(torch.from_numpy(x[i:i + batch]))[0].numpy())
    return np.concatenate(out)


def train(train_xy, val_xy, labels, arch="lstm_attention", epochs=12, batch=64, lr=2e-3, seed=0, log=print,
          weights=None):
    torch.manual_seed(seed)
    model = KeypointHead(len(labels), arch)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, "min", factor=0.5, patience=1)
    loss_fn = nn.CrossEntropyLoss(weight=None if weights is None else torch.tensor(weights, dtype=torch.float32))
    x_all, y_all = torch.from_numpy(train_xy[0]), torch.from_numpy(train_xy[1])
    gen = torch.Generator().manual_seed(seed)
    best, best_state, history, t0 = -1.0, None, [], time.time()
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(y_all), generator=gen)
        tl, n = 0.0, 0
        for i in range(0, len(perm), batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = loss_fn(model(x_all[idx])[0], y_all[idx])
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            opt.step()
            tl, n = tl + loss.item() * len(idx), n + len(idx)
        logits = predict(model, val_xy[0])
        vloss = float(nn.functional.cross_entropy(torch.from_numpy(logits), torch.from_numpy(val_xy[1])))
        vacc = float((logits.argmax(1) == val_xy[1]).mean())
        sched.step(vloss)
        history.append(dict(epoch=epoch + 1, train_loss=tl / n, val_loss=vloss, val_acc=vacc,
                            seconds=round(time.time() - t0, 1)))
        log(f"[{arch}] epoch {epoch + 1}/{epochs} train_loss {tl / n:.4f} val_loss {vloss:.4f} val_acc {vacc:.4f} "
            f"{time.time() - t0:.0f}s")
        if vacc > best:
            best, best_state = vacc, {k: v.detach().clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    model.eval()
    return model, dict(arch=arch, labels=labels, history=history, best_val_acc=best,
                       train_seconds=round(time.time() - t0, 1), train_windows=int(len(y_all)))


def save(path, model, info):
    torch.save(dict(state_dict=model.state_dict(), **info), path)


def load(path):
    ck = torch.load(path, map_location="cpu")
    model = KeypointHead(len(ck["labels"]), ck["arch"])
    model.load_state_dict(ck["state_dict"])
    return model.eval(), ck


def synthetic_sets(per_class, frames, fps, seed=1):
    t0 = time.time()
    tr = pk.make_windows(per_class, seed * 1000 + 1, frames, fps)
    va = pk.make_windows(max(50, per_class // 8), seed * 1000 + 2, frames, fps)
    te = pk.make_windows(max(50, per_class // 8), seed * 1000 + 3, frames, fps)
    print(f"synthetic windows: {len(tr[1])} train, {len(va[1])} val, {len(te[1])} test in {time.time() - t0:.0f}s")
    return tr, va, te


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-class", type=int, default=3000)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--frames", type=int, default=20)
    ap.add_argument("--fps", type=float, default=10.0)
    ap.add_argument("--archs", default="lstm_attention", help="comma list of " + ",".join(["lstm_attention", "lstm", "mean"]))
    ap.add_argument("--real", help="npz of real keypoint windows (pose_real) mixed into training")
    ap.add_argument("--real-repeat", type=int, default=20, help="times each real window is repeated")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)
    tr, va, te = (relabel_unseen(s) for s in synthetic_sets(a.per_class, a.frames, a.fps))
    print(f"windows nobody is seen well in (trained as other): {float((visible_share(torch.from_numpy(tr[0])) < MIN_VISIBLE).float().mean()):.1%}")
    if a.real:
        r = np.load(a.real)
        rx, ry = np.repeat(r["x"], a.real_repeat, 0), np.repeat(r["y"], a.real_repeat, 0)
        tr = relabel_unseen((np.concatenate([tr[0], rx]), np.concatenate([tr[1], ry])))
        print(f"real windows mixed in: {len(r['y'])} x {a.real_repeat}")
    results = {}
    for arch in a.archs.split(","):
        model, info = train(tr, va, pk.LABELS, arch, a.epochs)
        acc = float((predict(model, te[0]).argmax(1) == te[1]).mean())
        info.update(test_acc=acc, frames=a.frames, fps=a.fps, per_class=a.per_class, real=a.real)
        save(os.path.join(a.out, f"head_{arch}.pt"), model, info)
        results[arch] = dict(test_acc=acc, val_acc=info["best_val_acc"], seconds=info["train_seconds"],
                             params=sum(p.numel() for p in model.parameters()))
        print(f"[{arch}] synthetic test accuracy {acc:.4f}")
    with open(os.path.join(a.out, "metrics.json"), "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
