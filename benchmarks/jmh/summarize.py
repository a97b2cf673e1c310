#!/usr/bin/env python3
"""Prints the figures of docs/performance.md from the JMH JSON results.

python3 summarize.py [RESULTS_DIR]          print the summary
python3 summarize.py --compact RESULTS_DIR  drop the per-iteration histograms of SampleTime results in place
                                            (JMH's percentiles stay), so that the files stay small enough to commit
"""
import json
import os
import re
import sys

NAMES = ("decisions", "scenarios", "snapshot-build", "concurrent-build")


def load(results, name):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        return []
    try:
        with open(path) as f:
            return json.load(f)
    except ValueError:  # being written by a run in progress
        return []


def compact(results):
    for name in NAMES:
        runs = load(results, name)
        for run in runs:
            for metric in [run["primaryMetric"]] + list(run.get("secondaryMetrics", {}).values()):
                metric.pop("rawDataHistogram", None)
        if runs:
            with open(os.path.join(results, name + ".json"), "w") as f:
                json.dump(runs, f, indent=1)


def fmt(value):
    if isinstance(value, str):
        return value
    if value != value:
        return "NaN"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def metric_line(label, metric, sample):
    line = f"{label:<62} {fmt(metric['score']):>12} ± {fmt(metric['scoreError']):>10} {metric['scoreUnit']}"
    pct = metric.get("scorePercentiles", {})
    if sample and "99.0" in pct:
        line += "   p50 {} p90 {} p99 {} p99.9 {} p99.99 {} max {}".format(
            *(fmt(pct[p]) for p in ("50.0", "90.0", "99.0", "99.9", "99.99", "100.0")))
    return line


def interference(results):
    """The CPU other processes used while each group ran, from cpu-load.txt (100% = one core)."""
    path = os.path.join(results, "cpu-load.txt")
    if not os.path.exists(path):
        return {}
    windows, samples = {}, []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[1] in ("start", "end"):
                windows.setdefault(parts[2], {})[parts[1]] = int(parts[0])
            elif len(parts) >= 3 and parts[-1].startswith("others="):
                samples.append((int(parts[0]), int(parts[-1].split("=")[1].rstrip("%"))))
    found = {}
    for name, window in windows.items():
        if "start" in window and "end" in window:
            inside = [others for ts, others in samples if window["start"] < ts <= window["end"]]
            if inside:
                found[name] = (sum(inside) / len(inside), max(inside), len(inside))
    return found


def spread_line(run):
    """The iterations of a throughput run: slowest, fastest, and their gap as a share of the mean."""
    iterations = [value for fork in run["primaryMetric"].get("rawData", []) for value in fork]
    if run["mode"] != "thrpt" or len(iterations) < 2:
        return None
    mean = sum(iterations) / len(iterations)
    return "    iterations: {} to {}, spread {:.0f}% of the mean ({} iterations)".format(
        fmt(min(iterations)), fmt(max(iterations)), 100 * (max(iterations) - min(iterations)) / mean, len(iterations))


def cpu_share_line(results, name):
    """From DecisionBenchmark's own lines in NAME-output.txt: the thread's CPU share and its rate per CPU second."""
    path = os.path.join(results, name + "-output.txt")
    if not os.path.exists(path):
        return None
    shares, rates, benchmark = [], [], None
    with open(path) as f:
        for line in f:
            if line.startswith("# Benchmark: "):
                benchmark = line.split()[-1]
            if not (benchmark or "").endswith("DecisionBenchmark.decisions"):
                continue
            match = re.match(r"Iteration +\d+: \(thread on CPU (\d+)% of the iteration, ([\d,]+) decisions per CPU second\)", line)
            if match:
                shares.append(int(match.group(1)))
                rates.append(int(match.group(2).replace(",", "")))
    if not rates:
        return None
    mean = sum(rates) / len(rates)
    return "    measured iterations: thread on CPU {}-{}% of the time; per CPU second {} to {}, spread {:.0f}% of the mean".format(
        min(shares), max(shares), fmt(min(rates)), fmt(max(rates)), 100 * (max(rates) - min(rates)) / mean)


def summary(results):
    others = interference(results)
    for name in NAMES + ("footprint",):
        runs = load(results, name) if name != "footprint" else []
        if not runs and name not in others:
            continue
        print(f"== {name}")
        if name in others:
            mean, peak, count = others[name]
            print(f"   other processes: {mean:.0f}% of a core on average, {peak}% at most ({count} samples of 1 s)")
        for run in runs:
            sample = run["mode"] == "sample"
            label = run["benchmark"].replace("org.jamesrelay.benchmarks.", "") + " " + run["mode"]
            if run.get("params"):
                label += " " + ",".join(run["params"].values())
            print(metric_line(label, run["primaryMetric"], sample))
            spread = spread_line(run)
            if spread:
                print(spread)
            share = cpu_share_line(results, name) if run["benchmark"].endswith("DecisionBenchmark.decisions") else None
            if share:
                print(share)
            for key, metric in run.get("secondaryMetrics", {}).items():
                percentile = key.startswith("p0.") or key.startswith("p1.") or ":p0." in key or ":p1." in key
                if not percentile and (key in ("gc.alloc.rate.norm", "gc.count", "gc.time") or not key.startswith("gc.")):
                    print(metric_line("    " + key, metric, sample and not key.startswith("gc.")))
        print()


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--compact"]:
        compact(args[1])
    else:
        summary(args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "results"))
