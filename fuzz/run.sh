#!/usr/bin/env bash
# Run each fuzz target for SECONDS (default 600), one after the other, with libFuzzer's
# hang (-timeout) and memory (-rss_limit_mb) detectors on. Not part of the unit tests.
#
#   fuzz/run.sh [SECONDS] [TARGET...]      e.g. fuzz/run.sh 300 content
#
# The growing corpus lives in .fuzz/<target>/ (git-ignored), seeded from fuzz/seeds/;
# a crash or hang is written as .fuzz/crash-*/timeout-* and the script exits non-zero.
set -euo pipefail
seconds=${1:-600}
shift || true
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
python=${PYTHON:-$repo/.venv/bin/python}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(content policy); fi
status=0
for target in "${targets[@]}"; do
  corpus="$repo/.fuzz/$target"
  mkdir -p "$corpus"
  echo "fuzz: $target for ${seconds}s"
  if ! "$python" "$here/fuzz_$target.py" "$corpus" "$here/seeds/$target" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$repo/.fuzz/" -print_final_stats=1; then
    echo "fuzz: $target found a problem (see .fuzz/)" >&2
    status=1
  fi
done
exit $status
