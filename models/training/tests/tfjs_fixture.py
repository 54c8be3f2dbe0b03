"""Writes small TFJS graph models (model.json + binary shards) for the interpreter tests.

The json follows what the TFJS converter writes: Const nodes with a `value` tensor attr whose data is
in weightsManifest, attrs as {"i": "3"}, {"f": 1.0}, {"b": true}, {"s": base64}, {"type": "DT_FLOAT"},
{"list": {"i": [...]}}; weights may be stored as float16 or affine uint8 (`quantization`).
"""
import base64
import json
import os

import numpy as np

DT = {np.dtype(np.float32): "DT_FLOAT", np.dtype(np.int32): "DT_INT32", np.dtype(np.bool_): "DT_BOOL"}
MANIFEST_DT = {"DT_FLOAT": "float32", "DT_INT32": "int32", "DT_BOOL": "bool"}


class T(str):
    """A dtype attribute value (written as {"type": ...})."""


def _attr(v):
    if isinstance(v, T):
        return {"type": str(v)}
    if isinstance(v, bool):
        return {"b": v}
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, float):
        return {"f": v}
    if isinstance(v, str):
        return {"s": base64.b64encode(v.encode()).decode()}
    if isinstance(v, (list, tuple)):
        if all(isinstance(x, str) for x in v) and v:
            return {"list": {"s": [base64.b64encode(x.encode()).decode() for x in v]}}
        return {"list": {"i": [str(int(x)) for x in v]}}
    raise TypeError(v)


class GraphWriter:
    def __init__(self):
        self.nodes, self.weights = [], []

    def const(self, name, value, store=None):
        """store: None (as the value's dtype), 'float16' or 'uint8' (affine). Returns (name, the value
        the interpreter must see: after the storage's rounding)."""
        value = np.asarray(value)
        if value.dtype == np.float64:
            value = value.astype(np.float32)
        if value.dtype == np.int64:
            value = value.astype(np.int32)
        dt = DT[value.dtype]
        self.nodes.append({"name": name, "op": "Const",
                           "attr": {"value": {"tensor": {"dtype": dt, "tensorShape": {}}}, "dtype": {"type": dt}}})
        entry = {"name": name, "shape": list(value.shape), "dtype": MANIFEST_DT[dt]}
        if store == "float16":
            data = value.astype(np.float16)
            entry["quantization"] = {"dtype": "float16", "original_dtype": "float32"}
            seen = data.astype(np.float32)
        elif store == "uint8":
            lo, hi = float(value.min()), float(value.max())
            scale = (hi - lo) / 255 or 1.0
            data = np.round((value - lo) / scale).astype(np.uint8)
            entry["quantization"] = {"dtype": "uint8", "min": lo, "scale": scale, "original_dtype": "float32"}
            seen = data.astype(np.float32) * np.float32(scale) + np.float32(lo)
        else:
            data, seen = value, value
        self.weights.append((entry, np.ascontiguousarray(data).tobytes()))
        return name, seen

    def placeholder(self, name, shape, dtype="DT_FLOAT"):
        self.nodes.append({"name": name, "op": "Placeholder",
                           "attr": {"dtype": {"type": dtype}, "shape": {"shape": {"dim": [{"size": str(d)} for d in shape]}}}})
        return name

    def node(self, name, op, inputs, **attr):
        self.nodes.append({"name": name, "op": op, "input": list(inputs), "attr": {k: _attr(v) for k, v in attr.items()}})
        return name

    def write(self, folder, outputs, shards=2, name="model"):
        """model.json + `shards` .bin files (the byte stream is cut at arbitrary points, as TFJS does
        at 4 MB). Returns the json path."""
        os.makedirs(folder, exist_ok=True)
        blob = b"".join(b for _, b in self.weights)
        cuts = np.linspace(0, len(blob), shards + 1).astype(int)
        paths = []
        for i in range(shards):
            p = f"{name}.group1-shard{i + 1}of{shards}.bin"
            with open(os.path.join(folder, p), "wb") as f:
                f.write(blob[cuts[i]:cuts[i + 1]])
            paths.append(p)
        doc = {"format": "graph-model", "generatedBy": "test", "convertedBy": "tfjs_fixture",
               "signature": {"outputs": {o: {"name": o} for o in outputs}},
               "modelTopology": {"node": self.nodes, "library": {}, "versions": {}},
               "weightsManifest": [{"paths": paths, "weights": [e for e, _ in self.weights]}]}
        path = os.path.join(folder, f"{name}.json")
        with open(path, "w") as f:
            json.dump(doc, f)
        return path
