"""Makes the tiny test models (tiny-action, tiny-anomaly) used by EdgeStream.Onnx.Tests.

Same families and tensor contract as the shipped models (docs/model-contract.md), a few KB each,
so the ONNX tests run before (and independently of) the trained models. Committed output;
rerun with Debian's interpreter: /usr/bin/python3 make_tiny_models.py
"""
import hashlib
import json
import warnings
from pathlib import Path

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import TensorProto, numpy_helper
from torch.ao.quantization import FakeQuantize, MovingAverageMinMaxObserver, \
    MovingAveragePerChannelMinMaxObserver

HERE = Path(__file__).resolve().parent
T, C, H, W, FEAT, HID, K = 4, 3, 8, 8, 6, 8, 3
SW, SC = 6, 2  # sensor window, channels
LABELS = ["idle", "wave", "fall"]


def act_fq(quant):
    if not quant:
        return nn.Identity()
    return FakeQuantize(observer=MovingAverageMinMaxObserver, quant_min=0, quant_max=255,
                        dtype=torch.quint8, qscheme=torch.per_tensor_affine, reduce_range=False)


def w_fq(quant):
    if not quant:
        return nn.Identity()
    return FakeQuantize(observer=MovingAveragePerChannelMinMaxObserver, quant_min=-128, quant_max=127,
                        dtype=torch.qint8, qscheme=torch.per_channel_symmetric, ch_axis=0, reduce_range=False)


class Encoder(nn.Module):
    def __init__(self, quant=False):
        super().__init__()
        self.conv = nn.Conv2d(C, 4, 3, padding=1)
        self.fc = nn.Linear(4, FEAT)
        self.q_in, self.q_c, self.w_c, self.w_f = act_fq(quant), act_fq(quant), w_fq(quant), w_fq(quant)

    def forward(self, frames):  # [N, C, H, W] -> [N, F]
        x = F.relu(F.conv2d(self.q_in(frames), self.w_c(self.conv.weight), self.conv.bias, padding=1))
        x = self.q_c(x.mean(dim=(2, 3)))
        return torch.tanh(F.linear(x, self.w_f(self.fc.weight), self.fc.bias))


class Head(nn.Module):
    def __init__(self, quant=False):
        super().__init__()
        self.lstm = nn.LSTM(FEAT, HID, batch_first=True)
        self.att1, self.att2, self.out = nn.Linear(HID, 5), nn.Linear(5, 1), nn.Linear(HID, K)
        self.q_o, self.q_ctx, self.w_o = act_fq(quant), act_fq(quant), w_fq(quant)

    def forward(self, features):  # [B, T, F] -> logits [B, K], attention [B, T]
        o, _ = self.lstm(features)
        e = self.att2(torch.tanh(self.att1(o))).squeeze(-1)
        attention = torch.softmax(e, dim=1)
        ctx = torch.bmm(attention.unsqueeze(1), o).squeeze(1)
        return F.linear(self.q_ctx(ctx), self.w_o(self.out.weight), self.out.bias), attention


class Fused(nn.Module):
    def __init__(self, enc, head):
        super().__init__()
        self.enc, self.head = enc, head

    def forward(self, frames):  # [B, T, C, H, W]
        b, t = frames.shape[0], frames.shape[1]
        f = self.enc(frames.reshape(b * t, C, H, W)).reshape(b, t, FEAT)
        return self.head(f)


class Forecaster(nn.Module):
    def __init__(self, quant=False):
        super().__init__()
        self.conv = nn.Conv1d(SC, 4, 3, padding=1)
        self.lstm = nn.LSTM(4, HID, batch_first=True)
        self.att = nn.Linear(HID, 1)
        self.fc = nn.Linear(HID, SC)
        self.q_in, self.w_c = act_fq(quant), w_fq(quant)

    def forward(self, window):  # [B, W, C] -> forecast [B, C], attention [B, W]
        x = F.relu(F.conv1d(self.q_in(window).transpose(1, 2), self.w_c(self.conv.weight), self.conv.bias, padding=1))
        o, _ = self.lstm(x.transpose(1, 2))
        attention = torch.softmax(self.att(o).squeeze(-1), dim=1)
        ctx = torch.bmm(attention.unsqueeze(1), o).squeeze(1)
        return window[:, -1, :] + self.fc(ctx), attention


