"""Action-model commands. Defaults reproduce the committed model; see models/README.md."""
import argparse
import json
import os
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
TRAINING = os.path.dirname(HERE)
REPO_MODELS = os.path.dirname(TRAINING)
DEFAULT_WORK = os.path.join(TRAINING, "work")


def _common(p):
    p.add_argument("--work", default=DEFAULT_WORK, help="scratch folder (data cache, checkpoints)")
    p.add_argument("--threads", type=int, default=2, help="torch threads (2: the CI/edge box has 2 cores)")


def _data(args, split, per_class, views="oblique"):
    from .action_data import load_or_generate
    return load_or_generate(os.path.join(args.work, "data"), split, per_class, workers=args.threads, views=views)


def _ckpt(args, arch):
    return os.path.join(args.work, "checkpoints", f"{arch}.pt")


def cmd_data(args):
    for split, n in (("train", args.train_per_class), ("val", args.val_per_class), ("test", args.test_per_class)):
        t = time.time()
        x, y = _data(args, split, n)
        print(f"{split}: {x.shape} in {time.time() - t:.0f}s")


def cmd_train(args):
    from .action_render import LABELS
    from .action_train import save, train
    if args.video_dir:  # a real dataset in the UCF101 layout; validation = every 5th window
        from .action_data import VideoFolderDataset
        ds = VideoFolderDataset(args.video_dir, stride=args.video_stride)
        labels, idx = ds.labels, torch.arange(len(ds))
        val = idx % 5 == 0
        tr_xy, va_xy = (ds.clips[~val.numpy()], ds.targets[~val.numpy()]), (ds.clips[val.numpy()], ds.targets[val.numpy()])
    else:
        labels = LABELS
        tr_xy, va_xy = _data(args, "train", args.train_per_class), _data(args, "val", args.val_per_class)
    for arch in args.arch:
        model, info = train(arch, tr_xy, va_xy, labels, epochs=args.epochs, batch=args.batch, lr=args.lr,
                            seed=args.seed, max_minutes=args.max_minutes, device=args.device,
                            arch_kwargs=dict(skip=args.skip, temperature=args.temperature)
                            if arch == "cnn_lstm_attention" else {})
        os.makedirs(os.path.dirname(_ckpt(args, arch)), exist_ok=True)
        save(_ckpt(args, arch), model, info)
        print(f"[{arch}] saved {_ckpt(args, arch)}; trained in {info['train_seconds']:.0f}s, "
              f"best val acc {info['best_val_acc']:.4f}")


def _load(args, arch):
    from .action_train import load
    return load(_ckpt(args, arch))


def cmd_eval(args):
    """Metrics of each architecture on the test split; plots for the first one (the default)."""
    from .action_eval import metrics, write_plots
    from .action_train import predict
    test_x, test_y = _data(args, "test", args.test_per_class, views=args.views)
    rows = {}
    for i, arch in enumerate(args.arch):
        if not os.path.exists(_ckpt(args, arch)):
            print(f"[{arch}] no checkpoint at {_ckpt(args, arch)}: skipped")
            continue
        model, ck = _load(args, arch)
        logits, att = predict(model.to(args.device), test_x)
        model.cpu()
        labels = ck["labels"]
        if i == 0 and args.plots:
            m = write_plots(args.plots, test_x, test_y, logits, att, labels, f"{arch} (test split)")
        else:
            m = metrics(logits, test_y, labels)
        m.update(params=sum(p.numel() for p in model.parameters()), trainSeconds=ck["train_seconds"],
                 epochs=ck["epochs"], bestValAcc=ck["best_val_acc"], trainClips=ck["train_clips"])
        rows[arch] = m
        print(f"[{arch}] test acc {m['accuracy']:.4f} macro-F1 {m['macroF1']:.4f} AUC {m['aucOvrMacro']:.4f} "
              f"params {m['params']} trained {m['trainSeconds']:.0f}s/{m['epochs']} epochs")
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    print("| model | test accuracy | macro-F1 | AUC (one-vs-rest, macro) | parameters | train time (2 threads) |")
    print("|---|---|---|---|---|---|")
    for arch, m in rows.items():
        print(f"| {arch} | {m['accuracy']:.4f} | {m['macroF1']:.4f} | {m['aucOvrMacro']:.4f} | {m['params']:,} | "
              f"{m['trainSeconds'] / 60:.1f} min, {m['epochs']} epochs |")


