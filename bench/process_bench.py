#!/usr/bin/env python3
"""Whole-process benchmarks of the oslo.service starter (issue 2).

Measures, from outside the JVM, with time.monotonic() on this side:

  startup   JVM spawn -> log line, for three variants run interleaved (A B C A B C ...):
              starter   the sample jar, default configuration
              excluded  the same jar with the starter switched off (--oslo.service.enabled=false)
              plain     bench/plain-app: plain Spring Boot, same two services, no starter
            to "Started <App> in" for every variant (the comparable figure), and for the
            starter variant also to "Launched 2 service(s)" (our launcher's line).
  sigterm   SIGTERM -> process exit (Popen.wait), idle services, interleaved:
              starter   the sample jar with --sample.work-queue.drain-time=0ms
              excluded  the same jar with the starter switched off (JVM default: Spring's
                        shutdown hook closes the same context, H2 and its pool included)
              plain     the plain app with --plain.work-queue.drain-time=0ms (JVM default:
                        Spring's shutdown hook closes the context)
  sigint    SIGINT -> process exit, interleaved:
              starter   the sample jar with --sample.work-queue.drain-time=1h (SIGINT must not wait)
              excluded  as for sigterm
              plain     the plain app with --plain.work-queue.drain-time=0ms (JVM default)
            Both also split the time: signal -> the first line the process logs after it (when
            the stop visibly begins), and the last line -> exit (the JVM's own exit).

Standard library only. Prints the machine, the java used and a Markdown table of the results.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import queue
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_SAMPLE_JAR = os.path.join(ROOT, "sample-app", "target", "oslo-service-sample-app.jar")
DEFAULT_PLAIN_JAR = os.path.join(HERE, "plain-app", "target", "oslo-service-bench-plain-app.jar")

# The starter switched off: none of its auto-configurations applies (the baseline of its cost).
EXCLUDE = "--oslo.service.enabled=false"

LAUNCHED = "Launched 2 service(s)"
STARTED_SAMPLE = "Started SampleApplication in"
STARTED_PLAIN = "Started PlainApplication in"


class BenchError(Exception):
    pass


def free_port():
    """A port that was free a moment ago on 127.0.0.1 (bind to 0, read it, close)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def restore_sigint():
    # A JVM started from a non-interactive shell in the background inherits SIGINT as ignored
    # and then cannot handle it: give the child the default disposition back.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class JavaProcess:
    """One JVM; a reader thread timestamps every line of its stdout+stderr as it arrives."""

    def __init__(self, java, jvm_args, jar, app_args, log_path, timeout):
        self.cmd = [java] + list(jvm_args) + ["-jar", jar] + list(app_args)
        self.log_path = log_path
        self.timeout = timeout
        self.lines = []  # (monotonic, text)
        self.cond = threading.Condition()
        self.eof = False
        self.timed_out = False
        self.t_spawn = time.monotonic()
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, preexec_fn=restore_sigint)
        self.pid = self.proc.pid
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        # Watchdog: a hung JVM is killed so that a blocking Popen.wait() always returns.
        self.watchdog = threading.Timer(timeout, self._kill_on_timeout)
        self.watchdog.daemon = True
        self.watchdog.start()

    def _read(self):
        with open(self.log_path, "wb") as log:
            for raw in iter(self.proc.stdout.readline, b""):
                now = time.monotonic()
                log.write(raw)
                text = raw.decode("utf-8", "replace").rstrip("\n")
                with self.cond:
                    self.lines.append((now, text))
                    self.cond.notify_all()
        with self.cond:
            self.eof = True
            self.cond.notify_all()

    def _kill_on_timeout(self):
        if self.proc.poll() is None:
            self.timed_out = True
            self.proc.kill()

    def wait_for(self, needle, timeout=None):
        """Block until a line containing needle arrives; return (monotonic time, line), or None
        when timeout (seconds) passes first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        seen = 0
        with self.cond:
            while True:
                for t, text in self.lines[seen:]:
                    if needle in text:
                        return t, text
                seen = len(self.lines)
                if self.eof:
                    raise BenchError("process ended (status %s) before a line containing %r; log: %s"
                                     % (self.proc.poll(), needle, self.log_path))
                if deadline is None:
                    self.cond.wait()
                else:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return None
                    self.cond.wait(left)

    def line_with(self, needle):
        with self.cond:
            for t, text in self.lines:
                if needle in text:
                    return t, text
        return None

    def signal_and_wait(self, signum):
        """Send signum and block in Popen.wait() (waitpid, no polling): return (sent at, seconds, status)."""
        t0 = time.monotonic()
        self.proc.send_signal(signum)
        status = self.proc.wait()
        t1 = time.monotonic()
        return t0, t1 - t0, status

    def lines_after(self, t0):
        """The arrival times of the lines read after t0 (the reader has seen EOF once the process has ended)."""
        with self.cond:
            while not self.eof:
                self.cond.wait()
            return [t for t, _text in self.lines if t >= t0]

    def terminate(self, timeout=30):
        """SIGTERM, wait at most timeout, then SIGKILL; return the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.finish()

    def finish(self):
        """Kill the process if it still runs; return its exit status."""
        if self.proc.poll() is None:
            self.proc.kill()
        status = self.proc.wait()
        self.watchdog.cancel()
        self.reader.join(10)
        return status