def export(model, dummy, path, inputs, outputs):
    axes = {n: {0: "B"} for n in inputs + outputs}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, dummy, str(path), opset_version=17, input_names=inputs, output_names=outputs,
                          dynamic_axes=axes, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(str(path)), full_check=True)


def to_fp16(src, dst):
    """fp32 ONNX -> fp16 weights, constants and I/O (what an fp16 GPU export looks like)."""
    m = onnx.load(str(src))
    g = m.graph
    for i, init in enumerate(g.initializer):
        if init.data_type == TensorProto.FLOAT:
            g.initializer[i].CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name))
    for n in g.node:
        for a in n.attribute:
            if a.name == "value" and a.t.data_type == TensorProto.FLOAT:
                a.t.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(a.t).astype(np.float16), a.t.name))
            if n.op_type == "Cast" and a.name == "to" and a.i == TensorProto.FLOAT:
                a.i = TensorProto.FLOAT16
    for v in list(g.input) + list(g.output):
        v.type.tensor_type.elem_type = TensorProto.FLOAT16
    del g.value_info[:]
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, str(dst))


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def calibrate(qm, batches):
    qm.eval()
    qm.apply(torch.ao.quantization.enable_observer)
    qm.apply(torch.ao.quantization.enable_fake_quant)
    with torch.no_grad():
        for b in batches:
            qm(b)
    qm.apply(torch.ao.quantization.disable_observer)
    return qm


def preprocess(u8):  # [T, H, W, 3] uint8 rgb -> [T, 3, H, W]
    x = u8.astype(np.float32) * np.float32(1 / 255.0)
    x = (x - np.float32(0.5)) / np.float32(0.25)
    return np.ascontiguousarray(x.transpose(0, 3, 1, 2))


