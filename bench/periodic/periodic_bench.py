#!/usr/bin/env python3
"""Periodic tasks (issue 5): @PeriodicTask (the oslo.service starter) against Spring's @Scheduled.

One jar (bench/periodic, no web server), the variant chosen with --bench.* properties; every run
is a fresh JVM, the variants of a benchmark run interleaved (A B C A B C ...) after one unrecorded
warm-up round.

  schedule  one task every 200 ms, idle (bench.work=0ms) and with 20 ms of busy work per run:
              oslo                @PeriodicTask(spacing = "200ms"), oslo.service.periodic.jitter=false
              oslo-jitter         the same with the default jitter (up to 5 %, i.e. 0-10 ms a run)
              spring-fixed-rate   @Scheduled(fixedRate = 200)
              spring-fixed-delay  @Scheduled(fixedDelay = 200)
            The app records System.nanoTime() at the start of runs 20..70 (the first 20 runs, 4 s,
            are a warm-up: the 16th reflective call generates the method accessor, ~0.5 ms once)
            and prints them; run k's deviation is its start minus k * 200 ms after the first
            recorded run. Per run: mean and p99 (nearest rank) of |deviation| over
            k = 1..50, the max, and the drift (deviation of the last run, k = 50, i.e. after 10 s).
  idle      bench.tasks generated tasks (default 10 000; 100 classes x 100 methods, one bean per
            class) whose spacing is 1 h, so that none runs while measured:
              oslo    @PeriodicTask(spacing = "${bench.spacing:60s}")  with bench.spacing=1h
              spring  @Scheduled(fixedDelay = 3600000, initialDelay = 3600000)
              none    the same beans without any annotation (what the beans cost by themselves)
            and the two empty baselines oslo/0 and spring/0 (0 tasks, same jar, same settings).
            Per run: used heap after GC printed by the app once started (3 x System.gc()), the
            process CPU time (utime + stime, /proc/<pid>/stat) over --window seconds (60) that
            begin --settle seconds (5) after the app is ready, then the live heap of
            `jcmd <pid> GC.class_histogram` (a full GC; exact live bytes).
  steady    the same 10 000 tasks with the brief's 60 s schedule (bench.spacing=60s;
            @Scheduled(fixedDelay = 60000, initialDelay = 60000)), oslo with its default jitter:
            process CPU over [ready + 30 s, ready + 90 s] (holds each task's first run) and over
            [ready + 90 s, ready + 150 s] (its second run), then the live heap after the runs.

Standard library only. Writes report.md, raw.json, the logs and the histograms to the results
directory and prints the report.
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from process_bench import BenchError, JavaProcess, git_head, loadavg, sha256_short  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_JAR = os.path.join(HERE, "target", "oslo-service-bench-periodic.jar")

PERIOD_US = 200_000
SCHEDULE_VARIANTS = ["oslo", "oslo-jitter", "spring-fixed-rate", "spring-fixed-delay"]


CLK_TCK = float(os.sysconf("SC_CLK_TCK"))


def cpu_seconds(pid):
    """utime + stime of all threads of a live process, from /proc/<pid>/stat."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def thread_cpu(pid):
    """{thread name: utime + stime seconds}, summed over threads of the same name."""
    out = {}
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return out
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                data = f.read()
        except OSError:
            continue
        name = data[data.index("(") + 1:data.rindex(")")]
        fields = data.rsplit(")", 1)[1].split()
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / CLK_TCK
    return out


def thread_delta(before, after):
    names = set(before) | set(after)
    return {n: after.get(n, 0.0) - before.get(n, 0.0) for n in names
            if abs(after.get(n, 0.0) - before.get(n, 0.0)) > 1e-9}


def histogram(jcmd, pid, path):
    """Run jcmd GC.class_histogram (a full GC, live objects only); save it; return (total bytes,
    {class: (instances, bytes)})."""
    out = subprocess.run([jcmd, str(pid), "GC.class_histogram"], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, timeout=120).stdout
    with open(path, "w") as f:
        f.write(out)
    classes = {}
    total = None
    for line in out.splitlines():
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            name = m.group(3)
            inst, size = int(m.group(1)), int(m.group(2))
            old = classes.get(name, (0, 0))
            classes[name] = (old[0] + inst, old[1] + size)
            continue
        m = re.match(r"Total\s+(\d+)\s+(\d+)", line.strip())
        if m:
            total = int(m.group(2))
    if total is None:
        raise BenchError("no Total line in the histogram of %d: %s" % (pid, path))
    return total, classes


