#!/bin/sh
# Fuzz one reader with atheris (libFuzzer) for a bounded time; print how many inputs were tried.
# Usage: fuzz/run.sh page|bibtex SECONDS [PYTHON]. Called by `make fuzz`. Output in fuzz/out/.
set -u
target=$1
seconds=$2
python=${3:-.venv/bin/python}
out=fuzz/out/$target
case $target in
    page) seeds="examples/*.txt tests/data/pages/*.txt tests/data/readers/*.txt" ;;
    bibtex) seeds="tests/data/readers/*.bib" ;;
    *) echo "fuzz: unknown target '$target' (page or bibtex)" >&2; exit 2 ;;
esac
mkdir -p "$out/corpus" "$out/crashes"
# shellcheck disable=SC2086  # $seeds are globs
cp -n $seeds "$out/corpus/" 2>/dev/null
echo "fuzz ($target): running for $seconds s; log in $out/log"
# -timeout: an input taking 10 s (a regex backtracking without end) counts as a crash too.
"$python" "fuzz/fuzz_${target}_reader.py" "$out/corpus" -dict="fuzz/$target.dict" \
    -max_total_time="$seconds" -timeout=10 -max_len=20000 -print_final_stats=1 \
    -artifact_prefix="$out/crashes/" >"$out/log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | tail -n 1)
took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$out/log" | tail -n 1)
if [ "$status" -eq 0 ]; then
    echo "fuzz ($target): ${runs:-?} inputs tried in ${took:-$seconds} s, no crash"
else
    echo "fuzz ($target): CRASH after ${runs:-?} inputs (exit $status); input in $out/crashes/:"
    ls "$out/crashes/"
    grep -m 20 -E "Error|Exception|assert" "$out/log"
fi
exit "$status"