def make_action(out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "golden").mkdir(exist_ok=True)
    torch.manual_seed(1)
    enc, head = Encoder().eval(), Head().eval()
    qenc, qhead = Encoder(True), Head(True)
    qenc.load_state_dict(enc.state_dict(), strict=False)
    qhead.load_state_dict(head.state_dict(), strict=False)
    rng = np.random.default_rng(2)
    calib = [torch.from_numpy(np.stack([preprocess(rng.integers(0, 256, (T, H, W, 3), dtype=np.uint8))
                                        for _ in range(8)])) for _ in range(4)]
    qfused = calibrate(Fused(qenc, qhead), calib)
    models = {"fp32": Fused(enc, head).eval(), "int8": qfused}
    files = {}
    for v, fused in models.items():
        files[v] = {}
        for part, mod, dummy, ins, outs in (
                ("fused", fused, torch.zeros(1, T, C, H, W), ["frames"], ["logits", "attention"]),
                ("encoder", fused.enc, torch.zeros(1, C, H, W), ["frames"], ["features"]),
                ("head", fused.head, torch.zeros(1, T, FEAT), ["features"], ["logits", "attention"])):
            p = out / f"tiny.{part}.{v}.onnx"
            export(mod, dummy, p, ins, outs)
            files[v][part] = p
    files["fp16"] = {}
    for part in ("fused", "encoder", "head"):
        p = out / f"tiny.{part}.fp16.onnx"
        to_fp16(files["fp32"][part], p)
        files["fp16"][part] = p
    cases = []
    for i, label in enumerate(LABELS[:2]):
        u8 = rng.integers(0, 256, (T, H, W, 3), dtype=np.uint8)
        (out / "golden" / f"case{i}.rgb").write_bytes(u8.tobytes())
        x = torch.from_numpy(preprocess(u8)).unsqueeze(0)
        expected = {}
        with torch.no_grad():
            for v, fused in models.items():
                lg, at = fused(x)
                expected[v] = {"logits": lg[0].tolist(), "attention": at[0].tolist()}
        expected["fp16"] = expected["fp32"]
        cases.append({"name": f"case{i}", "label": label,
                      "input": {"file": f"case{i}.rgb", "dtype": "uint8", "shape": [T, H, W, 3]},
                      "expected": expected})
    golden = {"cases": cases, "tolerance": {"fp32": {"logits": 1e-4, "attention": 1e-5},
                                            "fp16": {"logits": 2e-2, "attention": 1e-2},
                                            "int8": {"logits": 5e-2, "attention": 2e-2}}}
    (out / "golden" / "golden.json").write_text(json.dumps(golden, indent=1) + "\n")
    variants = []
    for v in ("fp32", "fp16", "int8"):
        variants.append({"name": v, "precision": v, "ioType": "float16" if v == "fp16" else "float32",
                         **{part: {"file": p.name, "sha256": sha(p)} for part, p in files[v].items()}})
    man = {"formatVersion": 1, "name": "tiny-action", "version": "0.0.1", "task": "action",
           "description": "tiny test model (tests/EdgeStream.Onnx.Tests/TestModels/make_tiny_models.py)",
           "labels": LABELS,
           "input": {"frames": T, "channels": C, "height": H, "width": W, "fps": 15, "colorOrder": "rgb",
                     "scale": 1 / 255.0, "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25], "resize": "stretch"},
           "tensors": {"frames": "frames", "features": "features", "logits": "logits", "attention": "attention"},
           "featureSize": FEAT, "variants": variants,
           "defaults": {"variant": "int8", "layout": "split", "stride": 2, "threshold": 0.6,
                        "enterWindows": 2, "exitWindows": 2, "topK": 3},
           "golden": "golden/golden.json"}
    (out / "manifest.json").write_text(json.dumps(man, indent=2) + "\n")
    # An evaluation set in the golden format (labels only), for the evaluation mode.
    ecases = []
    for i in range(6):
        u8 = rng.integers(0, 256, (T, H, W, 3), dtype=np.uint8)
        (out / "golden" / f"eval{i}.rgb").write_bytes(u8.tobytes())
        ecases.append({"name": f"eval{i}", "label": LABELS[i % K],
                       "input": {"file": f"eval{i}.rgb", "dtype": "uint8", "shape": [T, H, W, 3]}})
    (out / "golden" / "testset.json").write_text(json.dumps({"cases": ecases}, indent=1) + "\n")


def make_anomaly(out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "golden").mkdir(exist_ok=True)
    torch.manual_seed(3)
    fp = Forecaster().eval()
    q = Forecaster(True)
    q.load_state_dict(fp.state_dict(), strict=False)
    rng = np.random.default_rng(4)
    q = calibrate(q, [torch.from_numpy(rng.standard_normal((16, SW, SC)).astype(np.float32)) for _ in range(4)])
    models = {"fp32": fp, "int8": q}
    variants = []
    for v, mod in models.items():
        p = out / f"tiny-anomaly.{v}.onnx"
        export(mod, torch.zeros(1, SW, SC), p, ["window"], ["forecast", "attention"])
        variants.append({"name": v, "precision": v, "ioType": "float32", "fused": {"file": p.name, "sha256": sha(p)}})
    cases = []
    for i in range(2):
        x = rng.standard_normal((SW, SC)).astype(np.float32)
        with torch.no_grad():
            exp = {v: dict(zip(("forecast", "attention"), (t[0].tolist() for t in m(torch.from_numpy(x)[None]))))
                   for v, m in models.items()}
        cases.append({"name": f"w{i}", "input": {"values": x.tolist(), "dtype": "float32", "shape": [SW, SC]},
                      "expected": exp})
    golden = {"cases": cases, "tolerance": {"fp32": {"forecast": 1e-4, "attention": 1e-5},
                                            "int8": {"forecast": 5e-2, "attention": 2e-2}}}
    (out / "golden" / "golden.json").write_text(json.dumps(golden, indent=1) + "\n")
    man = {"formatVersion": 1, "name": "tiny-anomaly", "version": "0.0.1", "task": "anomaly",
           "labels": ["anomaly"],
           "input": {"channels": SC, "window": SW, "channelNames": ["a", "b"],
                     "normalisation": {"kind": "warmup", "warmupSamples": 20, "minStd": 1e-3}},
           "tensors": {"window": "window", "forecast": "forecast", "attention": "attention"},
           "variants": variants,
           "defaults": {"variant": "fp32", "stride": 1,
                        "score": {"errorEwmaAlpha": 0.1, "baselineSamples": 50, "threshold": 4.0, "minStd": 1e-3},
                        "enterWindows": 3, "exitWindows": 10},
           "golden": "golden/golden.json"}
    (out / "manifest.json").write_text(json.dumps(man, indent=2) + "\n")


if __name__ == "__main__":
    torch.set_num_threads(1)
    make_action(HERE / "tiny-action")
    make_anomaly(HERE / "tiny-anomaly")
    print("ok")
