#!/usr/bin/env python3
"""Logs, every second, how much CPU this benchmark run and everything else on the machine use, so that a result
measured while other work was running can be recognised: python3 cpu-monitor.py MARKER LOGFILE
A process is "ours" when its command line contains MARKER (the path of benchmarks.jar) or its parent is ours (JMH
forks start through jspawnhelper); "others" is the CPU of every other process over the interval (a process that
ended during the interval is missed for that interval).
100% is one core."""
import os
import sys
import time

marker, log = sys.argv[1].encode(), sys.argv[2]
ticks = os.sysconf("SC_CLK_TCK")
INTERVAL = 1.0


def processes():
    """pid -> (ours, jiffies used so far)"""
    found, parents = {}, {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                ours = marker in f.read()
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            found[pid] = (ours, int(fields[11]) + int(fields[12]))
            parents[pid] = fields[1]
        except (OSError, IndexError, ValueError):
            pass
    changed = True
    while changed:
        changed = False
        for pid, (ours, used) in found.items():
            if not ours and found.get(parents[pid], (False, 0))[0]:
                found[pid] = (True, used)
                changed = True
    return found


def percent(jiffies):
    return jiffies / ticks / INTERVAL * 100


with open(log, "a", buffering=1) as out:
    before = processes()
    while True:
        time.sleep(INTERVAL)
        now = processes()
        ours = others = 0
        for pid, (mine, used) in now.items():
            delta = used - before.get(pid, (mine, 0))[1]
            if mine:
                ours += delta
            else:
                others += delta
        out.write(f"{time.time():.0f} ours={percent(ours):.0f}% others={percent(others):.0f}%\n")
        before = now