def cmd_export(args):
    """All variants x layouts, manifest, golden vectors, precision numbers, optional test set."""
    from . import action_release as rel
    from .action_eval import metrics
    model, ck = _load(args, "cnn_lstm_attention")
    labels = ck["labels"]
    os.makedirs(args.out, exist_ok=True)
    calib_x, _ = _data(args, "train", args.train_per_class)
    rng = __import__("numpy").random.default_rng(0)
    calib = calib_x[rng.permutation(len(calib_x))[:args.calib_clips]]
    variants = rel.torch_variants(model, calib)
    entries, report = rel.export_all(variants, args.out)
    man = rel.manifest(labels, entries)
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(man, f, indent=2)
    test_x, test_y = _data(args, "test", args.test_per_class)
    outputs = {v: rel.run(variants[v], test_x) for v in variants}
    picks = rel.pick_golden(test_x, test_y, labels, outputs)
    names = [f"{labels[test_y[i]]}_{j}" for j, i in enumerate(picks)]
    expected = {v: (o[0][picks], o[1][picks]) for v, o in outputs.items()}
    rel.write_cases(os.path.join(args.out, "golden"), "golden.json", test_x[picks], test_y[picks], labels, names,
                    expected, rel.TOLERANCE)
    sizes = lambda v: {lay: (f"action.{v}.onnx" if lay == "fused" else f"action.{lay}.{v}.onnx")
                       for lay in ("fused", "encoder", "head")}
    table = rel.precision_table(outputs, test_y, report, sizes)
    for row in table:
        row["testMacroF1"] = metrics(outputs[row["variant"]][0], test_y, labels)["macroF1"]
    if args.report:
        with open(args.report, "w") as f:
            json.dump({"precision": table, "onnx": report}, f, indent=1)
    print("| variant | fused / encoder / head bytes | test acc (PyTorch) | top-1 agreement with fp32 (PyTorch) "
          "| max abs logit diff (PyTorch) | top-1 agreement with fp32 (ONNX Runtime, C#) | max abs logit diff (ONNX Runtime, C#) |")
    print("|---|---|---|---|---|---|---|")
    for r in table:
        b = r["bytes"]
        print(f"| {r['variant']} | {b['fused']:,} / {b['encoder']:,} / {b['head']:,} | {r['testAccuracy']:.4f} | "
              f"{r['top1AgreementWithFp32']:.4f} | {r['maxAbsLogitDiff']:.4f} | _C# to fill_ | _C# to fill_ |")
    if args.testset:
        t_names = [f"test_{i:04d}_{labels[y]}" for i, y in enumerate(test_y)]
        rel.write_cases(args.testset, "testset.json", test_x, test_y, labels, t_names)
        print(f"test split in golden format: {args.testset}/testset.json ({len(test_y)} cases)")


def cmd_clips(args):
    from .action_clips import verify_clip, write_clips
    from .action_train import predict
    paths = write_clips(args.out)
    model, ck = _load(args, "cnn_lstm_attention")
    ok_all = True
    for p in paths:
        side = json.load(open(os.path.splitext(p)[0] + ".json"))
        per_window, events = verify_clip(lambda w: predict(model, w)[0], p, ck["labels"])
        ok = events == side["expectedSequence"]
        ok_all &= ok
        print(f"{os.path.basename(p)} ({os.path.getsize(p)} B): expected {side['expectedSequence']}, "
              f"events {events} {'OK' if ok else 'MISMATCH'}\n  windows: {' '.join(per_window)}")
    return 0 if ok_all else 1


