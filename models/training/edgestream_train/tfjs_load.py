"""Reading a TFJS graph model: model.json (modelTopology.node, weightsManifest, signature) and its
binary weight shards, into plain Python data (node dicts, numpy constants) that tfjs_graph builds a
torch module from and that can be cached with torch.save.

Weights: each manifest group's shards are concatenated in `paths` order and its `weights` entries
are read back to back. An entry with `quantization` is stored as quantization.dtype: float16 is
widened to float32 (MoveNet's weights and constants are all stored this way), uint8/uint16 are
affine (value = q * scale + min, the TFJS converter's scheme). int32 tensors become int64 (see
tfjs_ops_math), bool stays bool.
"""
import base64
import json
import os

import numpy as np

STORED = {"float32": np.float32, "int32": np.int32, "bool": np.bool_, "float16": np.float16,
          "uint8": np.uint8, "uint16": np.uint16}


def _decode_value(a):
    if "list" in a:
        lst = a["list"]
        if "i" in lst:
            return [int(x) for x in lst["i"]]
        if "s" in lst:
            return [base64.b64decode(x).decode() for x in lst["s"]]
        if "f" in lst:
            return [float(x) for x in lst["f"]]
        if "type" in lst:
            return list(lst["type"])
        return []
    if "i" in a:
        return int(a["i"])
    if "f" in a:
        return float(a["f"])
    if "b" in a:
        return bool(a["b"])
    if "s" in a:
        return base64.b64decode(a["s"]).decode()
    if "type" in a:
        return a["type"]
    if "shape" in a:
        return [int(d.get("size", -1)) for d in a["shape"].get("dim", [])] if not a["shape"].get("unknownRank") else None
    if "tensor" in a:  # a Const's value: its data is in the weights; keep the description
        return dict(a["tensor"])
    if not a:  # TF writes an empty attr value for a default
        return None
    raise NotImplementedError(f"attribute value {a}")


def parse_node(n):
    """{'name', 'op', 'inputs' (refs 'name:i', control inputs dropped), 'attr' (decoded)}."""
    inputs = []
    for ref in n.get("input", []):
        if ref.startswith("^"):
            continue
        inputs.append(ref if ":" in ref else ref + ":0")
    attr = {k: _decode_value(v) for k, v in n.get("attr", {}).items()}
    return {"name": n["name"], "op": n["op"], "inputs": inputs, "attr": attr}


def _read_entry(buf, off, w, where):
    shape = [int(d) for d in w["shape"]]
    count = int(np.prod(shape)) if shape else 1
    q = w.get("quantization")
    stored = q["dtype"] if q else w["dtype"]
    if stored not in STORED:
        raise NotImplementedError(f"{where}: weight '{w['name']}' stored as {stored}")
    dt = np.dtype(STORED[stored])
    end = off + count * dt.itemsize
    if end > len(buf):
        raise ValueError(f"{where}: weight '{w['name']}' runs past the end of the shards ({end} > {len(buf)} bytes)")
    a = np.frombuffer(buf, dt, count, off).reshape(shape)
    if q and stored in ("uint8", "uint16"):
        a = a.astype(np.float32) * np.float32(q["scale"]) + np.float32(q["min"])
        if w["dtype"] == "int32":
            a = np.round(a)
    return _widen(a, w["dtype"]), end


def _widen(a, dtype):
    if dtype == "float32":
        return a.astype(np.float32)
    if dtype == "int32":
        return a.astype(np.int64)
    if dtype == "bool":
        return a.astype(np.bool_)
    raise NotImplementedError(f"weight dtype {dtype}")


def read_weights(manifest, folder, where="weights"):
    """name -> numpy array for every entry of every manifest group."""
    out = {}
    for group in manifest:
        parts = []
        for p in group["paths"]:
            with open(os.path.join(folder, p), "rb") as f:
                parts.append(f.read())
        buf, off = b"".join(parts), 0
        for w in group["weights"]:
            out[w["name"]], off = _read_entry(buf, off, w, where)
        if off != len(buf):
            raise ValueError(f"{where}: shards {group['paths']} hold {len(buf)} bytes, the manifest describes {off}")
    return out


def _signature_names(sig, key):
    names = []
    for v in (sig or {}).get(key, {}).values():
        name = v.get("name", "")
        names.append(name if ":" in name else name + ":0")
    return names


def load_model_json(path):
    """Parsed graph: {'nodes', 'consts' (name -> numpy), 'inputs' (placeholder names), 'outputs'
    (refs), 'source' (model.json fields that say where the model came from)}."""
    with open(path) as f:
        j = json.load(f)
    if j.get("format", "graph-model") != "graph-model":
        raise NotImplementedError(f"{path}: format {j.get('format')} (only graph-model)")
    topo = j["modelTopology"]
    if topo.get("library", {}).get("function"):
        raise NotImplementedError(f"{path}: the graph has functions (control flow), which are not supported")
    nodes = [parse_node(n) for n in topo["node"]]
    consts = read_weights(j["weightsManifest"], os.path.dirname(os.path.abspath(path)), path)
    inputs = [n["name"] for n in nodes if n["op"] == "Placeholder"]
    outputs = _signature_names(j.get("signature"), "outputs")
    if not outputs:  # no signature: every tensor nobody reads
        used = {r.split(":")[0] for n in nodes for r in n["inputs"]}
        outputs = [n["name"] + ":0" for n in nodes if n["name"] not in used and n["op"] != "Const"]
    source = {k: j[k] for k in ("generatedBy", "convertedBy") if k in j}
    return {"nodes": nodes, "consts": consts, "inputs": inputs, "outputs": outputs, "source": source}
