#!/usr/bin/env python3
"""Reload (SIGHUP) benchmarks of the oslo.service starter (issue 4).

Measures, from outside the JVM, with time.monotonic() on this side (the process start, port
picking, signal dispositions and log-line timestamping of process_bench.py are reused):

  hup      SIGHUP -> the log line "Reloaded in N ms; changed keys: [...]", which the reload
           coordinator logs after the configuration was re-read and every service was reset and
           started again. The sample jar runs with
             --spring.config.additional-location=file:<tmp>/sample.yml --sample.work-queue.drain-time=0ms
           and before each round the yml is rewritten with sample.heartbeat.interval alternating
           between 5s and 4s, so every reload has a change. Variants (interleaved by process):
             reload   oslo.service.restart-method: reload (the default): stop, reset, start each service
             mutate   oslo.service.restart-method: mutate: reset each running service
           Per JVM: the first reload (class loading, JIT) is recorded apart from the --rounds after it.
           Both the external figure and the in-process "Reloaded in N ms" are reported.
  keys     the same with N extra keys in the yml (bench.k00001: v1 ...), one of them changed each
           round (and the heartbeat interval, as above), for N in --keys (default 10,1000,10000),
           restart-method reload; per JVM one unrecorded warm-up reload, then --key-rounds rounds.
           Also spawn -> "Started SampleApplication in" with that file.
  refresh  the baseline: Spring alone has no SIGHUP reload; the closest is Spring Cloud's
           POST /actuator/refresh. bench/plain-app does not have spring-cloud-context, so
           run-reload-bench.sh builds a copy of it with that one dependency added (in a temporary
           directory, bench/plain-app itself is unchanged). Timed: POST -> HTTP response, with the
           same yml shape (plain.heartbeat.interval alternating, N extra keys). The plain app's
           services are NOT restarted by a refresh (its @Scheduled interval is never re-read).

Standard library only. Prints the machine, the java(s) used and Markdown tables of the results.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no bench/__pycache__ in the checkout
import process_bench as pb  # noqa: E402  (reused: JavaProcess, free_port, summary, machine info ...)

ROOT = pb.ROOT
DEFAULT_SAMPLE_JAR = pb.DEFAULT_SAMPLE_JAR
DEFAULT_REFRESH_JAR = os.path.join(tempfile.gettempdir(), "oslo-reload-bench-plain-refresh", "target",
                                   "oslo-service-bench-plain-app-refresh.jar")

RELOADED = "Reloaded in "
RELOADING = "reloading the configuration"
REJECTED = ("Reload rejected", "Reload failed")
STARTED_SAMPLE = pb.STARTED_SAMPLE
STARTED_PLAIN = pb.STARTED_PLAIN
SERVICE_LOGGER = "dev.oslo.sample."  # the sample services' loggers: their first line ends the config phase
BEAT_RE = re.compile(r": heartbeat \d+$")  # the timer's own beats are not part of a reload
RELOADED_RE = re.compile(r"Reloaded in (\d+) ms; changed keys: \[(.*)\]")


def restore_signals():
    # process_bench restores SIGINT; a driver started under nohup would also hand SIGHUP down as
    # ignored, and a JVM cannot handle a signal that was ignored when it started.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


pb.restore_sigint = restore_signals  # JavaProcess passes this module global as preexec_fn


def wait_for_after(p, needle, start):
    """Like JavaProcess.wait_for, but only lines from index start on: return (index, time, text)."""
    seen = start
    with p.cond:
        while True:
            for i in range(seen, len(p.lines)):
                t, text = p.lines[i]
                if needle in text:
                    return i, t, text
                for bad in REJECTED:
                    if bad in text:
                        raise pb.BenchError("%s (line %r); log: %s" % (bad, text, p.log_path))
            seen = len(p.lines)
            if p.eof:
                raise pb.BenchError("process ended (status %s) before a line containing %r; log: %s"
                                    % (p.proc.poll(), needle, p.log_path))
            p.cond.wait()


def line_count(p):
    with p.cond:
        return len(p.lines)


def count_after(p, needle, start):
    with p.cond:
        return sum(1 for _t, text in p.lines[start:] if needle in text)


def write_yml(path, prefix, interval, method=None, keys=0, changed_key=None, round_no=0):
    """The config file of one round; written to a temp name and renamed, so a read sees all of it."""
    lines = ["%s.heartbeat.interval: %s" % (prefix, interval)]
    if method:
        lines.append("oslo.service.restart-method: %s" % method)
    for k in range(1, keys + 1):
        value = "r%d" % round_no if k == changed_key else "v1"
        lines.append("bench.k%05d: %s" % (k, value))
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


def other_java_benchmarks(patterns, own):
    """pids of java processes (not ours) whose command line contains one of patterns."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in own:
            continue
        try:
            with open("/proc/%s/cmdline" % entry, "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if not argv or not os.path.basename(argv[0].decode("utf-8", "replace")).startswith("java"):
            continue
        cmd = b" ".join(argv).decode("utf-8", "replace")
        if any(pat in cmd for pat in patterns):
            found.append(int(entry))
    return found


def wait_until_quiet(patterns, max_wait, poll):
    """Wait while another java benchmark runs (poll every `poll` s, at most max_wait s)."""
    if not patterns:
        return "not checked"
    t0 = time.monotonic()
    quiet_polls = 0
    while True:
        busy = other_java_benchmarks(patterns, {os.getpid()})
        quiet_polls = 0 if busy else quiet_polls + 1
        if quiet_polls >= 2:  # quiet at two polls in a row: not just between two runs of another driver
            return "none running at two polls %.0f s apart (waited %.0f s)" % (poll, time.monotonic() - t0)
        if time.monotonic() - t0 >= max_wait:
            return "still running after %.0f s (pids %s): measured anyway" % (max_wait, busy)
        print("waiting: other benchmark(s) running, pids %s (load %s)" % (busy or "none, checking again", pb.loadavg()),
              file=sys.stderr, flush=True)
        time.sleep(poll)


class Watcher(threading.Thread):
    """Samples, every `period` s during the run, which other java benchmarks are running."""

    def __init__(self, patterns, period=5.0):
        super().__init__(daemon=True)
        self.patterns, self.period = patterns, period
        self.seen = {}  # pid -> first seen (seconds into the run)
        self.stopped = threading.Event()
        self.t0 = time.monotonic()

    def run(self):
        while self.patterns and not self.stopped.wait(self.period):
            for pid in other_java_benchmarks(self.patterns, {os.getpid()}):
                self.seen.setdefault(pid, time.monotonic() - self.t0)

    def summary(self):
        if not self.patterns:
            return "not watched"
        if not self.seen:
            return "none seen during the run (sampled every %.0f s)" % self.period
        return "seen during the run: %s" % ", ".join("pid %d from %.0f s" % kv for kv in sorted(self.seen.items()))


class ReloadBench:

    def __init__(self, args):
        self.args = args
        self.workdir = args.results_dir
        self.raw = []
        self.seq = 0

    def spawn(self, java, name, jar, app_args):
        self.seq += 1
        log = os.path.join(self.workdir, "%03d-%s.log" % (self.seq, name))
        port = pb.free_port()
        p = pb.JavaProcess(java, self.args.jvm_arg, jar, ["--server.port=%d" % port] + list(app_args),
                           log, self.args.timeout)
        p.port = port
        return p

    def jdk_label(self, java):
        return self.args.java_labels[java]

    # --- hup and keys: SIGHUP -> "Reloaded in" --------------------------------------------

    def sighup_round(self, p, yml, prefix, interval, method, keys, changed_key, round_no):
        write_yml(yml, prefix, interval, method, keys, changed_key, round_no)
        start = line_count(p)
        load1 = pb.loadavg().split()[0]
        t0 = time.monotonic()
        os.kill(p.proc.pid, signal.SIGHUP)
        i_done, t1, text = wait_for_after(p, RELOADED, start)
        phases = self.phases(p, start, i_done, t0, t1)
        m = RELOADED_RE.search(text)
        if not m:
            raise pb.BenchError("unexpected line %r; log: %s" % (text, p.log_path))
        changed = m.group(2)
        expect = "%s.heartbeat.interval" % prefix
        if expect not in changed:
            raise pb.BenchError("round %d: the change was not seen (changed keys: [%s]); log: %s"
                                % (round_no, changed, p.log_path))
        if keys and changed_key and ("bench.k%05d" % changed_key) not in changed:
            raise pb.BenchError("round %d: bench.k%05d not among the changed keys [%s]; log: %s"
                                % (round_no, changed_key, changed, p.log_path))
        row = {"external": t1 - t0, "inproc_ms": int(m.group(1)), "changed": changed, "load1": load1,
               "line": start}
        row.update(phases)
        return row

    @staticmethod
    def phases(p, start, i_done, t0, t1):
        """Split the round by the arrival of two log lines: the coordinator's 'reloading the
        configuration' and the first line of a sample service (stopped or reset), i.e.
        signal delivery | re-read + check + refresh | restart or reset of the services."""
        with p.cond:
            lines = p.lines[start:i_done]
        t_begin = next((t for t, text in lines if RELOADING in text), None)
        t_service = next((t for t, text in lines if t_begin is not None and t >= t_begin
                          and SERVICE_LOGGER in text and not BEAT_RE.search(text)), None)
        if t_begin is None or t_service is None:
            return {}
        return {"to_reloading": t_begin - t0, "config": t_service - t_begin, "services": t1 - t_service}

    def settle_after_reload(self, p, start):
        # The coordinator logs "Reloaded in" just before it records the result and goes idle; a
        # SIGHUP that arrived before that would be coalesced into a pending reload. Wait a moment,
        # then check that exactly one reload ran in the round.
        time.sleep(self.args.gap)
        n = count_after(p, RELOADING, start)
        if n != 1:
            raise pb.BenchError("%d reloads in one round; log: %s" % (n, p.log_path))

    def hup_process(self, java, method, proc_no):
        tmpdir = tempfile.mkdtemp(prefix="oslo-reload-yml-")
        yml = os.path.join(tmpdir, "sample.yml")
        write_yml(yml, "sample", "5s", method if method != "reload" else None)
        p = self.spawn(java, "hup-%s-%s" % (self.jdk_label(java), method), self.args.sample_jar,
                       ["--spring.config.additional-location=file:%s" % yml,
                        "--sample.work-queue.drain-time=0ms", "--logging.level.dev.oslo.service=INFO"])
        try:
            t_started, _ = p.wait_for(STARTED_SAMPLE)
            time.sleep(self.args.settle)
            for r in range(self.args.rounds + 1):
                interval = "4s" if r % 2 == 0 else "5s"
                row = self.sighup_round(p, yml, "sample", interval, method if method != "reload" else None,
                                        0, None, r)
                self.settle_after_reload(p, row.pop("line"))
                row.update({"bench": "hup", "jdk": self.jdk_label(java), "variant": method,
                            "process": proc_no, "round": r, "first": r == 0,
                            "startup": t_started - p.t_spawn})
                self.raw.append(row)
                print("hup %s %s p%d r%d: %.1f ms (in-process %d ms)" % (
                    row["jdk"], method, proc_no, r, row["external"] * 1000, row["inproc_ms"]),
                    file=sys.stderr, flush=True)
        finally:
            p.finish()
            shutil.rmtree(tmpdir, ignore_errors=True)

    def keys_process(self, java, keys, proc_no):
        tmpdir = tempfile.mkdtemp(prefix="oslo-reload-yml-")
        yml = os.path.join(tmpdir, "sample.yml")
        write_yml(yml, "sample", "5s", None, keys, None, 0)
        p = self.spawn(java, "keys-%s-%d" % (self.jdk_label(java), keys), self.args.sample_jar,
                       ["--spring.config.additional-location=file:%s" % yml,
                        "--sample.work-queue.drain-time=0ms", "--logging.level.dev.oslo.service=INFO"])
        try:
            t_started, line = p.wait_for(STARTED_SAMPLE)
            boot_started, _ = pb.boot_reported(line)
            self.raw.append({"bench": "keys-startup", "jdk": self.jdk_label(java), "variant": keys,
                             "process": proc_no, "to_started": t_started - p.t_spawn,
                             "boot_started": boot_started, "load1": pb.loadavg().split()[0]})
            time.sleep(self.args.settle)
            for r in range(self.args.key_rounds + 1):  # round 0: warm-up, recorded as first
                interval = "4s" if r % 2 == 0 else "5s"
                changed_key = 1 + (r * 7919) % keys
                row = self.sighup_round(p, yml, "sample", interval, None, keys, changed_key, r + 1)
                self.settle_after_reload(p, row.pop("line"))
                row.update({"bench": "keys", "jdk": self.jdk_label(java), "variant": keys,
                            "process": proc_no, "round": r, "first": r == 0})
                self.raw.append(row)
                print("keys %s %d p%d r%d: %.1f ms (in-process %d ms)" % (
                    row["jdk"], keys, proc_no, r, row["external"] * 1000, row["inproc_ms"]),
                    file=sys.stderr, flush=True)
        finally:
            p.finish()
            shutil.rmtree(tmpdir, ignore_errors=True)

    # --- refresh: POST /actuator/refresh on the plain app + spring-cloud-context --------------

    def refresh_process(self, java, keys, proc_no):
        tmpdir = tempfile.mkdtemp(prefix="oslo-reload-yml-")
        yml = os.path.join(tmpdir, "plain.yml")
        write_yml(yml, "plain", "5s", None, keys, None, 0)
        p = self.spawn(java, "refresh-%s-%d" % (self.jdk_label(java), keys), self.args.refresh_jar,
                       ["--spring.config.additional-location=file:%s" % yml,
                        "--plain.work-queue.drain-time=0ms",
                        "--management.endpoints.web.exposure.include=health,refresh"])
        url = "http://127.0.0.1:%d/actuator/refresh" % p.port
        try:
            t_started, _ = p.wait_for(STARTED_PLAIN)
            self.raw.append({"bench": "refresh-startup", "jdk": self.jdk_label(java), "variant": keys,
                             "process": proc_no, "to_started": t_started - p.t_spawn,
                             "load1": pb.loadavg().split()[0]})
            time.sleep(self.args.settle)
            for r in range(self.args.key_rounds + 1):
                interval = "4s" if r % 2 == 0 else "5s"
                changed_key = (1 + (r * 7919) % keys) if keys else None
                write_yml(yml, "plain", interval, None, keys, changed_key, r + 1)
                load1 = pb.loadavg().split()[0]
                req = urllib.request.Request(url, data=b"", method="POST",
                                             headers={"Content-Type": "application/json"})
                t0 = time.monotonic()
                with urllib.request.urlopen(req, timeout=self.args.timeout) as resp:
                    body = resp.read()
                t1 = time.monotonic()
                changed = json.loads(body.decode("utf-8"))
                if "plain.heartbeat.interval" not in changed:
                    raise pb.BenchError("refresh round %d: change not seen (%s); log: %s"
                                        % (r, changed, p.log_path))
                self.raw.append({"bench": "refresh", "jdk": self.jdk_label(java), "variant": keys,
                                 "process": proc_no, "round": r, "first": r == 0, "external": t1 - t0,
                                 "changed": changed, "load1": load1})
                print("refresh %s %d p%d r%d: %.1f ms" % (self.jdk_label(java), keys, proc_no, r,
                                                          (t1 - t0) * 1000), file=sys.stderr, flush=True)
                time.sleep(self.args.gap)
        finally:
            p.finish()
            shutil.rmtree(tmpdir, ignore_errors=True)

    # --- driver -------------------------------------------------------------------------------

    def run(self):
        a = self.args
        for proc_no in range(1, a.procs + 1):  # interleaved: every JDK and variant once per pass
            if "hup" in a.bench:
                for java in a.java:
                    for method in ("reload", "mutate"):
                        self.hup_process(java, method, proc_no)
        for proc_no in range(1, a.key_procs + 1):
            for keys in a.keys:
                if "keys" in a.bench:
                    self.keys_process(a.java[0], keys, proc_no)
                if "refresh" in a.bench:
                    self.refresh_process(a.java[0], keys, proc_no)

    # --- report -------------------------------------------------------------------------------

    def rows(self, bench, **where):
        return [r for r in self.raw if r["bench"] == bench and all(r.get(k) == v for k, v in where.items())]

    def report(self, header):
        out = [header, ""]
        fmt = pb.fmt_ms

        def line(label, values, inproc=None):
            s = pb.summary(values)
            if s is None:
                return None
            ip = "-"
            if inproc:
                si = pb.summary([v / 1000.0 for v in inproc])
                ip = "%s (%s–%s)" % (fmt(si["median"]), fmt(si["p25"]), fmt(si["p75"]))
            return "| %s | %d | **%s** | %s | %s | %s | %s | %s |" % (
                label, s["n"], fmt(s["median"]), fmt(s["p25"]), fmt(s["p75"]), fmt(s["min"]), fmt(s["max"]), ip)

        head = ["| | n | median | p25 | p75 | min | max | in-process `Reloaded in` median (p25–p75) |",
                "|---|---:|---:|---:|---:|---:|---:|---|"]
        if any(r["bench"] == "hup" for r in self.raw):
            out += ["### SIGHUP → `Reloaded in` (ms; %d JVM(s) per variant, first reload + %d rounds each)"
                    % (self.args.procs, self.args.rounds), ""] + head
            meds = {}
            for jdk in self.args.java_labels.values():
                for method in ("reload", "mutate"):
                    for first in (True, False):
                        rows = self.rows("hup", jdk=jdk, variant=method, first=first)
                        label = "JDK %s, %s, %s" % (jdk, method, "first reload of each JVM" if first
                                                      else "later reloads")
                        ln = line(label, [r["external"] for r in rows], [r["inproc_ms"] for r in rows])
                        if ln:
                            out.append(ln)
                            meds[(jdk, method, first)] = statistics.median(r["external"] for r in rows)
            buckets = [(lo, hi) for lo, hi in ((1, 1), (2, 5), (6, 10), (11, 20), (21, 30), (31, 50), (51, 100))
                       if lo <= self.args.rounds]
            if len(buckets) > 2:
                out += ["", "Warm-up over the reloads of one JVM: median external time (ms) by round number "
                        "(round 0 is the first reload)", "",
                        "| | %s |" % " | ".join("round %d" % lo if lo == hi else "rounds %d–%d" % (lo, min(hi, self.args.rounds))
                                                for lo, hi in buckets),
                        "|---|%s" % ("---:|" * len(buckets))]
                for jdk in self.args.java_labels.values():
                    for method in ("reload", "mutate"):
                        cells = []
                        for lo, hi in buckets:
                            v = [r["external"] for r in self.rows("hup", jdk=jdk, variant=method) if lo <= r["round"] <= hi]
                            cells.append(fmt(statistics.median(v)) if v else "-")
                        out.append("| JDK %s, %s | %s |" % (jdk, method, " | ".join(cells)))
            if self.args.rounds > 10:
                out += ["", "| median of rounds 1–10 only (the issue's \"median of 10\") | n | median | p25 | p75 |",
                        "|---|---:|---:|---:|---:|"]
                for jdk in self.args.java_labels.values():
                    for method in ("reload", "mutate"):
                        sm = pb.summary([r["external"] for r in self.rows("hup", jdk=jdk, variant=method) if 1 <= r["round"] <= 10])
                        if sm:
                            out.append("| JDK %s, %s | %d | **%s** | %s | %s |" % (jdk, method, sm["n"], fmt(sm["median"]), fmt(sm["p25"]), fmt(sm["p75"])))
            out += ["", "Where the time goes (later reloads; medians of the arrival times of log lines, ms): "
                    "signal → `reloading the configuration` | → first line of a sample service (re-read, "
                    "check, Spring Cloud refresh) | → `Reloaded in` (services restarted or reset)", "",
                    "| | signal delivery | configuration | services |", "|---|---:|---:|---:|"]
            for jdk in self.args.java_labels.values():
                for method in ("reload", "mutate"):
                    rows = [r for r in self.rows("hup", jdk=jdk, variant=method, first=False) if "config" in r]
                    if rows:
                        out.append("| JDK %s, %s | %.1f | %.1f | %.1f |" % (jdk, method, *(
                            statistics.median(r[k] for r in rows) * 1000 for k in ("to_reloading", "config", "services"))))
            out += ["", "| ratio (later reloads, medians) | value |", "|---|---:|"]
            for jdk in self.args.java_labels.values():
                r, m = meds.get((jdk, "reload", False)), meds.get((jdk, "mutate", False))
                if r and m:
                    out.append("| JDK %s: mutate / reload | %.2f |" % (jdk, m / r))
                if r:
                    out.append("| JDK %s: reload / oslo.service's ~40 ms (not re-measured) | %.2f |" % (jdk, r / 0.040))
                if m:
                    out.append("| JDK %s: mutate / oslo.service's ~40 ms (not re-measured) | %.2f |" % (jdk, m / 0.040))
                f = meds.get((jdk, "reload", True))
                if f and r:
                    out.append("| JDK %s: first reload / later reloads (reload) | %.1f |" % (jdk, f / r))
            out.append("")
        if any(r["bench"] in ("keys", "refresh") for r in self.raw):
            jdk = self.args.java_labels[self.args.java[0]]
            out += ["### Reload time by number of extra keys (ms; JDK %s, restart-method reload; %d JVM(s) per N, "
                    "one warm-up reload + %d rounds each)" % (jdk, self.args.key_procs, self.args.key_rounds), "",
                    "| | n | median | p25 | p75 | min | max | in-process `Reloaded in` median (p25–p75) |",
                    "|---|---:|---:|---:|---:|---:|---:|---|"]
            base = {}
            for keys in self.args.keys:
                rows = self.rows("keys", variant=keys, first=False)
                ln = line("SIGHUP, N = %d" % keys, [r["external"] for r in rows], [r["inproc_ms"] for r in rows])
                if ln:
                    out.append(ln)
                    base[("keys", keys)] = statistics.median(r["external"] for r in rows)
                rows = self.rows("refresh", variant=keys, first=False)
                ln = line("plain app, POST /actuator/refresh, N = %d" % keys, [r["external"] for r in rows])
                if ln:
                    out.append(ln)
                    base[("refresh", keys)] = statistics.median(r["external"] for r in rows)
            phase_rows = []
            for keys in self.args.keys:
                rows = [r for r in self.rows("keys", variant=keys, first=False) if "config" in r]
                if rows:
                    phase_rows.append("| SIGHUP, N = %d: signal delivery / configuration / services (medians) | | %.1f / %.1f / %.1f | | | | | |" % (
                        keys, *(statistics.median(r[k] for r in rows) * 1000 for k in ("to_reloading", "config", "services"))))
            out += phase_rows
            for keys in self.args.keys:
                rows = self.rows("keys", variant=keys, first=True)
                ln = line("SIGHUP, N = %d, warm-up (first) reload" % keys, [r["external"] for r in rows],
                          [r["inproc_ms"] for r in rows])
                if ln:
                    out.append(ln)
            out += ["", "| start-up with the file: spawn → `Started ...Application in` | n | median | p25 | p75 | min | max |",
                    "|---|---:|---:|---:|---:|---:|---:|"]
            for keys in self.args.keys:
                for bench, label in (("keys-startup", "sample + starter"), ("refresh-startup", "plain app + spring-cloud-context")):
                    s = pb.summary([r["to_started"] for r in self.rows(bench, variant=keys)])
                    if s:
                        out.append("| %s, N = %d | %d | %s | %s | %s | %s | %s |" % (
                            label, keys, s["n"], fmt(s["median"]), fmt(s["p25"]), fmt(s["p75"]), fmt(s["min"]), fmt(s["max"])))
            out += ["", "| ratio (medians) | value |", "|---|---:|"]
            k0 = self.args.keys[0]
            for keys in self.args.keys[1:]:
                for bench in ("keys", "refresh"):
                    if base.get((bench, keys)) and base.get((bench, k0)):
                        out.append("| %s: N = %d / N = %d | %.2f |" % (
                            "SIGHUP" if bench == "keys" else "refresh", keys, k0, base[(bench, keys)] / base[(bench, k0)]))
            for keys in self.args.keys:
                if base.get(("keys", keys)) and base.get(("refresh", keys)):
                    out.append("| N = %d: SIGHUP reload / plain refresh | %.2f |" % (
                        keys, base[("keys", keys)] / base[("refresh", keys)]))
            out.append("")
        return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default="hup,keys,refresh", help="comma-separated subset of hup,keys,refresh")
    ap.add_argument("--procs", type=int, default=3, help="JVMs per variant and JDK for hup (default 3)")
    ap.add_argument("--rounds", type=int, default=10, help="measured reloads per JVM after the first, hup (default 10)")
    ap.add_argument("--keys", default="10,1000,10000", help="numbers of extra keys for keys/refresh")
    ap.add_argument("--key-procs", type=int, default=2, help="JVMs per N for keys and refresh (default 2)")
    ap.add_argument("--key-rounds", type=int, default=5,
                    help="measured reloads per JVM after the warm-up reload, keys/refresh (default 5)")
    ap.add_argument("--settle", type=float, default=1.0, help="seconds after 'Started ...' before the first reload")
    ap.add_argument("--gap", type=float, default=0.5, help="seconds between a reload's end and the next round")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds after spawn before a JVM is killed as hung")
    ap.add_argument("--java", action="append", default=None,
                    help="java executable, repeatable (hup runs on each; keys/refresh on the first); "
                         "default $JAVA_HOME/bin/java, else java on PATH")
    ap.add_argument("--jvm-arg", action="append", default=[], help="extra JVM option (repeatable)")
    ap.add_argument("--sample-jar", default=DEFAULT_SAMPLE_JAR)
    ap.add_argument("--refresh-jar", default=DEFAULT_REFRESH_JAR,
                    help="bench/plain-app built with spring-cloud-context (run-reload-bench.sh builds it)")
    ap.add_argument("--wait-while", action="append", default=[],
                    help="before measuring, wait while a java process whose command line contains this runs "
                         "(repeatable; polled every 30 s, at most --wait-max s)")
    ap.add_argument("--wait-max", type=float, default=1200.0)
    ap.add_argument("--results-dir", default=None)
    ap.add_argument("--no-copy", action="store_true", help="run the jars in place")
    args = ap.parse_args()

    args.bench = [b.strip() for b in args.bench.split(",") if b.strip()]
    if set(args.bench) - {"hup", "keys", "refresh"}:
        ap.error("unknown benchmark(s) in %s" % args.bench)
    args.keys = [int(k) for k in args.keys.split(",") if k.strip()]
    if not args.java:
        home = os.environ.get("JAVA_HOME")
        args.java = [os.path.join(home, "bin", "java") if home else (shutil.which("java") or "java")]
    versions = {j: pb.java_version(j) for j in args.java}
    args.java_labels = {}
    for j, v in versions.items():
        m = re.search(r'version "([^"]+)"', v)
        args.java_labels[j] = m.group(1) if m else j
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    if args.results_dir is None:
        args.results_dir = os.path.join(HERE, "results", "reload-" + stamp)
    os.makedirs(args.results_dir, exist_ok=True)

    jars = {"sample_jar": args.sample_jar}
    if "refresh" in args.bench:
        jars["refresh_jar"] = args.refresh_jar
    for jar in jars.values():
        if not os.path.isfile(jar):
            sys.exit("missing %s (bench/run-reload-bench.sh builds it)" % jar)
    hashes = {k: "%s (built %s)" % (pb.sha256_short(v), pb.jar_built(v)) for k, v in jars.items()}
    copy_dir = None
    if not args.no_copy:
        copy_dir = tempfile.mkdtemp(prefix="oslo-reload-bench-jars-")
        for key, jar in jars.items():
            dst = os.path.join(copy_dir, os.path.basename(jar))
            shutil.copy2(jar, dst)
            setattr(args, key, dst)

    quiet = wait_until_quiet(args.wait_while, args.wait_max, 30.0)
    m = pb.machine_info()
    header_lines = [
        "## Reload benchmark, %s" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "",
        "- command: `%s`" % (os.environ.get("OSLO_BENCH_COMMAND")
                             or " ".join(["python3", os.path.relpath(os.path.abspath(sys.argv[0]), ROOT)] + sys.argv[1:])),
        "- machine: %s cores, %s, CPU `%s`, kernel %s" % (m.get("nproc"), m.get("mem", "?"), m.get("cpu", "?"), m.get("kernel")),
    ] + ["- java: `%s` — %s" % (j, v.splitlines()[0] if v else "?") for j, v in versions.items()] + [
        "- JVM options: %s" % (" ".join("`%s`" % a for a in args.jvm_arg) if args.jvm_arg else "none"),
        "- jars: %s; git HEAD of this checkout: %s" % (", ".join("%s sha256 %s" % kv for kv in hashes.items()), pb.git_head()),
        "- other benchmarks before the run (%s): %s" % (", ".join(args.wait_while) or "-", quiet),
        "- settle %.1f s after start-up, %.1f s between reloads; logs in `%s`"
        % (args.settle, args.gap, os.path.relpath(args.results_dir, ROOT)),
    ]
    load_at_start = pb.loadavg()
    for j, v in versions.items():
        print("java: %s\n%s" % (j, v), file=sys.stderr, flush=True)

    def on_sigterm(_signum, _frame):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, on_sigterm)

    bench = ReloadBench(args)
    watcher = Watcher(args.wait_while)
    watcher.start()
    failed = None
    try:
        bench.run()
    except pb.BenchError as ex:
        failed = str(ex)
        print("benchmark failed: %s" % ex, file=sys.stderr)
    except KeyboardInterrupt:
        failed = "interrupted"
    finally:
        with open(os.path.join(args.results_dir, "raw.json"), "w") as f:
            json.dump({"header": header_lines, "load_at_start": load_at_start, "load_at_end": pb.loadavg(),
                       "runs": bench.raw}, f, indent=1)
        if copy_dir:
            shutil.rmtree(copy_dir, ignore_errors=True)
    watcher.stopped.set()
    header_lines.append("- other benchmarks during the run: %s" % watcher.summary())
    header_lines.append("- load average (1/5/15 min): %s at start, %s at end (the machine is shared)"
                        % (load_at_start, pb.loadavg()))
    if failed:
        header_lines.append("- **incomplete run**: %s" % failed)
    pb.write_report(args.results_dir, bench.report("\n".join(header_lines)), failed)


if __name__ == "__main__":
    main()