def cpu_seconds(pid):
    """User + system CPU time used so far by all threads of a live process (from /proc)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / float(os.sysconf("SC_CLK_TCK"))
    except (OSError, IndexError, ValueError):
        return None


def boot_reported(line):
    """'Started X in 2.227 seconds (process running for 2.651)' -> (2.227, 2.651)."""
    try:
        after = line.split(" in ", 1)[1]
        started = float(after.split(" seconds", 1)[0])
        running = float(after.split("process running for ", 1)[1].rstrip(")").strip())
        return started, running
    except (IndexError, ValueError):
        return None, None


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def jar_built(path):
    return datetime.datetime.fromtimestamp(os.path.getmtime(path), datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def git_head():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True).stdout.strip() or "?"
    except OSError:
        return "?"


def java_version(java):
    out = subprocess.run([java, "-version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True).stdout.strip()
    return out


def machine_info():
    info = {"nproc": os.cpu_count()}
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
    info["kernel"] = platform.release()
    return info


def sha256_short(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:12]


def summary(values):
    """median, p25, p75, min, max of a list of seconds (None if empty)."""
    if not values:
        return None
    v = sorted(values)
    if len(v) >= 2:
        q = statistics.quantiles(v, n=4, method="inclusive")
        p25, p75 = q[0], q[2]
    else:
        p25 = p75 = v[0]
    return {"n": len(v), "median": statistics.median(v), "p25": p25, "p75": p75,
            "min": v[0], "max": v[-1]}


def fmt_ms(seconds):
    return "%.0f" % (seconds * 1000.0)


class Bench:

    def __init__(self, args):
        self.args = args
        self.java = args.java
        self.workdir = args.results_dir
        os.makedirs(self.workdir, exist_ok=True)
        self.raw = []  # dicts, one per run
        self.seq = 0

    def spawn(self, name, jar, app_args):
        self.seq += 1
        self.last_load = loadavg().split()[0]
        log = os.path.join(self.workdir, "%03d-%s.log" % (self.seq, name))
        port = free_port()
        return JavaProcess(self.java, self.args.jvm_arg, jar,
                           ["--server.port=%d" % port] + list(app_args), log, self.args.timeout)

    # --- (a) start-up -------------------------------------------------------------------------

    def startup_variants(self):
        return [
            ("starter", self.args.sample_jar, [], STARTED_SAMPLE, LAUNCHED),
            ("excluded", self.args.sample_jar, [EXCLUDE], STARTED_SAMPLE, None),
            ("plain", self.args.plain_jar, [], STARTED_PLAIN, None),
        ]

    def startup_run(self, variant, round_no, record=True):
        name, jar, extra, started, launched = variant
        p = self.spawn("startup-" + name, jar, extra)
        try:
            t_started, line = p.wait_for(started)
            cpu = cpu_seconds(p.proc.pid)  # read at once: CPU time is less sensitive to a busy box
            row = {"bench": "startup", "variant": name, "round": round_no,
                   "to_started": t_started - p.t_spawn, "cpu_to_started": cpu, "load1": self.last_load}
            row["boot_started"], row["boot_running"] = boot_reported(line)
            if launched:
                # wait_for scans every line so far: either order of the two lines works
                row["to_launched"] = p.wait_for(launched)[0] - p.t_spawn
            elif p.line_with(LAUNCHED) is not None:
                raise BenchError("variant %s launched services; log: %s" % (name, p.log_path))
        finally:
            # Start-up runs are ended with SIGKILL: their shutdown is not what is measured here.
            p.finish()
        if record:
            self.raw.append(row)
        return row

    # --- (b), (c) signal to exit --------------------------------------------------------------

    def signal_variants(self, which):
        drain = "0ms" if which == "sigterm" else "1h"
        return [
            ("starter", self.args.sample_jar, ["--sample.work-queue.drain-time=" + drain], STARTED_SAMPLE),
            ("excluded", self.args.sample_jar, [EXCLUDE], STARTED_SAMPLE),
            ("plain", self.args.plain_jar, ["--plain.work-queue.drain-time=0ms"], STARTED_PLAIN),
        ]

    def signal_run(self, which, variant, round_no, record=True):
        name, jar, extra, started = variant
        signum = signal.SIGTERM if which == "sigterm" else signal.SIGINT
        p = self.spawn(which + "-" + name, jar, extra)
        try:
            p.wait_for(started)
            time.sleep(self.args.settle)  # the one settle time: let the services go idle
            if p.proc.poll() is not None:
                raise BenchError("process exited before the signal; log: %s" % p.log_path)
            sent, seconds, status = p.signal_and_wait(signum)
            if p.timed_out:
                raise BenchError("no exit within %ss of start; killed; log: %s" % (self.args.timeout, p.log_path))
        finally:
            p.finish()
        row = {"bench": which, "variant": name, "round": round_no, "to_exit": seconds, "status": status,
               "load1": self.last_load}
        after = p.lines_after(sent)
        if after:
            row["to_first_line"] = after[0] - sent
            row["last_line_to_exit"] = sent + seconds - after[-1]
        hit = p.line_with("Stopped gracefully in ")
        if hit:
            try:
                row["inproc_ms"] = int(hit[1].split("Stopped gracefully in ", 1)[1].split(" ms", 1)[0])
            except (IndexError, ValueError):
                pass
        if record:
            self.raw.append(row)
        return row

    # --- driver -------------------------------------------------------------------------------

    def progress(self, row):
        keys = [k for k in ("to_launched", "to_started", "to_exit") if k in row]
        figures = " ".join("%s=%sms" % (k, fmt_ms(row[k])) for k in keys)
        extra = " status=%s" % row["status"] if "status" in row else ""
        print("  [%s r%s] %-8s %s%s load1=%s" % (row["bench"], row["round"], row["variant"], figures, extra,
                                                 row.get("load1")),
              file=sys.stderr, flush=True)

    def run(self):
        benches = self.args.bench
        if "startup" in benches:
            variants = self.startup_variants()
            for w in range(self.args.warmup):
                for v in variants:
                    self.startup_run(v, "w%d" % (w + 1), record=False)
            for r in range(1, self.args.runs + 1):
                for v in variants:
                    self.progress(self.startup_run(v, r))
        for which in ("sigterm", "sigint"):
            if which not in benches:
                continue
            variants = self.signal_variants(which)
            for w in range(self.args.warmup):
                for v in variants:
                    self.signal_run(which, v, "w%d" % (w + 1), record=False)
            for r in range(1, self.args.runs + 1):
                for v in variants:
                    self.progress(self.signal_run(which, v, r))

    # --- report -------------------------------------------------------------------------------

    def values(self, bench, variant, key):
        return [r[key] for r in self.raw
                if r["bench"] == bench and r["variant"] == variant and r.get(key) is not None]

    def paired_ratio(self, bench, key, num, den):
        """Median over rounds of num/den within the same round (robust to drift of a noisy box)."""
        by_round = {}
        for r in self.raw:
            if r["bench"] == bench and r.get(key) is not None:
                by_round.setdefault(r["round"], {})[r["variant"]] = r[key]
        ratios = [v[num] / v[den] for v in by_round.values() if num in v and den in v]
        return statistics.median(ratios) if ratios else None

    def paired_diff(self, bench, key, num, den):
        """Per-round differences num - den: (median, mean, half-width of a ~95 % interval of the mean)."""
        by_round = {}
        for r in self.raw:
            if r["bench"] == bench and r.get(key) is not None:
                by_round.setdefault(r["round"], {})[r["variant"]] = r[key]
        d = [v[num] - v[den] for v in by_round.values() if num in v and den in v]
        if len(d) < 2:
            return None
        mean = statistics.fmean(d)
        return statistics.median(d), mean, 1.96 * statistics.stdev(d) / len(d) ** 0.5

    def report(self, header):
        out = [header, ""]
        if any(r["bench"] == "startup" for r in self.raw):
            out += ["### (a) Start-up: JVM spawn to log line (ms, %d interleaved rounds)" % self.args.runs, "",
                    "| variant | measured to | median | p25 | p75 | min | max | Boot's own 'Started in' (median, s) | 'process running for' (median, s) | CPU time (user+sys, all threads) at that line (median, s) |",
                    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
            labels = {"starter": "1. sample + starter", "excluded": "2. sample, our auto-config excluded",
                      "plain": "3. plain Spring Boot app"}
            for name in ("starter", "excluded", "plain"):
                s = summary(self.values("startup", name, "to_started"))
                if s is None:
                    continue
                target = "`Started %sApplication in`" % ("Plain" if name == "plain" else "Sample")
                bs = summary(self.values("startup", name, "boot_started"))
                br = summary(self.values("startup", name, "boot_running"))
                cpu = summary(self.values("startup", name, "cpu_to_started"))
                out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                    labels[name], target, fmt_ms(s["median"]), fmt_ms(s["p25"]), fmt_ms(s["p75"]),
                    fmt_ms(s["min"]), fmt_ms(s["max"]),
                    "%.3f" % bs["median"] if bs else "-", "%.3f" % br["median"] if br else "-",
                    "%.2f" % cpu["median"] if cpu else "-"))
                if name == "starter":
                    l = summary(self.values("startup", name, "to_launched"))
                    if l:
                        out.append("| %s | `%s` | %s | %s | %s | %s | %s | | | |" % (
                            labels[name], LAUNCHED, fmt_ms(l["median"]), fmt_ms(l["p25"]), fmt_ms(l["p75"]),
                            fmt_ms(l["min"]), fmt_ms(l["max"])))
            med = {n: (summary(self.values("startup", n, "to_started")) or {}).get("median")
                   for n in ("starter", "excluded", "plain")}
            cmed = {n: (summary(self.values("startup", n, "cpu_to_started")) or {}).get("median")
                    for n in ("starter", "excluded", "plain")}
            out += ["", "| ratio (to `Started ... in`) | wall clock, of medians | wall clock, median of per-round ratios | CPU time, of medians | per-round difference, wall clock (median; mean ± ~95 % CI) ms |",
                    "|---|---:|---:|---:|---|"]
            for num, den, label in (("starter", "excluded", "1/2: our auto-configuration's cost (target < 1.05)"),
                                    ("starter", "plain", "1/3: starter + sample vs plain Spring Boot")):
                if med.get(num) and med.get(den):
                    pr = self.paired_ratio("startup", "to_started", num, den)
                    cr = cmed[num] / cmed[den] if cmed.get(num) and cmed.get(den) else None
                    pd = self.paired_diff("startup", "to_started", num, den)
                    out.append("| %s | %.3f | %s | %s | %s |" % (
                        label, med[num] / med[den], "%.3f" % pr if pr else "-", "%.3f" % cr if cr else "-",
                        "%+.0f; %+.0f ± %.0f" % (pd[0] * 1000, pd[1] * 1000, pd[2] * 1000) if pd else "-"))
            out.append("")
        for which, title in (("sigterm", "(b) SIGTERM to process exit, idle services"),
                             ("sigint", "(c) SIGINT to process exit")):
            if not any(r["bench"] == which for r in self.raw):
                continue
            out += ["### %s (ms, %d interleaved rounds)" % (title, self.args.runs), "",
                    "| variant | arguments | median | p25 | p75 | min | max | exit status(es) | in-process 'Stopped gracefully in' (median ms) | signal to the first line logged after it (median ms) | last line to exit (median ms) |",
                    "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|"]
            for name, _jar, extra, _started in self.signal_variants(which):
                s = summary(self.values(which, name, "to_exit"))
                if s is None:
                    continue
                statuses = sorted({r["status"] for r in self.raw if r["bench"] == which and r["variant"] == name})
                inproc = self.values(which, name, "inproc_ms")
                first = summary(self.values(which, name, "to_first_line"))
                last = summary(self.values(which, name, "last_line_to_exit"))
                label = {"starter": "sample + starter", "excluded": "sample, our auto-config excluded (Spring's hook)",
                         "plain": "plain Spring Boot app"}[name]
                out.append("| %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                    label, " ".join(extra), fmt_ms(s["median"]), fmt_ms(s["p25"]), fmt_ms(s["p75"]),
                    fmt_ms(s["min"]), fmt_ms(s["max"]), ", ".join(str(x) for x in statuses),
                    "%.0f" % statistics.median(inproc) if inproc else "-",
                    fmt_ms(first["median"]) if first else "-", fmt_ms(last["median"]) if last else "-"))
            out.append("")
        return "\n".join(out)


def write_report(results_dir, report, failed):
    """Write report.md, print it, and exit with status 1 when a part of the run failed."""
    with open(os.path.join(results_dir, "report.md"), "w") as f:
        f.write(report + "\n")
    print(report)
    if failed:
        sys.exit(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10, help="measured rounds per benchmark (default 10)")
    ap.add_argument("--warmup", type=int, default=1,
                    help="unrecorded rounds before each benchmark, to warm the page cache (default 1)")
    ap.add_argument("--bench", default="startup,sigterm,sigint",
                    help="comma-separated subset of startup,sigterm,sigint (default: all)")
    ap.add_argument("--settle", type=float, default=1.0,
                    help="seconds to wait after 'Started ...' before the signal (default 1.0)")
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="seconds after spawn before a JVM is killed as hung (default 120)")
    ap.add_argument("--java", default=None, help="java executable (default: $JAVA_HOME/bin/java, else java on PATH)")
    ap.add_argument("--jvm-arg", action="append", default=[], help="extra JVM option (repeatable)")
    ap.add_argument("--sample-jar", default=DEFAULT_SAMPLE_JAR)
    ap.add_argument("--plain-jar", default=DEFAULT_PLAIN_JAR)
    ap.add_argument("--results-dir", default=None,
                    help="where the per-run logs and raw JSON go (default: bench/results/<timestamp>)")
    ap.add_argument("--no-copy", action="store_true",
                    help="run the jars in place (default: copy them first, so a rebuild during the run changes nothing)")
    args = ap.parse_args()

    args.bench = [b.strip() for b in args.bench.split(",") if b.strip()]
    unknown = set(args.bench) - {"startup", "sigterm", "sigint"}
    if unknown or args.runs < 1:
        ap.error("unknown benchmark(s) %s or runs < 1" % sorted(unknown))
    if args.java is None:
        home = os.environ.get("JAVA_HOME")
        args.java = os.path.join(home, "bin", "java") if home else (shutil.which("java") or "java")
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    if args.results_dir is None:
        args.results_dir = os.path.join(HERE, "results", stamp)
    os.makedirs(args.results_dir, exist_ok=True)

    for jar in (args.sample_jar, args.plain_jar):
        if not os.path.isfile(jar):
            sys.exit("missing %s (bench/run-process-bench.sh builds it)" % jar)
    jars = {"sample": args.sample_jar, "plain": args.plain_jar}
    if not args.no_copy:
        copy_dir = tempfile.mkdtemp(prefix="oslo-bench-jars-")
        for key, jar in list(jars.items()):
            dst = os.path.join(copy_dir, os.path.basename(jar))
            shutil.copy2(jar, dst)
            jars[key] = dst
        args.sample_jar, args.plain_jar = jars["sample"], jars["plain"]

    m = machine_info()
    jv = java_version(args.java)
    header_lines = [
        "## Process benchmark, %s" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "",
        "- command: `%s`" % (os.environ.get("OSLO_BENCH_COMMAND")
                             or " ".join(["python3", os.path.relpath(os.path.abspath(sys.argv[0]), ROOT)] + sys.argv[1:])),
        "- machine: %s cores, %s, CPU `%s`, kernel %s" % (m.get("nproc"), m.get("mem", "?"), m.get("cpu", "?"), m.get("kernel")),
        "- java: `%s` — %s" % (args.java, jv.splitlines()[0] if jv else "?"),
        "- JVM options: %s" % (" ".join("`%s`" % a for a in args.jvm_arg) if args.jvm_arg else "none"),
        "- jars: sample sha256 %s (built %s), plain sha256 %s; git HEAD when the run started: %s" % (
            sha256_short(args.sample_jar), jar_built(args.sample_jar), sha256_short(args.plain_jar), git_head()),
        "- runs: %d measured rounds per benchmark after %d warm-up round(s); settle %.1f s; logs in `%s`"
        % (args.runs, args.warmup, args.settle, os.path.relpath(args.results_dir, ROOT)),
    ]
    load_at_start = loadavg()
    print("java: %s\n%s" % (args.java, jv), file=sys.stderr, flush=True)

    def on_sigterm(_signum, _frame):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, on_sigterm)  # end the current JVM too, and report what was measured

    bench = Bench(args)
    failed = None
    try:
        bench.run()
    except BenchError as ex:
        failed = str(ex)
        print("benchmark failed: %s" % ex, file=sys.stderr)
    except KeyboardInterrupt:
        failed = "interrupted"
    finally:
        with open(os.path.join(args.results_dir, "raw.json"), "w") as f:
            json.dump({"header": header_lines, "load_at_start": load_at_start, "load_at_end": loadavg(),
                       "runs": bench.raw}, f, indent=1)
        if not args.no_copy:
            shutil.rmtree(os.path.dirname(args.sample_jar), ignore_errors=True)
    header_lines.append("- load average (1/5/15 min): %s at start, %s at end (the machine is shared: "
                        "other builds may run meanwhile)" % (load_at_start, loadavg()))
    header = "\n".join(header_lines)
    write_report(args.results_dir, bench.report(header), failed)


if __name__ == "__main__":
    main()
