"""EdgeStream model training: synthetic data, training, evaluation and ONNX export.

Run from models/training: `/usr/bin/python3 -m edgestream_train action --help`.
"""
