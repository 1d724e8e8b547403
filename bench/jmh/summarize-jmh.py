#!/usr/bin/env python3
"""Summarise JMH JSON results of the timer benchmarks: score, error, ratios.

usage: summarize-jmh.py jdk17.json jdk25.json   (file names must contain 'jdk<N>')
"""
import json
import re
import sys


def load(path):
    jdk = re.search(r"jdk(\d+)", path).group(1)
    out = {}
    with open(path) as f:
        for r in json.load(f):
            cls, name = r["benchmark"].split(".")[-2:]
            m = r["primaryMetric"]
            raw = [x for fork in m.get("rawData", []) for x in fork]
            out[(cls, name)] = (m["score"], m["scoreError"], m["scoreUnit"], min(raw) if raw else None,
                                max(raw) if raw else None)
    return jdk, out


def main(paths):
    runs = [load(p) for p in paths]
    print(f"{'benchmark':<42} {'JDK':>4} {'score':>10} {'± 99.9%':>9} {'min':>10} {'max':>10}  unit")
    keys = sorted({k for _, res in runs for k in res})
    for key in keys:
        for jdk, res in runs:
            if key in res:
                s, e, u, lo, hi = res[key]
                e = float("nan") if e != e else e
                print(f"{key[0] + '.' + key[1]:<42} {jdk:>4} {s:>10.2f} {e:>9.2f} {lo:>10.2f} {hi:>10.2f}  {u}")
    print()
    ratios = [
        ("TimerTickBenchmark", "timerPlatform", "plainLoop", "looping call (platform) / plain loop"),
        ("TimerTickBenchmark", "timerVirtual", "plainLoop", "looping call (virtual) / plain loop"),
        ("TimerTickBenchmark", "timerPlatform", "plainLoopTwoClockReads", "looping call (platform) / loop + 2 nanoTime"),
        ("TimerTickBenchmark", "timerVirtual", "timerPlatform", "tick: virtual / platform"),
        ("TimerTickBenchmark", "timerPlatform", "stpeFixedDelay", "tick: looping call (platform) / STPE"),
        ("TimerStartBenchmark", "timerPlatform", "threadPlatform", "start: timer / bare thread (platform)"),
        ("TimerStartBenchmark", "timerVirtual", "threadVirtual", "start: timer / bare thread (virtual)"),
        ("TimerStartBenchmark", "timerVirtual", "timerPlatform", "start: virtual / platform timer"),
        ("TimerRealSleepBenchmark", "timerVirtual", "timerPlatform", "1 ms tick: virtual / platform"),
        ("TimerRealSleepBenchmark", "timerPlatform", "stpeFixedDelay", "1 ms tick: looping call (platform) / STPE"),
    ]
    for cls, a, b, label in ratios:
        for jdk, res in runs:
            if (cls, a) in res and (cls, b) in res:
                print(f"{label:<48} JDK {jdk:>2}: {res[(cls, a)][0] / res[(cls, b)][0]:6.2f}")
    for jdk, res in runs:
        for name in ("timerPlatform", "timerVirtual", "stpeFixedDelay"):
            key = ("TimerRealSleepBenchmark", name)
            if key in res:
                print(f"1 ms tick lateness {name:<29} JDK {jdk:>2}: {res[key][0] - 1000:6.1f} us over 1000 us")


if __name__ == "__main__":
    main(sys.argv[1:])
