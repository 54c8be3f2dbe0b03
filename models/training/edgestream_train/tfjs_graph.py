"""TFJS graph model -> torch.nn.Module that interprets the graph node by node in topological order.

    g = TfjsGraph.from_model_json("movenet-lightning.json")
    out = g(x)   # x: [N] + the placeholder's TF shape, e.g. [N, 1, 192, 192, 3]

Every input carries a frame axis N in front of the graph's own shape and the graph's per-frame
semantics are applied to each frame (tfjs_values explains why: MoveNet's post-processing is
written for batch 1). Convolutions are nn.Conv2d modules and constants are buffers, so the module
exports with torch.onnx.export, takes fake quantisation (tfjs_quant) and caches with torch.save.
Supported ops are exactly those of MoveNet lightning/thunder/multipose plus Conv2D (`SUPPORTED`);
any other op fails at construction with the op and node named.
"""
import re

import torch
from torch import nn

from . import tfjs_ops_array, tfjs_ops_math, tfjs_ops_nn
from .tfjs_load import load_model_json
from .tfjs_values import V

OPS = {**tfjs_ops_math.OPS, **tfjs_ops_array.OPS, **tfjs_ops_nn.OPS}
SUPPORTED = sorted(OPS) + ["Const", "Placeholder"]
CACHE_FORMAT = "edgestream-tfjs-graph-1"


def key(ref):
    """Module/buffer-safe name of a tensor ref or node name ('a/b:1' -> 'a_b_1'; ':0' dropped)."""
    return re.sub(r"\W", "_", ref[:-2] if ref.endswith(":0") else ref)


def _topological(nodes, outputs):
    """Nodes needed for `outputs`, each after its inputs (iterative DFS; the json is not sorted)."""
    by_name = {n["name"]: n for n in nodes}
    order, state = [], {}
    for out in outputs:
        stack = [(out.split(":")[0], False)]
        while stack:
            name, done = stack.pop()
            if done:
                if state.get(name) != 2:
                    state[name] = 2
                    order.append(by_name[name])
                continue
            if state.get(name):
                if state[name] == 1:
                    raise ValueError(f"cycle through node '{name}'")
                continue
            if name not in by_name:
                raise ValueError(f"graph reads '{name}', which no node produces")
            state[name] = 1
            stack.append((name, True))
            for ref in by_name[name]["inputs"]:
                stack.append((ref.split(":")[0], False))
    return order


