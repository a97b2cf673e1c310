#!/usr/bin/env bash
# Runs the policy-core JMH benchmarks as reported in docs/performance.md and keeps the raw results in
# benchmarks/jmh/results/. Build first: mvn -B -pl benchmarks/jmh -am -DskipTests package
# Takes about 7 minutes. Usage: benchmarks/jmh/run.sh [RESULTS_DIR [GROUP...]]
# GROUP: decisions scenarios routes snapshot-build concurrent-build rate-limits footprint (default: all of them)
# NAME-output.txt keeps JMH's whole output of each group (DecisionBenchmark prints there, for each iteration, how
# much of it its thread was on a CPU). cpu-load.txt records, every second, the CPU used by this run and by everything
# else: a group measured while other work ran shows up there (summary.txt gives the mean "others" of each group).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
jar="$here/target/benchmarks.jar"
results="${1:-$here/results}"
[[ -f "$jar" ]] || { echo "no $jar: run mvn -B -pl benchmarks/jmh -am -DskipTests package first" >&2; exit 1; }
mkdir -p "$results"
shift $(( $# > 0 ? 1 : 0 ))
groups=("${@:-decisions scenarios routes snapshot-build concurrent-build rate-limits footprint}")
groups=(${groups[*]})
wanted() { [[ " ${groups[*]} " == *" $1 "* ]]; }

python3 "$here/cpu-monitor.py" "$jar" "$results/cpu-load.txt" &
monitor=$!
trap 'kill $monitor' EXIT

{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(grep -m1 'cpu MHz' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') MHz, cache $(grep -m1 'cache size' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "commit: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$here" status --porcelain -- ../../core 2>/dev/null | grep -q . && echo ' (core modified)')"
    echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
    echo "kernel: $(uname -r)"
    java -version 2>&1 | sed 's/^/java: /'
} > "$results/machine.txt"

run() {
    local name="$1"; shift
    wanted "$name" || return 0
    echo "== $name: java -jar benchmarks.jar $*"
    echo "$(date +%s) start $name" >> "$results/cpu-load.txt"
    java -jar "$jar" "$@" -rf json -rff "$results/$name.json" | tee "$results/$name-output.txt" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)|Run complete'
    echo "$(date +%s) end $name" >> "$results/cpu-load.txt"
}

# decisions/s of one core and the latency of one decision, on the realistic mix; 10 warm-up iterations: each fork
# still gets 10-15% faster until about 8 s after its start
run decisions 'DecisionBenchmark' -f 2 -wi 10 -i 5 -w 1s -r 1s -prof gc
# each path of the mix on its own (diagnostic: where the time goes)
run scenarios 'ScenarioBenchmark' -f 1 -wi 3 -i 3 -w 1s -r 1s -prof gc
# the route of one recipient in a transport map of 18,000 entries
run routes 'RouteLookupBenchmark' -f 2 -wi 3 -i 5 -w 1s -r 1s -prof gc
# one full-size snapshot: from entries, from the 202,000-line policy file
run snapshot-build 'SnapshotBuildBenchmark' -f 2 -wi 3 -i 5 -prof gc
# decisions while another thread builds snapshots back to back, and without
run concurrent-build 'ConcurrentBuildBenchmark' -f 2 -wi 5 -i 5 -w 1s -r 1s -prof gc
# one rate-limit check, as the MAIL and RCPT hooks make it (target: under 1 us, no allocation)
run rate-limits 'RateLimiterBenchmark' -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
# retained memory of one snapshot, and the cold first build
if wanted footprint; then
    echo "== footprint"
    echo "$(date +%s) start footprint" >> "$results/cpu-load.txt"
    java -Xms2g -Xmx2g -Djdk.attach.allowAttachSelf=true -cp "$jar" org.jamesrelay.benchmarks.SnapshotFootprint | tee "$results/footprint.txt"
    echo "$(date +%s) end footprint" >> "$results/cpu-load.txt"
fi
# SampleTime histograms make the JSON files megabytes: keep JMH's percentiles only
python3 "$here/summarize.py" --compact "$results"
python3 "$here/summarize.py" "$results" | tee "$results/summary.txt"
