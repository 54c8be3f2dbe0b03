#!/usr/bin/env bash
# Cross-stream batching end to end on the CPU: `edgestream replay` of N copies of one sample (each copy is its own
# stream; all share one engine) with MaxBatch=1 and MaxBatch=8, alternating run by run so both see the same machine
# load. Prints each run's wall time as replay reports it (model loading excluded) and the median of each setting.
#
#   benchmarks/cpu-batching-replay.sh sensors [N=8] [RUNS=5]   # models/samples/sensors/pump_8ch_anomalies.csv, model "anomaly"
#   benchmarks/cpu-batching-replay.sh video   [N=16] [RUNS=5]   # models/samples/clips/walk_sit_stand_fall.mp4, model "action"
#
# Needs a Release build: dotnet build src/EdgeStream.Host -c Release (or EDGESTREAM_DLL=path/to/edgestream.dll).
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?usage: $0 sensors|video [N] [RUNS]}
case "$kind" in
  sensors) sample=models/samples/sensors/pump_8ch_anomalies.csv; model=anomaly; n=${2:-8} ;;
  video)   sample=models/samples/clips/walk_sit_stand_fall.mp4;  model=action;  n=${2:-16} ;;
  *) echo "unknown kind '$kind': use sensors or video" >&2; exit 2 ;;
esac
runs=${3:-5}
dll=${EDGESTREAM_DLL:-src/EdgeStream.Host/bin/Release/net10.0/edgestream.dll}
[ -f "$dll" ] || { echo "$dll not found: run 'dotnet build src/EdgeStream.Host -c Release' first" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=()
for i in $(seq 1 "$n"); do
  copy="$work/s$i.${sample##*.}"
  cp "$sample" "$copy"
  files+=("$copy")
done

# One replay; prints "SECONDS EVENTS" from the summary's last line ("E events in S s").
replay() {
  local batch=$1 out
  out=$(dotnet "$dll" replay "${files[@]}" --set "EdgeStream:Models:$model:MaxBatch=$batch" 2>/dev/null)
  echo "$out" | tail -1 | sed -E 's/^([0-9]+) events in ([0-9.]+) s$/\2 \1/'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "$kind: $n streams of $(basename "$sample") sharing model '$model', $runs runs each, $(nproc) cores"
printf 'run  MaxBatch=1 s  MaxBatch=8 s  events (1 / 8)\n'
one=() eight=() counts=()
for r in $(seq 1 "$runs"); do
  read -r a ea <<< "$(replay 1)"; read -r b eb <<< "$(replay 8)"
  one+=("$a"); eight+=("$b"); counts+=("$ea" "$eb")
  printf '%-4s %-13s %-13s %s / %s\n' "$r" "$a" "$b" "$ea" "$eb"
done
# Batching must not change what is detected: every run of either setting gives the same number of events.
if [ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" -ne 1 ]; then
  echo "FAIL: the event counts differ between runs or settings: ${counts[*]}" >&2
  exit 1
fi
m1=$(printf '%s\n' "${one[@]}" | median)
m8=$(printf '%s\n' "${eight[@]}" | median)
echo "median: MaxBatch=1 $m1 s, MaxBatch=8 $m8 s, speed-up $(awk -v a="$m1" -v b="$m8" 'BEGIN { printf "%.2f", a / b }')x"
