#!/bin/sh
# Debian packages for models/training (no PyPI needed). Idempotent: apt-get skips what is installed.
# Use them with /usr/bin/python3 (a `python3` earlier on PATH may be another interpreter).
set -eu
PKGS="python3-torch python3-onnx python3-numpy python3-opencv python3-matplotlib ffmpeg"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
fi
/usr/bin/python3 -c "import torch, onnx, cv2, numpy, matplotlib; print('torch', torch.__version__, 'onnx', onnx.__version__)"