def cmd_quick(args):
    """CI smoke test: tiny data, 1 epoch, every export variant through onnx.checker, in a few minutes."""
    t0 = time.time()
    work = os.path.join(args.out, "work")
    common = ["--work", work, "--threads", str(args.threads)]
    sizes = ["--train-per-class", "6"]
    main(["data", *common, *sizes, "--val-per-class", "2", "--test-per-class", "2"])
    main(["train", *common, *sizes, "--val-per-class", "2", "--epochs", "1"])
    main(["eval", *common, "--test-per-class", "2", "--plots", os.path.join(args.out, "eval")])
    main(["export", *common, *sizes, "--test-per-class", "2", "--calib-clips", "32",
          "--out", os.path.join(args.out, "action"), "--report", os.path.join(args.out, "report.json"),
          "--testset", os.path.join(args.out, "testset")])
    main(["clips", *common, "--out", os.path.join(args.out, "clips")])  # a 1-epoch model may mislabel: not checked
    from . import action_export as ax
    man = json.load(open(os.path.join(args.out, "action", "manifest.json")))
    for v in man["variants"]:
        for layout in ("fused", "encoder", "head"):
            ax.assert_dynamic_batch(ax.inspect(os.path.join(args.out, "action", v[layout]["file"])))
    print(f"quick: OK, {len(man['variants']) * 3} ONNX files pass onnx.checker, {time.time() - t0:.0f}s")


def main(argv):
    ap = argparse.ArgumentParser(prog="python -m edgestream_train action")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("data", help="render the synthetic train/val/test splits (cached in WORK/data)")
    _common(p)
    for name, n in (("train", 300), ("val", 60), ("test", 100)):
        p.add_argument(f"--{name}-per-class", type=int, default=n)
    p.set_defaults(fn=cmd_data)

    p = sub.add_parser("train", help="train one or more architectures")
    _common(p)
    p.add_argument("--arch", nargs="+", default=["cnn_lstm_attention"])
    p.add_argument("--epochs", type=int, default=16)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--max-minutes", type=float, default=None, help="stop after the epoch that crosses this")
    p.add_argument("--train-per-class", type=int, default=300)
    p.add_argument("--val-per-class", type=int, default=60)
    p.add_argument("--video-dir", help="train on root/<class>/<videos> instead of synthetic clips")
    p.add_argument("--video-stride", type=int, default=8)
    p.add_argument("--device", default="cpu", help="torch device (cpu; cuda where there is a GPU)")
    p.add_argument("--skip", action=argparse.BooleanOptionalAction, default=True,
                   help="attention head: classifier also sees the last LSTM state (default; --no-skip = the seed's "
                        "pure attention head, which sat at chance level for 2-4 epochs)")
    p.add_argument("--temperature", type=float, default=0.5, help="attention softmax temperature")
    p.set_defaults(fn=cmd_train)

    p = sub.add_parser("eval", help="test-split metrics (+ confusion and attention PNGs for the first arch)")
    _common(p)
    p.add_argument("--arch", nargs="+", default=["cnn_lstm_attention"])
    p.add_argument("--test-per-class", type=int, default=100)
    p.add_argument("--plots", help="folder for confusion.png and attention_<class>.png")
    p.add_argument("--views", choices=["oblique", "any"], default="oblique",
                   help="camera views of the test clips: oblique (the test split) or any (adds exactly side-on and "
                        "head-on views; rendered from the same test seeds)")
    p.add_argument("--json", help="write the metrics here")
    p.add_argument("--device", default="cpu")
    p.set_defaults(fn=cmd_eval)

    p = sub.add_parser("export", help="ONNX fp32/fp16/int8 x fused/encoder/head, manifest, golden vectors")
    _common(p)
    p.add_argument("--out", default=os.path.join(REPO_MODELS, "action"))
    p.add_argument("--train-per-class", type=int, default=300, help="int8 calibration clips come from here")
    p.add_argument("--test-per-class", type=int, default=100)
    p.add_argument("--calib-clips", type=int, default=512)
    p.add_argument("--report", help="write precision numbers and ONNX inspection (JSON) here")
    p.add_argument("--testset", help="also write the test split in golden format (no expected outputs) here")
    p.set_defaults(fn=cmd_export)

    p = sub.add_parser("clips", help="render sample clips (mp4/avi + sidecar JSON) and check the model on them")
    _common(p)
    p.add_argument("--out", default=os.path.join(REPO_MODELS, "samples", "clips"))
    p.set_defaults(fn=cmd_clips)

    p = sub.add_parser("quick", help="CI smoke test: tiny data, 1 epoch, export and check every variant")
    _common(p)
    p.add_argument("--out", required=True)
    p.set_defaults(fn=cmd_quick)

    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    return args.fn(args) or 0
