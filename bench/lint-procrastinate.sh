#!/usr/bin/env bash
# Times `cutover lint` over the whole Procrastinate corpus (38 scripts), throwaway scratch server included, against the
# 5 s budget of issue 10. Runs the built CLI (dotnet build -c Release first) RUNS times (default 5) and prints each
# wall time, then min / median / max. The throwaway server lives under TMPDIR, /dev/shm by default here, because file
# creation on disk makes timings swing.
#   bench/lint-procrastinate.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
corpus=${CORPUS:-$(cd .. && pwd)/shared/corpus/procrastinate}
cli=src/Cutover.Cli/bin/Release/net10.0/Cutover.Cli.dll
[ -f "$cli" ] || { echo "build first: dotnet build -c Release" >&2; exit 2; }
export TMPDIR=${TMPDIR_FOR_BENCH:-/dev/shm}
unset PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE
times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  status=0
  (cd "$corpus" && dotnet "$OLDPWD/$cli" lint --dir migrations >/dev/null) || status=$?
  end=$(date +%s%N)
  [ "$status" -le 1 ] || { echo "lint exited $status" >&2; exit 1; }
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms (exit $status)"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "min ${sorted[0]} ms, median ${sorted[$(( runs / 2 ))]} ms, max ${sorted[$(( runs - 1 ))]} ms (budget 5000 ms; load: $(cut -d' ' -f1-3 /proc/loadavg))"
