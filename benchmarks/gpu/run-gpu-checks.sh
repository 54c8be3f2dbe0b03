#!/usr/bin/env bash
# The GPU proof in one script (benchmarks/README.md, GPU section). Runs from the repository root on the GPU machine
# after ../shared/gpu/device-setup.sh, or here on CPU as a dry run of the same steps:
#   benchmarks/gpu/run-gpu-checks.sh APP_DIR OUT_DIR [PROVIDER] [SECONDS]
#   APP_DIR: the published app (EdgeStream.GpuCheck.dll, optionally EdgeStream.Host.dll beside it)
#   PROVIDER: cuda (default) or cpu; SECONDS: measuring time per latency row (default 1)
# Writes to OUT_DIR: device.txt, parity-PROVIDER.txt, latency-PROVIDER.md/.jsonl, replay-PROVIDER.txt, log.txt.
# Every step runs even when an earlier one failed; the exit code is the number of failed steps.
set -uo pipefail
app=${1:?app dir}; out=${2:?out dir}; provider=${3:-cuda}; seconds=${4:-1}
model=${MODEL:-models/action}
mkdir -p "$out"
failed=0
step() {  # step NAME COMMAND...: runs it with a time limit, logs stdout+stderr, counts failures
  local name=$1; shift
  echo "== $name: $*" | tee -a "$out/log.txt"
  local t0=$SECONDS
  timeout "${STEP_TIMEOUT:-240}" "$@" >>"$out/log.txt" 2>&1
  local rc=$?
  echo "== $name: rc=$rc in $((SECONDS - t0)) s" | tee -a "$out/log.txt"
  [ $rc -eq 0 ] || failed=$((failed + 1))
}

{ date -u; uname -m; nproc; dotnet --list-runtimes | head -3
  if command -v nvidia-smi >/dev/null; then nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv; else echo "no nvidia-smi (CPU dry run)"; fi
  git log -1 --format='commit %h %s' 2>/dev/null || true; } >"$out/device.txt" 2>&1
cat "$out/device.txt"

check="dotnet $app/EdgeStream.GpuCheck.dll"
step parity $check parity "$model" --provider "$provider" --variants "${VARIANTS:-fp32,fp16}" --out "$out"
if [ "$provider" = cpu ]; then
  step latency $check latency "$model" --provider cpu --variants fp32 --batches "${BATCHES:-1,8}" --seconds "$seconds" --out "$out"
else
  step latency $check latency "$model" --provider "$provider" --variants "${VARIANTS:-fp32,fp16}" --batches "${BATCHES:-1,8,32}" --seconds "$seconds" --out "$out"
fi

# End to end: the committed clips through the real pipeline (decode, resample, windows, batching, decisions) on the provider.
clips=$(ls models/samples/clips/*.mp4 models/samples/clips/*.avi 2>/dev/null | tr '\n' ' ')
if [ -f "$app/EdgeStream.Host.dll" ] && [ -n "$clips" ]; then
  step replay dotnet "$app/EdgeStream.Host.dll" replay $clips --set "Models:action:Provider=$provider" --set "Models:action:FallbackToCpu=false" --verbose --out "$out/replay-events-$provider.jsonl"
  grep -v '^==' "$out/log.txt" | sed -n '/^stream /,/events in/p' >"$out/replay-$provider.txt" || true
else
  echo "replay skipped: no $app/EdgeStream.Host.dll or no clips in models/samples/clips" | tee "$out/replay-$provider.txt"
fi

cp "$out/log.txt" "$out/log-$provider.txt" 2>/dev/null || true
echo "failed steps: $failed"
exit $failed
