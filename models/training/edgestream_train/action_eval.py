"""Test-split metrics (numpy only), confusion matrix and attention heat-map PNGs."""
import os

import numpy as np


def softmax(z):
    e = np.exp(z - z.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def confusion(y, pred, k):
    cm = np.zeros((k, k), dtype=np.int64)
    np.add.at(cm, (y, pred), 1)
    return cm


def macro_f1(cm):
    tp = np.diag(cm).astype(float)
    prec = tp / np.maximum(cm.sum(0), 1)
    rec = tp / np.maximum(cm.sum(1), 1)
    f1 = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-12), 0.0)
    return float(f1.mean())


def auc_binary(score, positive):
    """ROC AUC = P(score_pos > score_neg) + 0.5 P(tie) (Mann-Whitney, average ranks for ties)."""
    order = np.argsort(score, kind="mergesort")
    s = score[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):  # average rank over runs of equal scores
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(s))
    r[order] = ranks
    npos, nneg = positive.sum(), (~positive).sum()
    if npos == 0 or nneg == 0:
        return float("nan")
    return float((r[positive].sum() - npos * (npos + 1) / 2) / (npos * nneg))


def metrics(logits, y, labels):
    pred = logits.argmax(1)
    cm = confusion(y, pred, len(labels))
    prob = softmax(logits)
    aucs = [auc_binary(prob[:, k], y == k) for k in range(len(labels))]
    return {"accuracy": float((pred == y).mean()), "macroF1": macro_f1(cm),
            "aucOvrMacro": float(np.nanmean(aucs)), "aucPerClass": dict(zip(labels, aucs)),
            "confusion": cm.tolist(), "n": int(len(y))}


def plot_confusion(cm, labels, path, title):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    cm = np.asarray(cm)
    fig, ax = plt.subplots(figsize=(5.2, 4.6), dpi=80)
    ax.imshow(cm / np.maximum(cm.sum(1, keepdims=True), 1), cmap="Blues", vmin=0, vmax=1)
    for i in range(len(labels)):
        for j in range(len(labels)):
            if cm[i, j]:
                ax.text(j, i, str(cm[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if cm[i, j] > cm[i].sum() / 2 else "black")
    ax.set_xticks(range(len(labels)), labels, rotation=60, ha="right", fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title, fontsize=9)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def plot_attention(clip, att, mean_att, label, path):
    """One class: an example clip's 16 frames, its attention and the class-mean attention."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    t = len(att)
    fig, axes = plt.subplots(3, 1, figsize=(8, 1.9), dpi=80, gridspec_kw={"height_ratios": [2, 0.5, 0.5]})
    axes[0].imshow(np.concatenate(list(clip[:, ::2, ::2]), 1))
    axes[0].set_title(f"{label}: example test clip, its attention, and the class mean", fontsize=8)
    axes[1].imshow(att[None], cmap="magma", aspect="auto", vmin=0, vmax=max(att.max(), 1e-6))
    axes[2].imshow(mean_att[None], cmap="magma", aspect="auto", vmin=0, vmax=max(mean_att.max(), 1e-6))
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    axes[2].set_xticks(range(t), [str(i) for i in range(t)], fontsize=6)
    fig.tight_layout(pad=0.2)
    fig.savefig(path)
    plt.close(fig)


def write_plots(out_dir, test_x, test_y, logits, att, labels, title):
    os.makedirs(out_dir, exist_ok=True)
    m = metrics(logits, test_y, labels)
    plot_confusion(m["confusion"], labels, os.path.join(out_dir, "confusion.png"), title)
    pred = logits.argmax(1)
    for k, name in enumerate(labels):
        idx = np.flatnonzero((test_y == k) & (pred == k))
        idx = idx if len(idx) else np.flatnonzero(test_y == k)
        plot_attention(test_x[idx[0]], att[idx[0]], att[test_y == k].mean(0), name,
                       os.path.join(out_dir, f"attention_{name}.png"))
    return m