def parse_kv(line):
    return dict(m.groups() for m in re.finditer(r"([\w-]+)=(\S+)", line))


def schedule_stats(offsets_us):
    devs = [offsets_us[k] - k * PERIOD_US for k in range(1, len(offsets_us))]
    absd = sorted(abs(d) for d in devs)
    rank = max(1, math.ceil(0.99 * len(absd)))
    intervals = [offsets_us[k] - offsets_us[k - 1] for k in range(1, len(offsets_us))]
    return {
        "n": len(devs),
        "mean_abs_dev_ms": statistics.mean(absd) / 1000.0,
        "p99_abs_dev_ms": absd[rank - 1] / 1000.0,
        "max_abs_dev_ms": absd[-1] / 1000.0,
        "mean_dev_ms": statistics.mean(devs) / 1000.0,
        "drift_ms": devs[-1] / 1000.0,
        "last_run_ms": offsets_us[-1] / 1000.0,
        "mean_interval_ms": statistics.mean(intervals) / 1000.0,
    }


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def spread(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None, None
    return values[0], values[-1]


def java_version(java):
    return subprocess.run([java, "-version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True).stdout.strip()


def machine_info():
    info = {"nproc": os.cpu_count(), "kernel": platform.release()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split(":", 1)[1].split()[0])
            info["mem"] = "%.1f GiB RAM" % (kib / 1048576.0)
    except OSError:
        pass
    return info


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


class Bench:

    def __init__(self, args, jar):
        self.args = args
        self.jar = jar
        self.java = args.java
        self.jcmd = args.jcmd
        self.dir = args.results_dir
        self.raw = []
        self.seq = 0

    def spawn(self, name, app_args, timeout):
        self.seq += 1
        log_path = os.path.join(self.dir, "%03d-%s.log" % (self.seq, name))
        return JavaProcess(self.java, self.args.jvm_arg, self.jar, app_args, log_path, timeout), log_path

    # --- 1. the 200 ms schedule ---------------------------------------------------------------

    def schedule_run(self, variant, work, round_no, record):
        name = "schedule-%s-%s" % (variant, work)
        app = ["--bench.mode=schedule", "--bench.scheduler=%s" % variant, "--bench.work=%s" % work,
               "--bench.skip=%d" % self.args.skip, "--bench.runs=%d" % (self.args.schedule_runs_per_process)]
        if variant == "oslo":
            app.append("--oslo.service.periodic.jitter=false")
        elif variant == "oslo-jitter":
            app = [a.replace("--bench.scheduler=oslo-jitter", "--bench.scheduler=oslo") for a in app]
            app.append("--oslo.service.periodic.jitter=true")
        load = loadavg().split()[0]
        proc, log_path = self.spawn(name, app, 120)
        try:
            found = proc.wait_for("BENCH-SCHEDULE", timeout=110)
            if found is None:
                raise BenchError("no BENCH-SCHEDULE line within 110 s; log: %s" % log_path)
            offsets = [int(x) for x in parse_kv(found[1])["offsets-us"].split(",")]
        finally:
            proc.finish()
        stats = schedule_stats(offsets)
        row = {"bench": "schedule", "variant": variant, "work": work, "round": round_no, "load1": load,
               "offsets_us": offsets, **stats}
        log("schedule %-19s work=%-4s round %s: mean %.2f ms, p99 %.2f ms, drift %+.2f ms (load %s)%s"
            % (variant, work, round_no, stats["mean_abs_dev_ms"], stats["p99_abs_dev_ms"], stats["drift_ms"],
               load, "" if record else " [warm-up]"))
        if record:
            self.raw.append(row)

    def bench_schedule(self):
        variants = self.args.schedule_variants
        works = self.args.works
        for variant in variants:
            self.schedule_run(variant, works[0], 0, record=False)
        for r in range(1, self.args.runs_schedule + 1):
            for work in works:
                for variant in variants:
                    self.schedule_run(variant, work, r, record=True)

    # --- 2. many tasks: idle and steady ---------------------------------------------------------

    def many_run(self, bench, scheduler, tasks, round_no, record):
        spacing = "1h" if bench == "idle" else "%gs" % self.args.steady_spacing
        name = "%s-%s-%d" % (bench, scheduler, tasks)
        app = ["--bench.mode=many", "--bench.scheduler=%s" % scheduler, "--bench.tasks=%d" % tasks,
               "--bench.spacing=%s" % spacing]
        load = loadavg().split()[0]
        timeout = 600
        proc, log_path = self.spawn(name, app, timeout)
        row = {"bench": bench, "variant": "%s/%d" % (scheduler, tasks), "scheduler": scheduler, "tasks": tasks,
               "round": round_no, "load1": load}
        try:
            t_ready, line = proc.wait_for("BENCH-READY", timeout=240) or (None, None)
            if t_ready is None:
                raise BenchError("no BENCH-READY line within 240 s; log: %s" % log_path)
            kv = parse_kv(line)
            row["ready_s"] = t_ready - proc.t_spawn
            row["oslo_tasks"] = int(kv["oslo-tasks"])
            row["spring_tasks"] = int(kv["spring-tasks"])
            row["heap_mxbean"] = int(kv["heap-used-after-gc"])
            expected = {"oslo": (tasks, 0), "spring": (0, tasks), "none": (0, 0)}[scheduler]
            if (row["oslo_tasks"], row["spring_tasks"]) != expected:
                raise BenchError("%s: oslo-tasks=%s spring-tasks=%s, expected %s; log: %s"
                                 % (name, row["oslo_tasks"], row["spring_tasks"], expected, log_path))
            row["cpu_startup_s"] = cpu_seconds(proc.pid)
            if bench == "idle":
                marks = [self.args.settle, self.args.settle + self.args.window]
            else:
                marks = [0.5 * self.args.steady_spacing, 1.5 * self.args.steady_spacing,
                         2.5 * self.args.steady_spacing]
            cpu, threads = [], []
            for mark in marks:
                delay = t_ready + mark - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                cpu.append(cpu_seconds(proc.pid))
                threads.append(thread_cpu(proc.pid))
            row["marks_s"] = marks
            row["cpu_s"] = cpu
            windows = []
            for i in range(1, len(marks)):
                windows.append({"from_s": marks[i - 1], "to_s": marks[i],
                                "cpu_ms": (cpu[i] - cpu[i - 1]) * 1000.0,
                                "cpu_ms_per_min": (cpu[i] - cpu[i - 1]) * 1000.0 * 60.0 / (marks[i] - marks[i - 1]),
                                "threads_ms": {n: v * 1000.0 for n, v in
                                               thread_delta(threads[i - 1], threads[i]).items()}})
            row["windows"] = windows
            hist_path = os.path.join(self.dir, "%03d-%s.histo.txt" % (self.seq, name))
            total, classes = histogram(self.jcmd, proc.pid, hist_path)
            row["heap_live"] = total
            row["histogram"] = hist_path
            status = proc.terminate()
            end = proc.wait_for("BENCH-END", timeout=1)
            row["runs"] = int(parse_kv(end[1])["runs"]) if end else None
            row["exit"] = status
        finally:
            proc.finish()
        log("%s %-11s round %s: heap %.2f MiB (live %.2f MiB), CPU %s ms/window, runs %s (load %s)%s"
            % (bench, row["variant"], round_no, row["heap_mxbean"] / 1048576.0, row["heap_live"] / 1048576.0,
               ", ".join("%.0f" % w["cpu_ms"] for w in row["windows"]), row["runs"], load,
               "" if record else " [warm-up]"))
        if record:
            self.raw.append(row)
        return classes

    def bench_many(self, bench):
        n = self.args.tasks
        if bench == "idle":
            variants = [("oslo", n), ("spring", n), ("none", n), ("oslo", 0), ("spring", 0)]
        else:
            variants = [("oslo", n), ("spring", n)]
        if not (bench == "steady" and self.rows("idle")):  # the idle bench has warmed the same jar up
            self.many_run(bench, variants[0][0], variants[0][1], 0, record=False)
        self.classes = getattr(self, "classes", {})
        for r in range(1, self.args.runs_many + 1):
            for scheduler, tasks in variants:
                classes = self.many_run(bench, scheduler, tasks, r, record=True)
                if r == 1:
                    self.classes[(bench, scheduler, tasks)] = classes

    # --- report ---------------------------------------------------------------------------------

    def rows(self, bench, **match):
        return [r for r in self.raw if r["bench"] == bench and all(r.get(k) == v for k, v in match.items())]

    def paired(self, bench, a, b, key):
        """Per-round a - b of key; a and b are dicts of fields to match."""
        out = []
        for r in sorted({row["round"] for row in self.rows(bench)}):
            ra = self.rows(bench, round=r, **a)
            rb = self.rows(bench, round=r, **b)
            if ra and rb:
                out.append(key(ra[0]) - key(rb[0]))
        return out

    def report(self, header):
        out = list(header)
        if self.rows("schedule"):
            out += self.report_schedule()
        if self.rows("idle"):
            out += self.report_idle()
        if self.rows("steady"):
            out += self.report_steady()
        return "\n".join(out) + "\n"

    def report_schedule(self):
        out = ["", "### 1. A 200 ms task over 10 s", "",
               "Medians over %d runs per variant (min–max in brackets); deviation of run k = its start "
               "minus k × 200 ms after the first recorded run, k = 1..%d; p99 is the nearest rank of %d "
               "values (= the largest but for n ≥ 100); drift = deviation of the last run (10 s)."
               % (self.args.runs_schedule, self.args.schedule_runs_per_process - 1,
                  self.args.schedule_runs_per_process - 1), "",
               "| work per run | variant | mean \\|dev\\| (ms) | p99 \\|dev\\| (ms) | max \\|dev\\| (ms) | drift at 10 s (ms) | mean interval (ms) | load (1 min) |",
               "|---|---|---:|---:|---:|---:|---:|---:|"]
        for work in self.args.works:
            for variant in self.args.schedule_variants:
                rows = self.rows("schedule", variant=variant, work=work)
                if not rows:
                    continue

                def cell(key, fmt="%.2f", signed=False):
                    vals = [r[key] for r in rows]
                    lo, hi = spread(vals)
                    f = ("%+" + fmt[1:]) if signed else fmt
                    return ("**" + f + "** [" + f + " – " + f + "]") % (median(vals), lo, hi)
                out.append("| %s | %s | %s | %s | %s | %s | %.3f | %s |" % (
                    work, variant, cell("mean_abs_dev_ms"), cell("p99_abs_dev_ms"), cell("max_abs_dev_ms"),
                    cell("drift_ms", signed=True), median([r["mean_interval_ms"] for r in rows]),
                    "–".join(spread([r["load1"] for r in rows]))))
        return out

    def report_idle(self):
        n = self.args.tasks
        out = ["", "### 2a. %d tasks, none due: heap and idle CPU" % n, "",
               "Medians over %d runs. Live heap: bytes of `jcmd GC.class_histogram` (a full GC; live "
               "objects) after the window; heap at ready: the app's own MemoryMXBean used heap after "
               "3 × System.gc(). CPU: utime + stime of the process (/proc/<pid>/stat, 10 ms ticks) over "
               "%g s from ready + %g s, no task due."
               % (self.args.runs_many, self.args.window, self.args.settle), "",
               "| variant | ready after spawn (s) | live heap (MiB) | heap at ready (MiB) | CPU per idle minute (ms) | load (1 min) |",
               "|---|---:|---:|---:|---:|---:|"]
        for scheduler, tasks in [("oslo", n), ("spring", n), ("none", n), ("oslo", 0), ("spring", 0)]:
            rows = self.rows("idle", scheduler=scheduler, tasks=tasks)
            if not rows:
                continue
            cpu = [r["windows"][0]["cpu_ms_per_min"] for r in rows]
            lo, hi = spread(cpu)
            out.append("| %s/%d | %.2f | %.2f | %.2f | **%.0f** [%.0f – %.0f] | %s |" % (
                scheduler, tasks, median([r["ready_s"] for r in rows]),
                median([r["heap_live"] for r in rows]) / 1048576.0,
                median([r["heap_mxbean"] for r in rows]) / 1048576.0, median(cpu), lo, hi,
                "–".join(spread([r["load1"] for r in rows]))))
        out += ["", "Per task (median of the per-round differences, rounds interleaved):", "",
                "| difference | live heap per task (bytes) | heap at ready per task (bytes) | idle CPU per minute, difference (ms) |",
                "|---|---:|---:|---:|"]
        pairs = [("oslo/%d − oslo/0 (all a task costs, beans included)" % n, {"scheduler": "oslo", "tasks": n},
                  {"scheduler": "oslo", "tasks": 0}),
                 ("spring/%d − spring/0" % n, {"scheduler": "spring", "tasks": n}, {"scheduler": "spring", "tasks": 0}),
                 ("none/%d − oslo/0 (the generated beans alone)" % n, {"scheduler": "none", "tasks": n},
                  {"scheduler": "oslo", "tasks": 0}),
                 ("oslo/%d − none/%d (the scheduler's share)" % (n, n), {"scheduler": "oslo", "tasks": n},
                  {"scheduler": "none", "tasks": n}),
                 ("spring/%d − none/%d" % (n, n), {"scheduler": "spring", "tasks": n},
                  {"scheduler": "none", "tasks": n})]
        self.per_task = {}
        for label, a, b in pairs:
            live = self.paired("idle", a, b, lambda r: r["heap_live"])
            mx = self.paired("idle", a, b, lambda r: r["heap_mxbean"])
            cpu = self.paired("idle", a, b, lambda r: r["windows"][0]["cpu_ms_per_min"])
            if not live:
                continue
            self.per_task[label] = median(live) / n
            out.append("| %s | **%.0f** [%.0f – %.0f] | %.0f | %+.0f |" % (
                label, median(live) / n, spread(live)[0] / n, spread(live)[1] / n, median(mx) / n, median(cpu)))
        osl = self.paired("idle", {"scheduler": "oslo", "tasks": n}, {"scheduler": "none", "tasks": n},
                          lambda r: r["heap_live"])
        spr = self.paired("idle", {"scheduler": "spring", "tasks": n}, {"scheduler": "none", "tasks": n},
                          lambda r: r["heap_live"])
        if osl and spr and median(spr) > 0:
            out += ["", "Ratio oslo / spring of the scheduler's share of the heap: **%.2f**" % (median(osl) / median(spr))]
        out += self.report_threads("idle", [("oslo", n), ("spring", n), ("oslo", 0)], 0)
        out += self.report_classes("idle", n)
        return out

    def report_threads(self, bench, variants, window):
        out = ["", "CPU by thread over the window (median ms; threads of the same name summed; the top 6):", ""]
        for scheduler, tasks in variants:
            rows = self.rows(bench, scheduler=scheduler, tasks=tasks)
            if not rows:
                continue
            names = set()
            for r in rows:
                names |= set(r["windows"][window]["threads_ms"])
            meds = {nm: median([r["windows"][window]["threads_ms"].get(nm, 0.0) for r in rows]) for nm in names}
            top = sorted(meds.items(), key=lambda kv: -kv[1])[:6]
            out.append("- %s/%d: %s" % (scheduler, tasks, ", ".join("`%s` %.0f" % kv for kv in top if kv[1] > 0)))
        return out

    def report_classes(self, bench, n):
        out = []
        classes = getattr(self, "classes", {})
        for scheduler, base in [("oslo", ("none", n)), ("spring", ("none", n))]:
            a = classes.get((bench, scheduler, n))
            b = classes.get((bench,) + base)
            if not a or not b:
                continue
            diff = []
            for name in set(a) | set(b):
                ia, ba = a.get(name, (0, 0))
                ib, bb = b.get(name, (0, 0))
                diff.append((ba - bb, ia - ib, name))
            diff.sort(reverse=True)
            out += ["", "Live objects per task, %s/%d − none/%d (round 1, the top 12 classes by bytes):" % (scheduler, n, n),
                    "", "| class | instances per task | bytes per task |", "|---|---:|---:|"]
            for db, di, name in diff[:12]:
                out.append("| `%s` | %.2f | %.1f |" % (name, di / n, db / n))
        return out

    def report_steady(self):
        n = self.args.tasks
        sp = self.args.steady_spacing
        out = ["", "### 2b. %d tasks on the %g s schedule" % (n, sp), "",
               "Medians over %d runs; CPU of the process in each window (ms), the live heap after "
               "the second window, and the task runs counted by the app at exit (expected 2 × %d)."
               % (self.args.runs_many, n), "",
               "| variant | CPU ready+%g → +%g s (first runs) (ms) | CPU ready+%g → +%g s (second runs) (ms) | live heap after (MiB) | runs | load (1 min) |"
               % (0.5 * sp, 1.5 * sp, 1.5 * sp, 2.5 * sp),
               "|---|---:|---:|---:|---:|---:|"]
        for scheduler in ["oslo", "spring"]:
            rows = self.rows("steady", scheduler=scheduler, tasks=n)
            if not rows:
                continue
            w1 = [r["windows"][0]["cpu_ms"] for r in rows]
            w2 = [r["windows"][1]["cpu_ms"] for r in rows]
            out.append("| %s/%d | **%.0f** [%.0f – %.0f] | **%.0f** [%.0f – %.0f] | %.2f | %s | %s |" % (
                scheduler, n, median(w1), spread(w1)[0], spread(w1)[1], median(w2), spread(w2)[0], spread(w2)[1],
                median([r["heap_live"] for r in rows]) / 1048576.0,
                "/".join(str(r["runs"]) for r in rows), "–".join(spread([r["load1"] for r in rows]))))
        idle0 = {s: median([r["windows"][0]["cpu_ms_per_min"] for r in self.rows("idle", scheduler=s, tasks=0)])
                 for s in ["oslo", "spring"]}
        idle_n = {s: median([r["heap_live"] for r in self.rows("idle", scheduler=s, tasks=n)]) for s in ["oslo", "spring"]}
        lines = []
        for scheduler in ["oslo", "spring"]:
            rows = self.rows("steady", scheduler=scheduler, tasks=n)
            if rows and idle0.get(scheduler) is not None:
                w2 = median([r["windows"][1]["cpu_ms"] for r in rows])
                base = idle0[scheduler] * sp / 60.0
                lines.append("- %s: (second-window CPU − idle CPU of %s/0 over as long, %.0f ms) / %d runs = **%.1f µs per run**"
                             % (scheduler, scheduler, base, n, (w2 - base) * 1000.0 / n))
            if rows and idle_n.get(scheduler) is not None:
                h = median([r["heap_live"] for r in rows])
                lines.append("- %s: live heap after two runs of every task − before any run (idle bench) = %.0f bytes per task"
                             % (scheduler, (h - idle_n[scheduler]) / n))
        if lines:
            out += ["", "Per task run (approximate: the baseline is the idle bench's, other processes):", ""] + lines
        out += self.report_threads("steady", [("oslo", n), ("spring", n)], 1)
        return out


def wait_for_quiet(patterns, poll, limit):
    """Wait until no process matches any pattern (pgrep -f), at most limit seconds."""
    t0 = time.monotonic()
    while True:
        busy = []
        for p in patterns:
            r = subprocess.run(["pgrep", "-f", p], stdout=subprocess.PIPE, text=True)
            pids = [x for x in r.stdout.split() if int(x) != os.getpid()]
            if pids:
                busy.append("%s (%s)" % (p, " ".join(pids)))
        waited = time.monotonic() - t0
        if not busy:
            return waited, None
        if waited >= limit:
            return waited, busy
        log("waiting for other benchmarks to end: %s" % ", ".join(busy))
        time.sleep(poll)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bench", default="schedule,idle,steady", help="comma-separated: schedule, idle, steady")
    p.add_argument("--runs-schedule", type=int, default=5, help="measured runs per schedule variant (5)")
    p.add_argument("--runs-many", type=int, default=3, help="measured runs per idle/steady variant (3)")
    p.add_argument("--schedule-variants", default=",".join(SCHEDULE_VARIANTS),
                   help="comma-separated, of oslo, oslo-jitter, spring-fixed-rate, spring-fixed-delay")
    p.add_argument("--works", default="0ms,20ms", help="busy work per run of the 200 ms task (0ms,20ms)")
    p.add_argument("--skip", type=int, default=20,
                   help="warm-up runs of the 200 ms task not recorded (20 = 4 s: past the 16th reflective call, "
                        "where the JDK generates the method accessor, ~0.5 ms once)")
    p.add_argument("--schedule-runs-per-process", type=int, default=51,
                   help="recorded runs of the 200 ms task: 51 = 10 s (k = 0..50)")
    p.add_argument("--tasks", type=int, default=10000, help="tasks of the idle/steady benches (10000)")
    p.add_argument("--settle", type=float, default=5.0, help="seconds after ready before the idle window (5)")
    p.add_argument("--window", type=float, default=60.0, help="idle window in seconds (60)")
    p.add_argument("--steady-spacing", type=float, default=60.0,
                   help="spacing of the steady bench in seconds (60); windows at 0.5, 1.5, 2.5 spacings after ready")
    p.add_argument("--java", default=os.path.join(os.environ["JAVA_HOME"], "bin", "java")
                   if os.environ.get("JAVA_HOME") else "java")
    p.add_argument("--jvm-arg", action="append", default=[], help="a JVM option (repeatable)")
    p.add_argument("--jar", default=DEFAULT_JAR)
    p.add_argument("--results-dir", default=None)
    p.add_argument("--wait-others", type=float, default=25 * 60,
                   help="wait at most this many seconds for other benchmarks to end (1500; 0: do not wait)")
    args = p.parse_args()
    args.schedule_variants = [v for v in args.schedule_variants.split(",") if v]
    args.works = [w for w in args.works.split(",") if w]
    benches = [b for b in args.bench.split(",") if b]
    java = shutil.which(args.java) or args.java
    args.java = java
    args.jcmd = os.path.join(os.path.dirname(os.path.realpath(java)), "jcmd")
    if args.results_dir is None:
        args.results_dir = os.path.join(HERE, "results", datetime.datetime.now(datetime.timezone.utc)
                                        .strftime("%Y%m%dT%H%M%SZ"))
    os.makedirs(args.results_dir, exist_ok=True)

    waited, busy = (0.0, None)
    if args.wait_others > 0:
        waited, busy = wait_for_quiet(["benchmarks.jar", "TimerMemory", "reload_bench.py", "process_bench.py"],
                                      30, args.wait_others)

    tmp = tempfile.mkdtemp(prefix="periodic-bench-")
    jar = os.path.join(tmp, os.path.basename(args.jar))
    shutil.copy2(args.jar, jar)
    m = machine_info()
    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = loadavg()
    header = ["## Periodic tasks: report of %s" % started.strftime("%Y-%m-%d %H:%M UTC"), "",
              "- command: `%s`" % os.environ.get("OSLO_BENCH_COMMAND", " ".join(sys.argv)),
              "- machine: %s cores, %s, CPU `%s`, kernel %s" % (m.get("nproc"), m.get("mem", "?"), m.get("cpu", "?"),
                                                               m.get("kernel")),
              "- java: `%s` (%s)" % (java, java_version(java).replace("\n", " / ")),
              "- JVM options: %s" % (" ".join(args.jvm_arg) or "none (defaults)"),
              "- jar: `%s`, sha256 %s…, built %s; repository HEAD %s" % (
                  args.jar, sha256_short(jar),
                  datetime.datetime.fromtimestamp(os.path.getmtime(args.jar), datetime.timezone.utc)
                  .strftime("%Y-%m-%d %H:%M UTC"), git_head()),
              "- waited %.0f s for other benchmarks%s" % (waited, "; still running, measured anyway: %s" % ", ".join(busy)
                                                          if busy else "")]
    log("results in %s" % args.results_dir)
    bench = Bench(args, jar)
    try:
        for b in benches:
            if b == "schedule":
                bench.bench_schedule()
            elif b in ("idle", "steady"):
                bench.bench_many(b)
            else:
                raise BenchError("unknown benchmark %r" % b)
    except BenchError as e:
        log("FAILED: %s" % e)
        status = 1
    else:
        status = 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ended = datetime.datetime.now(datetime.timezone.utc)
    header.append("- load average (1/5/15 min): %s at start (%s), %s at end (%s)" % (
        load_start, started.strftime("%H:%M"), loadavg(), ended.strftime("%H:%M UTC")))
    report = bench.report(header)
    with open(os.path.join(args.results_dir, "report.md"), "w") as f:
        f.write(report)
    with open(os.path.join(args.results_dir, "raw.json"), "w") as f:
        json.dump({"header": header, "args": {k: v for k, v in vars(args).items()}, "runs": bench.raw}, f, indent=1)
    print(report)
    return status


if __name__ == "__main__":
    sys.exit(main())