class TfjsGraph(nn.Module):
    def __init__(self, parsed):
        super().__init__()
        self.inputs, self.outputs = list(parsed["inputs"]), list(parsed["outputs"])
        self.source = dict(parsed.get("source", {}))
        self.order = _topological(parsed["nodes"], self.outputs)
        bad = [f"{n['op']} (node '{n['name']}')" for n in self.order if n["op"] not in SUPPORTED]
        if bad:
            raise NotImplementedError(f"unsupported TFJS ops: {', '.join(bad[:10])}" + (" ..." if len(bad) > 10 else ""))
        consts = parsed["consts"]
        self.convs = nn.ModuleDict()
        self.act_fq = nn.ModuleDict()  # tensor key -> FakeQuantize (int8, tfjs_quant)
        self.round_fp16 = False  # True: every float result rounded to float16 (fp16 emulation)
        conv_weights = set()
        for n in self.order:
            if n["op"] in tfjs_ops_nn.CONV_OPS:
                has_bias = tfjs_ops_nn.fused(n)[0]
                refs = n["inputs"][1:3] if has_bias else n["inputs"][1:2]
                vals = [self._const(consts, r, n) for r in refs]
                self._add(self.convs, key(n["name"]), tfjs_ops_nn.make_conv(n, vals[0], vals[1] if has_bias else None))
                conv_weights.update(refs)
        self._buffers_of = {}
        reads = {r for n in self.order if n["op"] not in tfjs_ops_nn.CONV_OPS for r in n["inputs"]}
        reads |= {n["inputs"][0] for n in self.order if n["op"] in tfjs_ops_nn.CONV_OPS}
        for n in self.order:
            if n["op"] == "Const" and n["name"] + ":0" in reads:
                b = "c_" + key(n["name"])
                if hasattr(self, b):
                    raise ValueError(f"two constants map to the buffer name {b}")
                self.register_buffer(b, torch.from_numpy(self._const(consts, n["name"] + ":0", n).copy()))
                self._buffers_of[n["name"]] = b
        self.placeholders = {n["name"]: n for n in self.order if n["op"] == "Placeholder"}
        self._last_use = {}
        for i, n in enumerate(self.order):
            for r in self._data_inputs(n):
                self._last_use[r] = i
        for r in self.outputs:
            self._last_use[r] = len(self.order)

    @staticmethod
    def _const(consts, ref, node):
        name = ref.split(":")[0]
        if name not in consts:
            raise ValueError(f"{node['op']} node '{node['name']}' reads '{name}', which is not a constant in the weights")
        return consts[name]

    @staticmethod
    def _add(container, k, module):
        if k in container:
            raise ValueError(f"two nodes map to the module name {k}")
        container[k] = module

    @staticmethod
    def _data_inputs(n):
        return n["inputs"][:1] if n["op"] in tfjs_ops_nn.CONV_OPS else n["inputs"]

    @classmethod
    def from_model_json(cls, path):
        return cls(load_model_json(path))

    def conv_module(self, node_name):
        return self.convs[key(node_name)]

    def fake_quant(self, ref, t):
        """t through the FakeQuantize registered for tensor `ref`, if any (int8 models)."""
        k = key(ref)
        return self.act_fq[k](t) if k in self.act_fq else t

    def placeholder_shape(self, name=None):
        return list(self.placeholders[name or self.inputs[0]]["attr"].get("shape") or [])

    def _check_feed(self, name, v):
        ph = self.placeholders[name]
        want = ph["attr"].get("dtype")
        if v.t.is_floating_point() and want != "DT_FLOAT":
            readers = [n for n in self.order if name + ":0" in n["inputs"]]
            if not all(n["op"] == "Cast" and n["attr"].get("DstT") == "DT_FLOAT" for n in readers):
                raise TypeError(f"placeholder '{name}' is {want} and not only cast to float: feed integers")
            # Floats go straight into that Cast (a no-op on floats). Integer-valued inputs give exactly
            # the graph's result; a fractional value is used as is where TF would not accept a float.

    def run_values(self, feeds, fetch=None):
        """Interprets the graph. feeds: placeholder name -> V (batched). Returns the values of
        `fetch` (tensor refs, default the graph outputs); intermediates are freed after last use."""
        fetch = list(fetch or self.outputs)
        keep = set(fetch)
        env = {}
        for i, n in enumerate(self.order):
            name, op = n["name"], n["op"]
            if op == "Const":
                if name in self._buffers_of:
                    env[name + ":0"] = V(getattr(self, self._buffers_of[name]))
                continue
            if op == "Placeholder":
                if name not in feeds:
                    raise KeyError(f"no value fed for placeholder '{name}'")
                self._check_feed(name, feeds[name])
                outs = [feeds[name]]
            else:
                ins = [env[r] for r in self._data_inputs(n)]
                outs = OPS[op](self, n, ins)
                outs = outs if isinstance(outs, list) else [outs]
            for j, v in enumerate(outs):
                ref = f"{name}:{j}"
                if self.round_fp16 and v.t.dtype == torch.float32:
                    v = v.with_t(v.t.half().float())
                if key(ref) in self.act_fq:
                    v = v.with_t(self.act_fq[key(ref)](v.t))
                env[ref] = v
            for r in self._data_inputs(n):
                if self._last_use.get(r) == i and r not in keep:
                    env.pop(r, None)
        missing = [r for r in fetch if r not in env]
        if missing:
            raise KeyError(f"not computed: {missing}")
        return [env[r] for r in fetch]

    def forward(self, *inputs):
        """inputs: one tensor per placeholder (self.inputs order), [N] + its TF shape. Returns the
        outputs in TF layout with the frame axis (one tensor, or a tuple)."""
        feeds = {name: V(t, True) for name, t in zip(self.inputs, inputs)}
        outs = tuple(v.tf() for v in self.run_values(feeds))
        return outs[0] if len(outs) == 1 else outs

    def op_counts(self):
        counts = {}
        for n in self.order:
            counts[n["op"]] = counts.get(n["op"], 0) + 1
        return dict(sorted(counts.items()))


def save_cache(parsed, path):
    """torch.save of the parsed graph (nodes + dequantised constants): loads in a fraction of the
    time of json + shards and needs no access to the npm package."""
    torch.save({"format": CACHE_FORMAT, "nodes": parsed["nodes"], "inputs": parsed["inputs"],
                "outputs": parsed["outputs"], "source": parsed.get("source", {}),
                "consts": {k: torch.from_numpy(v.copy()) for k, v in parsed["consts"].items()}}, path)


def load_cache(path):
    d = torch.load(path)
    if d.get("format") != CACHE_FORMAT:
        raise ValueError(f"{path}: not a {CACHE_FORMAT} cache")
    d["consts"] = {k: v.numpy() for k, v in d["consts"].items()}
    return d
