#!/usr/bin/env python3
"""Multi-process (workers) benchmarks of the oslo.service starter.

Measures, from outside the JVMs, with time.monotonic() on this side (process start, port picking,
line timestamping and the report helpers of process_bench.py and reload_bench.py are reused). The
workers inherit the master's stdout, so one reader sees every JVM's log lines; each line carries
the pid of the JVM that wrote it.

  main   one master per variant and round, interleaved (single, plain, then each N of --workers with each
         standby count of --standby: --oslo.service.worker.standby=K; a standby boots once all workers are ready):
           single   the sample jar with --oslo.service.workers=1 (one process): spawn -> "Started
                    SampleApplication in"; idle RSS after --settle s
           plain    bench/plain-app: spawn -> "Started PlainApplication in"; idle RSS
           N        the sample jar with --oslo.service.workers=N; with the same master, in turn:
             startup   master spawn -> its "Spawned worker 1" (the master's own start), each
                       worker's in-process "is ready (N ms after spawn)", master spawn -> "N
                       worker(s) ready" and -> the master's own "Started SampleApplication in"
             standby   its spawn -> "standing by (N ms after spawn)"
             memory    once the standbys are idle (STANDBY on /actuator/launcher), after --settle s:
                       VmRSS (and Pss) of the master, every worker and every idle standby
             respawn   SIGKILL each slot's worker once (so each respawn is its slot's first, back-off
                       100 ms; with standbys, once they are idle): kill -> "exited unexpectedly" ->
                       "Spawned" (or the standby promoted in that line) -> "is ready"; also kill ->
                       the endpoint /actuator/launcher showing the new pid READY (polled every --poll s),
                       and -> the next standby "standing by"
             roll      SIGHUP -> "Reloaded in N ms", -> each slot's new READY (promoted or spawned),
                       -> the next standby "standing by"; the endpoint, polled every --poll s throughout,
                       gives the fewest READY workers seen during the roll (must stay >= N)
             promotions   the promoted standby's own lines ("Promoted to worker", "Re-read the
                       configuration", "Launched", "started on port", "Started") up to the master's
                       READY, by the lines' own clocks
             stop      SIGTERM -> master exit; which worker pids are left afterwards (must be none)
  aot    JDK 25 AOT cache (JEP 483/514) and CDS, passed to the master (workers re-run its command
         line), N = --aot-workers, interleaved by variant: master spawn -> "Spawned worker 1", worker
         spawn -> READY, master spawn -> all ready. Variants: the fat jar and the extracted jar
         (java -Djarmode=tools -jar app.jar extract), each with and without
         -XX:AOTCache (trained once: -XX:AOTCacheOutput=... -Dspring.context.exit=onRefresh, workers=1),
         the extracted jar with a dynamic CDS archive (-XX:ArchiveClassesAtExit / -XX:SharedArchiveFile)
         on JDK 25 and on JDK 17. Plus one probe: training with workers=2 and no onRefresh.
  classdata  the workers' class-data archive that the starter makes by itself
         (oslo.service.worker.class-data.*), on JDK 17 (CDS) and JDK 25 (AOT cache), N = 2. Before
         the rounds, per JDK, one master with an empty archive directory until its "Created the"
         line (ready -> archive made, its size). Then, interleaved per round and JDK: the single
         process (workers=1; spawn -> Started, RSS/Pss after --settle s); N = 2 without the archive
         (class-data.enabled=false, as before the starter made one); N = 2 with the archive made
         before. For each master: worker spawn -> READY at start-up, VmRSS and Pss of every worker
         after --settle s, and one SIGKILL of worker 1: respawn spawn -> READY; whether each worker's
         /proc/<pid>/cmdline has the archive option. With --classdata-no-relocation, also masters
         (their archive trained with the same options) with -XX:ArchiveRelocationMode=0, which maps
         the archive unrelocated so that its pages stay shared between the workers.

main and aot run with class-data.enabled=false, so that their figures stay those of a master
without the archive (and no training JVM runs beside them). main --class-data makes the archive
once before the rounds, as classdata does (on --java), and runs every master of N with it
(class-data.directory; the variants are labelled "+ archive").

Every JVM is started in a process group of its own (its workers inherit it); the whole group is
killed with SIGKILL at the end of each run, and on any failure or interruption.
Standard library only. Prints the machine, the java(s) used and Markdown tables.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no bench/__pycache__ in the checkout
import process_bench as pb  # noqa: E402  (JavaProcess, free_port, summary, machine info ...)
import reload_bench as rb  # noqa: E402  (RELOADED_RE, wait_until_quiet, Watcher)

ROOT = pb.ROOT
DEFAULT_JAVA25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
DEFAULT_JAVA17 = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"

LOG_RE = re.compile(r"^\S+\s+(?:TRACE|DEBUG|INFO|WARN|ERROR)\s+(\d+) --- ")
SPAWNED_RE = re.compile(r"Spawned worker (\d+) \(pid (\d+)\), generation (\d+)")
READY_RE = re.compile(r"worker (\d+) \(pid (\d+)\) is ready \((\d+) ms after (spawn|its promotion)\)")
ALL_READY_RE = re.compile(r"(\d+) worker\(s\) ready: ")
# a worker's unexpected exit: respawn after a back-off (group 4) or an idle standby promoted at once (group 5)
UNEXPECTED_RE = re.compile(r"worker (\d+) \(pid (\d+)\) exited unexpectedly with (.*?); (?:respawning it in (\d+) ms"
                           r"|promoted standby \(pid (\d+)\) to its slot) \(restart (\d+) of slot (\d+)\)")
STANDBY_SPAWNED_RE = re.compile(r"Spawned standby \(pid (\d+)\), generation (\d+)")
STANDING_BY_RE = re.compile(r"standby \(pid (\d+)\) is standing by \((\d+) ms after spawn\)")
PROMOTED_RE = re.compile(r"Promoted standby \(pid (\d+)\) to worker (\d+), generation (\d+)")  # a roll's
EXITED_RE = re.compile(r"worker (\d+) \(pid (\d+)\) exited with (.*)$")
STOPPING_RE = re.compile(r"Worker (\d+) of generation (\d+) is ready; stopping worker (\d+) \(pid (\d+)\)")
CREATED_RE = re.compile(r"Created the (CDS archive|AOT cache) (\S+) \((\d+) MiB\) in (\d+) s")
ARCHIVE_OPTIONS = ("-XX:SharedArchiveFile=", "-XX:AOTCache=")
# map the archive where it was made, unrelocated, so that its pages stay clean and shared
NO_RELOCATION = ["-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"]
NO_CLASS_DATA = "--oslo.service.worker.class-data.enabled=false"
STARTED_RE = re.compile(r"Started (?:Sample|Plain)Application in ([\d.]+) seconds \(process running for ([\d.]+)\)")
# what a promoted standby logs itself, in order, up to the master's READY: named steps of a promotion
PROMOTION_STEPS = (("own", re.compile(r"Promoted to worker \d+ of generation \d+")),
                   ("reread", re.compile(r"Re-read the configuration at promotion in (\d+) ms")),
                   ("services", re.compile(r"Launched \d+ service\(s\)")),
                   ("web", re.compile(r"started on port")),
                   ("started", STARTED_RE))
# log lines that are expected and not worth reporting
EXPECTED_WARN = ("exited unexpectedly", "SIGINT was ignored",
                 "The cluster lock of singleton periodic tasks is in an embedded H2")
_groups = set()  # process groups of live runs, killed on exit


def class_data_option(cache):
    """The master's option for the workers' class-data archive: the directory cache, or none (None)."""
    return "--oslo.service.worker.class-data.directory=" + cache if cache else NO_CLASS_DATA


def own_preexec():
    # Default dispositions for SIGINT and SIGHUP (a JVM cannot handle a signal that was ignored when
    # it started, and workers inherit the master's dispositions), and a process group of its own so
    # that the master and every worker it spawns can be killed together.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    os.setpgrp()


pb.restore_sigint = own_preexec  # JavaProcess passes this module global as preexec_fn


def kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    _groups.discard(pgid)


def kill_all_groups():
    for pgid in list(_groups):
        kill_group(pgid)


def proc_alive(pid, needle="java"):
    """True if pid runs, is not a zombie, and its command line contains needle (pid reuse)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            cmd = f.read().decode("utf-8", "replace")
    except (OSError, IndexError):
        return False
    return state != "Z" and needle in cmd


def group_members(pgid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    return sorted(found)


def memory_kib(pid):
    """(VmRSS, Pss) in KiB of a live process; None where unreadable."""
    rss = pss = None
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def group_memory(master, workers, standbys=()):
    """VmRSS and Pss (KiB) of a master, of its workers (slot -> pid, by slot) and of its idle standbys (pids)."""
    out = {}
    out["master_rss"], out["master_pss"] = memory_kib(master)
    for kind, group in (("worker", [workers[k] for k in sorted(workers)]), ("standby", standbys)):
        out[kind + "_rss"], out[kind + "_pss"] = [], []
        for pid in group:
            rss, pss = memory_kib(pid)
            out[kind + "_rss"].append(rss)
            out[kind + "_pss"].append(pss)
    return out


def runs_from_archive(pid):
    """Whether a JVM's command line maps a class-data archive; None when it cannot be read."""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            words = f.read().decode("utf-8", "replace").split("\0")
    except OSError:
        return None
    return any(w.startswith(ARCHIVE_OPTIONS) for w in words)


def line_pid(text):
    m = LOG_RE.match(text)
    return int(m.group(1)) if m else None


def log_time(text):
    """The epoch seconds a log line gives itself (its JVM's clock, ms precision), None if it has none."""
    try:
        return datetime.datetime.fromisoformat(text.split(None, 1)[0]).timestamp()
    except (ValueError, IndexError):
        return None


def wait_line(p, pattern, start, timeout, pid=None, what=None):
    """Wait for a line (from index start) matching the compiled pattern, written by pid if given.
    Returns (index, monotonic time, match)."""
    deadline = time.monotonic() + timeout
    seen = start
    with p.cond:
        while True:
            for i in range(seen, len(p.lines)):
                t, text = p.lines[i]
                m = pattern.search(text)
                if m and (pid is None or line_pid(text) == pid):
                    return i, t, m
                for bad in rb.REJECTED:
                    if bad in text and (pid is None or line_pid(text) == pid):
                        raise pb.BenchError("%s (line %r); log: %s" % (bad, text, p.log_path))
            seen = len(p.lines)
            if p.eof:
                raise pb.BenchError("process ended (status %s) before %s; log: %s"
                                    % (p.proc.poll(), what or pattern.pattern, p.log_path))
            left = deadline - time.monotonic()
            if left <= 0:
                raise pb.BenchError("no %s within %.0f s; log: %s" % (what or pattern.pattern, timeout, p.log_path))
            p.cond.wait(left)


def anomalies(p):
    """WARN/ERROR lines, exceptions and JVM warnings other than the expected ones."""
    out = []
    with p.cond:
        lines = list(p.lines)
    for _t, text in lines:
        interesting = (" ERROR " in text[:40] or " WARN " in text[:40] or "Exception" in text
                       or "[error" in text or "Error:" in text)
        if interesting and not any(e in text for e in EXPECTED_WARN):
            out.append(text[:300])
    return out


class Poller(threading.Thread):
    """GET /actuator/launcher every period s; keeps (monotonic, [(id, pid, state, generation)]) or
    (monotonic, None) for a failed request."""

    def __init__(self, port, period):
        super().__init__(daemon=True)
        self.url = "http://127.0.0.1:%d/actuator/launcher" % port
        self.period = period
        self.samples = []
        self.lock = threading.Lock()
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            t0 = time.monotonic()
            try:
                with urllib.request.urlopen(self.url, timeout=2.0) as r:
                    doc = json.loads(r.read().decode("utf-8"))
                ws = [(w["id"], w["pid"], w["state"], w["generation"]) for w in doc.get("workers", [])]
            except Exception:  # noqa: BLE001 - a failed poll is recorded, not fatal
                ws = None
            t1 = time.monotonic()
            with self.lock:
                self.samples.append(((t0 + t1) / 2, ws))
            self.stopped.wait(max(0.0, self.period - (t1 - t0)))

    def window(self, t_from, t_to):
        with self.lock:
            return [s for s in self.samples if t_from <= s[0] <= t_to]

    def first(self, t_from, pred, timeout):
        """First sample after t_from whose workers satisfy pred; waits up to timeout s."""
        deadline = time.monotonic() + timeout
        checked = 0
        while True:
            with self.lock:
                samples = self.samples[checked:]
                checked = len(self.samples)
            for t, ws in samples:
                if t >= t_from and ws is not None and pred(ws):
                    return t
            if time.monotonic() > deadline:
                return None
            time.sleep(self.period / 2)


def ready_count(ws):
    return sum(1 for w in ws if w[2] == "READY")


def promoted_pid(text):
    """pid of the standby a master's line promotes (after a worker's exit, or in a roll), else None."""
    m = UNEXPECTED_RE.search(text)
    if m:
        return int(m.group(5)) if m.group(5) else None
    m = PROMOTED_RE.search(text)
    return int(m.group(1)) if m else None


def variant_key(n, standby):
    return "N=%d S=%d" % (n, standby)


def variant_label(n, standby, archive=False):
    return "N = %d, standby %d%s" % (n, standby, " + archive" if archive else "")


def idle_standbys(ws):
    """pids of the idle standbys in one sample of /actuator/launcher (id 0, state STANDBY)."""
    return [w[1] for w in ws if w[0] == 0 and w[2] == "STANDBY"]


class WorkersBench:

    def __init__(self, args):
        self.args = args
        self.workdir = args.results_dir
        self.raw = []
        self.notes = []  # anomalies and probe results, for the report
        self.classdata_info = {}
        self.main_cache = None  # main with --class-data: the archive directory of its masters
        self.seq = 0

    # --- processes ----------------------------------------------------------------------------

    def spawn(self, java, name, jar, app_args, jvm_args=()):
        self.seq += 1
        log = os.path.join(self.workdir, "%03d-%s.log" % (self.seq, name))
        port = pb.free_port()
        p = pb.JavaProcess(java, list(self.args.jvm_arg) + list(jvm_args), jar,
                           ["--server.port=%d" % port] + list(app_args), log, self.args.timeout)
        _groups.add(p.proc.pid)
        p.port = port
        p.name = name
        p.load1 = pb.loadavg().split()[0]
        return p

    def end(self, p, record_stop=None):
        """SIGTERM the JVM, wait up to --stop-timeout s, then SIGKILL its whole group. Returns a dict
        with the stop time, status and the worker pids still alive right after the master exited."""
        out = {}
        pid = p.proc.pid
        if p.proc.poll() is None:
            t0 = time.monotonic()
            p.proc.send_signal(signal.SIGTERM)
            try:
                status = p.proc.wait(self.args.stop_timeout)
                out["stop"] = time.monotonic() - t0
                out["status"] = status
            except subprocess.TimeoutExpired:
                out["stop"] = None
                out["status"] = "no exit within %.0f s" % self.args.stop_timeout
                self.notes.append("%s: the master did not exit within %.0f s of SIGTERM; killed; log: %s"
                                  % (p.name, self.args.stop_timeout, p.log_path))
        left = [m for m in group_members(pid) if m != pid]
        out["left"] = left
        if left:
            time.sleep(1.0)  # give them a moment: report only those that stay
            out["left_after_1s"] = [m for m in group_members(pid) if m != pid]
            if out["left_after_1s"]:
                self.notes.append("%s: worker process(es) %s still running 1 s after the master exited; killed; log: %s"
                                  % (p.name, out["left_after_1s"], p.log_path))
        kill_group(pid)
        p.finish()
        for text in anomalies(p):
            self.notes.append("%s: `%s` (log %s)" % (p.name, text, os.path.relpath(p.log_path, ROOT)))
        return out

    # --- main: single process and plain baseline ----------------------------------------------

    def single_run(self, variant, round_no, record=True, java=None, bench="startup"):
        if variant == "plain":
            p = self.spawn(self.args.java, "plain", self.args.plain_jar, ["--plain.work-queue.drain-time=0ms"])
        else:
            p = self.spawn(java or self.args.java, "single", self.args.sample_jar,
                           ["--oslo.service.workers=1", "--sample.work-queue.drain-time=0ms"])
        try:
            _i, t, m = wait_line(p, STARTED_RE, 0, self.args.timeout_step, pid=p.proc.pid, what="Started ...Application")
            row = {"bench": bench, "variant": variant, "round": round_no, "to_started": t - p.t_spawn,
                   "cpu": pb.cpu_seconds(p.proc.pid), "boot_running": float(m.group(2)), "load1": p.load1}
            if record:
                time.sleep(self.args.settle)
                rss, pss = memory_kib(p.proc.pid)
                row.update({"rss": rss, "pss": pss})
        finally:
            stop = self.end(p)
        row["stop"] = stop.get("stop")
        if record:
            self.raw.append(row)
            self.progress("%s r%s: started %.0f ms, RSS %s MiB" % (variant, round_no, row["to_started"] * 1000,
                                                                    "%.0f" % (row["rss"] / 1024) if row.get("rss") else "?"))
        return row

    # --- main: a master with N workers ----------------------------------------------------------

    def startup_phase(self, p, n, java_label, variant, round_no, bench="startup"):
        """Wait until the master has all N workers ready and its own context started; one row."""
        mpid = p.proc.pid
        to = self.args.timeout_step
        _i, t_first_spawn, _m = wait_line(p, SPAWNED_RE, 0, to, pid=mpid, what="Spawned worker")
        i_all, t_all, m_all = wait_line(p, ALL_READY_RE, 0, to, pid=mpid, what="worker(s) ready")
        if int(m_all.group(1)) != n:
            raise pb.BenchError("%s worker(s) ready, expected %d; log: %s" % (m_all.group(1), n, p.log_path))
        _i, t_started, m_st = wait_line(p, STARTED_RE, 0, self.args.timeout_step, pid=mpid, what="master Started")
        with p.cond:
            lines = p.lines[:i_all + 1]
        slots = {}
        for t, text in lines:
            if line_pid(text) != mpid:
                continue
            m = SPAWNED_RE.search(text)
            if m:
                slots[int(m.group(1))] = {"pid": int(m.group(2)), "t_spawned": t}
            m = READY_RE.search(text)
            if m and int(m.group(1)) in slots and slots[int(m.group(1))]["pid"] == int(m.group(2)):
                s = slots[int(m.group(1))]
                s["inproc_ms"] = int(m.group(3))
                s["external"] = t - s["t_spawned"]
        # each worker's own Boot figure: "process running for" at its Started line
        with p.cond:
            all_lines = list(p.lines)
        for s in slots.values():
            for _t, text in all_lines:
                if line_pid(text) == s["pid"]:
                    m = STARTED_RE.search(text)
                    if m:
                        s["boot_running"] = float(m.group(2))
                        break
            s["cpu"] = pb.cpu_seconds(s["pid"])
        row = {"bench": bench, "variant": variant, "jdk": java_label, "workers": n, "round": round_no,
               "master_to_first_spawn": t_first_spawn - p.t_spawn, "to_all_ready": t_all - p.t_spawn,
               "to_master_started": t_started - p.t_spawn, "master_boot_running": float(m_st.group(2)),
               "master_cpu": pb.cpu_seconds(mpid), "load1": p.load1,
               "worker_inproc_ms": [s.get("inproc_ms") for s in slots.values()],
               "worker_external": [s.get("external") for s in slots.values()],
               "worker_boot_running": [s.get("boot_running") for s in slots.values()],
               "worker_cpu": [s.get("cpu") for s in slots.values()],
               "worker_pids": {k: s["pid"] for k, s in slots.items()}}
        return row

    def workers_run(self, n, standby, round_no):
        name = "workers%d-standby%d" % (n, standby)
        variant = variant_key(n, standby)
        # A master serves Actuator on its management port only; its workers serve --server.port.
        # The step timeout, not the default boot timeout (60 s), limits a boot: on a loaded 2-core machine N
        # workers booting at once can take longer, and the master would kill and respawn them all again.
        management_port = pb.free_port()
        p = self.spawn(self.args.java, name, self.args.sample_jar,
                       ["--oslo.service.workers=%d" % n, "--oslo.service.worker.standby=%d" % standby,
                        "--oslo.service.worker.boot-timeout=%ds" % self.args.timeout_step,
                        "--sample.work-queue.drain-time=0ms", "--management.server.port=%d" % management_port,
                        class_data_option(self.main_cache)])
        poller = None
        try:
            row = self.startup_phase(p, n, self.args.java_label, variant, round_no)
            row["standby"] = standby
            row["archived"] = [runs_from_archive(pid) for pid in row["worker_pids"].values()]
            if standby:
                booted = self.standing_by(p, 0, standby)
                row["standby_boot_ms"] = [ms for _t, _pid, ms in booted]
                row["to_standing_by"] = max(t for t, _pid, _ms in booted) - p.t_spawn
            self.raw.append(row)
            self.progress("%s r%s: master own start %.0f ms, workers spawn->READY %s ms, all ready %.0f ms%s" % (
                variant, round_no, row["master_to_first_spawn"] * 1000, row["worker_inproc_ms"], row["to_all_ready"] * 1000,
                ", standby spawn->standing by %s ms" % row["standby_boot_ms"] if standby else ""))
            pids = dict(row["worker_pids"])
            poller = Poller(management_port, self.args.poll)
            poller.start()
            idle = self.await_idle_standbys(poller, standby)
            time.sleep(self.args.settle)
            # (d) memory, idle
            mem = {"bench": "memory", "variant": variant, "workers": n, "standby": standby, "round": round_no,
                   "load1": p.load1}
            mem.update(group_memory(p.proc.pid, pids, idle))
            self.raw.append(mem)
            self.progress("%s r%s: RSS master %.0f MiB, workers %s MiB, standbys %s MiB" % (
                variant, round_no, mem["master_rss"] / 1024, [round(r / 1024) for r in mem["worker_rss"] if r],
                [round(r / 1024) for r in mem["standby_rss"] if r]))
            # (b) respawn after SIGKILL, each slot once
            if "respawn" in self.args.parts:
                for k in sorted(pids):
                    pids[k] = self.respawn_round(p, poller, n, standby, k, pids[k], round_no)
                    time.sleep(self.args.gap)
            # (c) rolling replacement on SIGHUP
            if "roll" in self.args.parts:
                self.roll_round(p, poller, n, standby, pids, round_no)
        finally:
            if poller:
                poller.stopped.set()
            stop = self.end(p)
        self.raw.append({"bench": "stop", "variant": variant, "workers": n, "standby": standby, "round": round_no,
                         "stop": stop.get("stop"), "status": stop.get("status"), "left": stop.get("left"),
                         "left_after_1s": stop.get("left_after_1s", [])})
        self.progress("%s r%s: SIGTERM -> master exit %s, status %s, workers left %s" % (
            variant, round_no, "%.0f ms" % (stop["stop"] * 1000) if stop.get("stop") else "-", stop.get("status"),
            stop.get("left_after_1s", [])))

    def standing_by(self, p, start, count):
        """Wait until count standbys spawned after line start report standing by; [(time, pid, in-process ms)]."""
        mpid = p.proc.pid
        found, i = [], start
        while len(found) < count:
            i, t, m = wait_line(p, STANDING_BY_RE, i, self.args.timeout_step, pid=mpid, what="standby standing by")
            with p.cond:
                spawned = [STANDBY_SPAWNED_RE.search(text) for _t, text in p.lines[start:i]]
            if any(s and s.group(1) == m.group(1) for s in spawned):
                found.append((t, int(m.group(1)), int(m.group(2))))
            i += 1
        return found

    def await_idle_standbys(self, poller, count):
        """Wait until /actuator/launcher lists count idle standbys; their pids."""
        if not count:
            return []
        t = poller.first(time.monotonic(), lambda ws: len(idle_standbys(ws)) >= count, self.args.timeout_step)
        if t is None:
            raise pb.BenchError("fewer than %d idle standby(s) on /actuator/launcher within %.0f s"
                                % (count, self.args.timeout_step))
        with poller.lock:
            return idle_standbys(next(ws for st, ws in poller.samples if st == t))

    def promotion_steps(self, p, start, pid):
        """Times of a promoted standby's own steps (PROMOTION_STEPS, then the master's READY), from its lines
        after line start, in ms after the master's line that promoted it; by the log lines' own clocks."""
        steps, t_ref, reread_ms = {}, None, None
        with p.cond:
            lines = p.lines[start:]
        for _t, text in lines:
            who = line_pid(text)
            if t_ref is None and who == p.proc.pid and promoted_pid(text) == pid:
                t_ref = log_time(text)
            if who == pid:
                for name, pattern in PROMOTION_STEPS:
                    mm = pattern.search(text)
                    if mm and name not in steps:
                        steps[name] = log_time(text)
                        if name == "reread":
                            reread_ms = int(mm.group(1))
            m = READY_RE.search(text)
            if m and who == p.proc.pid and int(m.group(2)) == pid:
                steps["ready"] = log_time(text)
                break
        out = {name: (t - t_ref) * 1000 for name, t in steps.items() if t is not None and t_ref is not None}
        out["reread_inproc"] = reread_ms
        return out

    def respawn_round(self, p, poller, n, standby, slot, pid, round_no, bench="respawn", variant=None):
        mpid = p.proc.pid
        to = self.args.timeout_step
        self.await_idle_standbys(poller, standby)
        start = rb.line_count(p)
        t0 = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        i_exit, t_exit, m = wait_line(p, UNEXPECTED_RE, start, to, pid=mpid, what="exited unexpectedly (slot %d)" % slot)
        if int(m.group(2)) != pid:
            raise pb.BenchError("unexpected exit of pid %s, killed %d; log: %s" % (m.group(2), pid, p.log_path))
        promoted = m.group(5) is not None  # an idle standby took the slot at once
        if promoted:
            new_pid, delay_ms, i, t_spawn = int(m.group(5)), 0, i_exit, t_exit
        else:
            delay_ms = int(m.group(4))
            i, t_spawn, m = wait_line(p, SPAWNED_RE, i_exit, to, pid=mpid, what="respawn of slot %d" % slot)
            new_pid = int(m.group(2))
        i, t_ready, m = wait_line(p, READY_RE, i, to, pid=mpid, what="READY of the new worker %d" % slot)
        if int(m.group(2)) != new_pid:
            raise pb.BenchError("READY of pid %s, expected %d; log: %s" % (m.group(2), new_pid, p.log_path))
        t_ep = poller.first(t0, lambda ws: any(w[0] == slot and w[1] == new_pid and w[2] == "READY" for w in ws), 10.0)
        window = [ws for _t, ws in poller.window(t0, t_ready) if ws is not None]
        row = {"bench": bench, "variant": variant or variant_key(n, standby), "workers": n, "standby": standby,
               "round": round_no, "slot": slot, "promoted": promoted,
               "to_ready": t_ready - t0, "to_exit_seen": t_exit - t0, "exit_to_spawned": t_spawn - t_exit,
               "spawn_to_ready": t_ready - t_spawn, "inproc_ms": int(m.group(3)), "backoff_ms": delay_ms,
               "to_ready_endpoint": (t_ep - t0) if t_ep else None,
               "min_ready": min((ready_count(ws) for ws in window), default=None), "load1": pb.loadavg().split()[0],
               "archived": runs_from_archive(new_pid)}
        if promoted:
            row["steps"] = self.promotion_steps(p, start, new_pid)
        if standby:
            t_sb, _pid, boot_ms = self.standing_by(p, i_exit, 1)[0]
            row["to_standing_by"], row["standby_boot_ms"] = t_sb - t0, boot_ms
        self.raw.append(row)
        self.progress("%s r%s slot %d: kill -> READY %.0f ms (exit seen %.0f, %s, spawn/promotion -> READY %d ms "
                      "in-process; endpoint %s)%s" % (
                          variant_key(n, standby), round_no, slot, row["to_ready"] * 1000, row["to_exit_seen"] * 1000,
                          "standby promoted" if promoted else "back-off %d ms, +spawn %.0f" % (
                              delay_ms, row["exit_to_spawned"] * 1000), row["inproc_ms"],
                          "%.0f ms" % (row["to_ready_endpoint"] * 1000) if t_ep else "-",
                          "; next standby standing by %.0f ms after the kill" % (row["to_standing_by"] * 1000)
                          if standby else ""))
        return new_pid

    def roll_round(self, p, poller, n, standby, pids, round_no):
        mpid = p.proc.pid
        self.await_idle_standbys(poller, standby)
        start = rb.line_count(p)
        t0 = time.monotonic()
        os.kill(mpid, signal.SIGHUP)
        i_done, t_done, m = wait_line(p, rb.RELOADED_RE, start, self.args.timeout_step * n, pid=mpid, what="Reloaded in")
        inproc = int(m.group(1))
        time.sleep(max(self.args.gap, 3 * self.args.poll))
        with p.cond:
            lines = p.lines[start:]  # a READY line may come just after "Reloaded in"
        new = {}
        stopped = {}
        for t, text in lines:
            if line_pid(text) != mpid:
                continue
            mm = SPAWNED_RE.search(text)
            if mm:
                new[int(mm.group(1))] = {"pid": int(mm.group(2)), "gen": int(mm.group(3)), "t_spawned": t}
            mm = PROMOTED_RE.search(text)
            if mm:
                new[int(mm.group(2))] = {"pid": int(mm.group(1)), "gen": int(mm.group(3)), "t_spawned": t,
                                         "promoted": True}
            mm = READY_RE.search(text)
            if mm and int(mm.group(1)) in new and new[int(mm.group(1))]["pid"] == int(mm.group(2)):
                new[int(mm.group(1))].update(inproc_ms=int(mm.group(3)), to_ready=t - t0)
            mm = STOPPING_RE.search(text)
            if mm:
                stopped[int(mm.group(1))] = int(mm.group(4))
        # exits of the replaced workers (may come just after "Reloaded in")
        with p.cond:
            after = p.lines[start:]
        exits = {}
        for _t, text in after:
            mm = EXITED_RE.search(text)
            if mm and line_pid(text) == mpid:
                exits[int(mm.group(2))] = mm.group(3)
        samples = poller.window(t0, t_done)
        good = [ws for _t, ws in samples if ws is not None]
        gaps = [b[0] - a[0] for a, b in zip(samples, samples[1:])]
        row = {"bench": "roll", "variant": variant_key(n, standby), "workers": n, "standby": standby,
               "round": round_no, "external": t_done - t0, "inproc_ms": inproc,
               "spawn_to_ready_ms": [new[k].get("inproc_ms") for k in sorted(new)],
               "to_first_replacement": min((x["t_spawned"] for x in new.values()), default=t0) - t0,
               "slots": {str(k): {"promoted": x.get("promoted", False), "to_ready": x.get("to_ready"),
                                  "inproc_ms": x.get("inproc_ms"),
                                  "steps": self.promotion_steps(p, start, x["pid"]) if x.get("promoted") else None}
                         for k, x in sorted(new.items())},
               "replaced": len(stopped), "old_pids": sorted(pids.values()),
               "old_exits": {str(pid): exits.get(pid) for pid in pids.values()},
               "polls": len(samples), "failed_polls": len(samples) - len(good),
               "max_poll_gap": max(gaps) if gaps else None,
               "min_ready": min((ready_count(ws) for ws in good), default=None),
               "max_listed": max((len(ws) for ws in good), default=None), "load1": pb.loadavg().split()[0]}
        states, last = [], None  # the endpoint's snapshots during the roll, each change once
        for t, ws in samples:
            if ws is not None and ws != last:
                states.append([round(t - t0, 2), ws])
                last = ws
        row["states"] = states
        old_alive = [pid for pid in pids.values() if proc_alive(pid)]
        row["old_alive_after"] = old_alive
        if old_alive:
            self.notes.append("%s r%s: replaced worker pid(s) %s still running %.1f s after `Reloaded in`; log: %s"
                              % (variant_key(n, standby), round_no, old_alive, max(self.args.gap, 3 * self.args.poll), p.log_path))
        for k in new:
            pids[k] = new[k]["pid"]
        if standby:
            row["to_standing_by"] = max(t for t, _pid, _ms in self.standing_by(p, start, standby)) - t0
        self.raw.append(row)
        self.progress("%s r%s: SIGHUP -> Reloaded %.0f ms (in-process %d), slots READY %s ms after SIGHUP "
                      "(promoted %s), fewest READY seen %s of %d (%d polls, %d failed, max gap %s ms)%s" % (
                          variant_key(n, standby), round_no, row["external"] * 1000, inproc,
                          [round(x["to_ready"] * 1000) if x["to_ready"] else None for x in row["slots"].values()],
                          [k for k, x in row["slots"].items() if x["promoted"]], row["min_ready"], n,
                          row["polls"], row["failed_polls"],
                          "%.0f" % (row["max_poll_gap"] * 1000) if row["max_poll_gap"] else "-",
                          "; standby standing by %.0f ms after SIGHUP" % (row["to_standing_by"] * 1000)
                          if standby else ""))

    # --- aot: JDK 25 AOT cache and CDS -------------------------------------------------------

    def prepare_aot(self):
        """Extract the jar, train the caches; returns the variants [(name, java, jar, jvm args)]."""
        a = self.args
        d = a.aot_dir
        os.makedirs(d, exist_ok=True)
        ext_dir = os.path.join(d, "extracted")
        shutil.rmtree(ext_dir, ignore_errors=True)
        subprocess.run([a.java25, "-Djarmode=tools", "-jar", a.sample_jar, "extract", "--destination", ext_dir],
                       check=True, stdout=subprocess.DEVNULL)
        ext_jar = os.path.join(ext_dir, os.path.basename(a.sample_jar))
        self.aot_info = {"extract": "%s -Djarmode=tools -jar %s extract --destination %s" % (a.java25, a.sample_jar, ext_dir)}
        trainings = [
            ("fat.aot", a.java25, a.sample_jar, "-XX:AOTCacheOutput="),
            ("extracted.aot", a.java25, ext_jar, "-XX:AOTCacheOutput="),
            ("extracted-25.jsa", a.java25, ext_jar, "-XX:ArchiveClassesAtExit="),
        ]
        if a.java17:
            trainings.append(("extracted-17.jsa", a.java17, ext_jar, "-XX:ArchiveClassesAtExit="))
        for fname, java, jar, flag in trainings:
            out = os.path.join(d, fname)
            for old in (out, out + ".config"):
                if os.path.exists(old):
                    os.remove(old)
            cmd = [java, flag + out, "-Dspring.context.exit=onRefresh", "-jar", jar, "--server.port=%d" % pb.free_port()]
            log = os.path.join(self.workdir, "train-%s.log" % fname)
            t0 = time.monotonic()
            with open(log, "wb") as f:
                r = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   preexec_fn=own_preexec, timeout=600)
            secs = time.monotonic() - t0
            with open(log, "rb") as f:
                text = f.read().decode("utf-8", "replace")
            self.aot_info[fname] = {"cmd": " ".join(cmd), "status": r.returncode, "seconds": secs,
                                    "size": os.path.getsize(out) if os.path.exists(out) else None,
                                    "warnings": text.count("[warning]"), "errors": text.count("[error")}
            self.progress("trained %s: status %d in %.1f s, %s bytes, %d JVM warnings" % (
                fname, r.returncode, secs, self.aot_info[fname]["size"], self.aot_info[fname]["warnings"]))
            if r.returncode != 0 or not os.path.exists(out):
                raise pb.BenchError("training %s failed; log: %s" % (fname, log))
        v = [("25 fat jar", a.java25, a.sample_jar, []),
             ("25 fat jar + AOT cache", a.java25, a.sample_jar, ["-XX:AOTCache=" + os.path.join(d, "fat.aot")]),
             ("25 extracted", a.java25, ext_jar, []),
             ("25 extracted + AOT cache", a.java25, ext_jar, ["-XX:AOTCache=" + os.path.join(d, "extracted.aot")]),
             ("25 extracted + CDS", a.java25, ext_jar, ["-XX:SharedArchiveFile=" + os.path.join(d, "extracted-25.jsa")])]
        if a.java17:
            v += [("17 extracted", a.java17, ext_jar, []),
                  ("17 extracted + CDS", a.java17, ext_jar,
                   ["-XX:SharedArchiveFile=" + os.path.join(d, "extracted-17.jsa")])]
        return v

    def aot_run(self, variant, round_no):
        name, java, jar, jvm = variant
        n = self.args.aot_workers
        label = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        p = self.spawn(java, "aot-" + label, jar, ["--oslo.service.workers=%d" % n, "--sample.work-queue.drain-time=0ms",
                                                   NO_CLASS_DATA], jvm_args=jvm)
        try:
            row = self.startup_phase(p, n, name.split()[0], name, round_no, bench="aot")
        finally:
            self.end(p)
        with p.cond:
            jvm_msgs = [text for _t, text in p.lines if "][aot]" in text or "][cds]" in text or "[error" in text]
        row["jvm_messages"] = jvm_msgs[:5]
        if jvm_msgs:
            self.notes.append("%s: JVM message(s) at run time, e.g. `%s` (log %s)" % (
                name, jvm_msgs[0][:200], os.path.relpath(p.log_path, ROOT)))
        self.raw.append(row)
        self.progress("aot %-26s r%s: master own start %.0f ms, workers spawn->READY %s ms, all ready %.0f ms" % (
            name, round_no, row["master_to_first_spawn"] * 1000, row["worker_inproc_ms"], row["to_all_ready"] * 1000))

    def aot_probe(self):
        """Training with workers=2 and no onRefresh: every JVM (the workers re-run the master's
        command line) writes the same cache at exit."""
        a = self.args
        out = os.path.join(a.aot_dir, "probe-workers2.aot")
        for old in (out, out + ".config"):
            if os.path.exists(old):
                os.remove(old)
        ext_jar = os.path.join(a.aot_dir, "extracted", os.path.basename(a.sample_jar))
        p = self.spawn(a.java25, "aot-probe-train-workers2", ext_jar,
                       ["--oslo.service.workers=2", "--sample.work-queue.drain-time=0ms"],
                       jvm_args=["-XX:AOTCacheOutput=" + out])
        try:
            wait_line(p, ALL_READY_RE, 0, a.timeout_step, pid=p.proc.pid, what="worker(s) ready")
            time.sleep(1.0)
            t0 = time.monotonic()
            p.proc.send_signal(signal.SIGTERM)
            status = p.proc.wait(a.stop_timeout + 60)
            secs = time.monotonic() - t0
        finally:
            kill_group(p.proc.pid)
            p.finish()
        with p.cond:
            lines = [text for _t, text in p.lines]
        keep = [x for x in lines if ("AOT" in x or "[error" in x) and "Picked up" not in x]
        self.aot_info["probe"] = {"status": status, "stop_seconds": secs, "lines": keep,
                                  "cache": os.path.getsize(out) if os.path.exists(out) else None,
                                  "log": os.path.relpath(p.log_path, ROOT),
                                  "cmd": "%s -XX:AOTCacheOutput=%s -jar %s --oslo.service.workers=2 ..." % (a.java25, out, ext_jar)}
        self.progress("probe (train with workers=2): master status %s, SIGTERM -> exit %.1f s; %d JVM error line(s)" % (
            status, secs, sum(1 for x in keep if "[error" in x)))

    # --- classdata: the archive the starter makes by itself --------------------------------------

    def classdata_javas(self):
        a = self.args
        return [(label, java) for label, java in (("17", a.java17), ("25", a.java25)) if java]

    def classdata_variants(self):
        """(suffix, JVM options of the master) of the masters with the archive."""
        variants = [(" + archive", [])]
        if self.args.classdata_no_relocation:
            variants.append((" + archive, no relocation", NO_RELOCATION))
        return variants

    def prepare_classdata(self, label, java, suffix, jvm_args):
        """One master with an empty archive directory, until the starter has made its archive."""
        a = self.args
        key = label + re.sub(r"[^a-z0-9]+", "-", suffix.lower()).rstrip("-")
        cache = os.path.join(a.aot_dir, "classdata-" + key)
        n = a.aot_workers
        p = self.spawn(java, "classdata-%s-train" % key, a.sample_jar,
                       ["--oslo.service.workers=%d" % n, "--sample.work-queue.drain-time=0ms",
                        "--management.server.port=%d" % pb.free_port(),
                        "--oslo.service.worker.class-data.directory=" + cache], jvm_args=jvm_args)
        try:
            _i, t_ready, _m = wait_line(p, ALL_READY_RE, 0, a.timeout_step, pid=p.proc.pid, what="worker(s) ready")
            _i, t_made, m = wait_line(p, CREATED_RE, 0, 600.0, pid=p.proc.pid, what="Created the class-data archive")
        finally:
            self.end(p)
        log = os.path.join(os.path.dirname(m.group(2)), "training.log")
        with open(log, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        self.classdata_info[label + suffix] = {"format": m.group(1), "archive": m.group(2), "mib": int(m.group(3)),
                                      "ready_to_made": t_made - t_ready, "training_log_warnings": text.count("[warning]")}
        self.progress("classdata %s%s: %s of %s MiB made %.1f s after the workers were ready" % (
            label, suffix, m.group(1), m.group(3), t_made - t_ready))
        return cache

    def classdata_run(self, label, java, cache, round_no, suffix="", jvm_args=()):
        """A master with N workers, without the archive (cache None) or with the one made before."""
        a = self.args
        n = a.aot_workers
        variant = "%s N=%d%s" % (label, n, suffix)
        management_port = pb.free_port()
        app_args = ["--oslo.service.workers=%d" % n, "--oslo.service.worker.standby=0",
                    "--sample.work-queue.drain-time=0ms", "--management.server.port=%d" % management_port]
        app_args.append(class_data_option(cache))
        p = self.spawn(java, "classdata-" + re.sub(r"[^a-z0-9]+", "-", variant.lower()).strip("-"), a.sample_jar,
                       app_args, jvm_args=jvm_args)
        poller = None
        try:
            row = self.startup_phase(p, n, label, variant, round_no, bench="classdata")
            pids = dict(row["worker_pids"])
            row["archived"] = [runs_from_archive(pids[k]) for k in sorted(pids)]
            poller = Poller(management_port, a.poll)
            poller.start()
            time.sleep(a.settle)
            row.update(group_memory(p.proc.pid, pids))
            self.raw.append(row)
            self.respawn_round(p, poller, n, 0, 1, pids[1], round_no, bench="classdata-respawn", variant=variant)
        finally:
            if poller:
                poller.stopped.set()
            self.end(p)
        self.progress("classdata %-16s r%s: workers spawn->READY %s ms (archive %s), RSS %s MiB, Pss %s MiB" % (
            variant, round_no, row["worker_inproc_ms"], row["archived"],
            [round(r / 1024) for r in row["worker_rss"] if r], [round(r / 1024) for r in row["worker_pss"] if r]))

    # --- driver -------------------------------------------------------------------------------

    def progress(self, text):
        print("  " + text, file=sys.stderr, flush=True)

    def run(self):
        a = self.args
        if "main" in a.bench:
            if a.class_data:
                self.main_cache = self.prepare_classdata(a.java_label, a.java, "", [])
            for w in range(a.warmup):
                for v in ("single", "plain"):
                    self.single_run(v, "w%d" % (w + 1), record=False)
            for r in range(1, a.rounds + 1):
                for v in ("single", "plain"):
                    self.single_run(v, r)
                for n in a.workers:
                    for standby in a.standby:
                        self.workers_run(n, standby, r)
        if "aot" in a.bench:
            variants = self.prepare_aot()
            for r in range(1, a.aot_rounds + 1):
                for v in variants:
                    self.aot_run(v, r)
            if a.aot_probe:
                self.aot_probe()
        if "classdata" in a.bench:
            caches = {(label, suffix): self.prepare_classdata(label, java, suffix, jvm)
                      for label, java in self.classdata_javas() for suffix, jvm in self.classdata_variants()}
            for r in range(1, a.aot_rounds + 1):
                for label, java in self.classdata_javas():
                    self.single_run("%s single" % label, r, java=java, bench="classdata-single")
                    self.classdata_run(label, java, None, r)
                    for suffix, jvm in self.classdata_variants():
                        self.classdata_run(label, java, caches[(label, suffix)], r, suffix, jvm)

    # --- report -------------------------------------------------------------------------------

    def classdata_report(self, cell, med):
        a = self.args
        n = a.aot_workers
        out = ["### (f) The workers' class-data archive made by the starter (N = %d; %d interleaved rounds; "
               "ms or MiB, median [min–max])" % (n, a.aot_rounds), "",
               "| JDK, variant | masters | worker spawn → READY (start-up, every worker) | respawn: spawn → READY "
               "| RSS per worker | Pss per worker | Pss / RSS | master spawn → all ready | from the archive |",
               "|---|---:|---|---|---|---|---:|---|---|"]
        meds = {}
        for label, _java in self.classdata_javas():
            single = self.rows("classdata-single", variant="%s single" % label)
            if single:
                rss, pss = mib([r.get("rss") for r in single]), mib([r.get("pss") for r in single])
                out.append("| %s, single process: spawn → `Started` | %d | %s | | %s (process) | %s (process) | %.2f | | |" % (
                    label, len(single), cell([r["to_started"] for r in single]), cell(rss, 1), cell(pss, 1),
                    med(pss) / med(rss) if rss and pss else float("nan")))
                meds[label + " single"] = (med([r["to_started"] for r in single]), None, med(rss), med(pss))
            for suffix in [""] + [v[0] for v in self.classdata_variants()]:
                variant = "%s N=%d%s" % (label, n, suffix)
                rs = self.rows("classdata", variant=variant)
                if not rs:
                    continue
                wi = [v / 1000.0 for r in rs for v in r["worker_inproc_ms"] if v is not None]
                resp = [r["inproc_ms"] / 1000.0 for r in self.rows("classdata-respawn", variant=variant)]
                rss = mib([v for r in rs for v in r["worker_rss"]])
                pss = mib([v for r in rs for v in r["worker_pss"]])
                archived = [x for r in rs for x in r["archived"]] + [
                    r.get("archived") for r in self.rows("classdata-respawn", variant=variant)]
                meds[variant] = (med(wi), med(resp), med(rss), med(pss))
                out.append("| %s, N = %d%s | %d | %s | %s | %s | %s | %.2f | %s | %d of %d workers |" % (
                    label, n, suffix, len(rs), cell(wi), cell(resp), cell(rss, 1), cell(pss, 1),
                    med(pss) / med(rss) if rss and pss else float("nan"), cell([r["to_all_ready"] for r in rs]),
                    sum(1 for x in archived if x), len(archived)))
        out += ["", "| ratio (of medians) | worker spawn → READY | respawn spawn → READY | RSS per worker | Pss per worker |",
                "|---|---:|---:|---:|---:|"]
        for label, _java in self.classdata_javas():
            without = meds.get("%s N=%d" % (label, n))
            for suffix, _jvm in self.classdata_variants():
                with_ = meds.get("%s N=%d%s" % (label, n, suffix))
                if with_ and without:
                    out.append("| %s: N = %d%s / N = %d | %s |" % (label, n, suffix, n, " | ".join(
                        "%.2f" % (x / y) if x and y else "-" for x, y in zip(with_, without))))
            single = meds.get(label + " single")
            for suffix in [""] + [v[0] for v in self.classdata_variants()]:
                workers = meds.get("%s N=%d%s" % (label, n, suffix))
                if single and workers:
                    out.append("| %s: N = %d%s / single process (worker spawn → READY / single start; memory per worker / process) | %s | | %s | %s |" % (
                        label, n, suffix, "%.2f" % (workers[0] / single[0]) if workers[0] and single[0] else "-",
                        "%.2f" % (workers[2] / single[2]) if workers[2] and single[2] else "-",
                        "%.2f" % (workers[3] / single[3]) if workers[3] and single[3] else "-"))
        out += ["", "Made by the starter (one master per JDK, before the rounds):", ""] + self.archive_lines() + [""]
        return out

    def archive_lines(self):
        return ["- JDK %s: %s of %d MiB, made %.1f s after `%d worker(s) ready`; `training.log` has %d JVM warnings" % (
            label, info["format"], info["mib"], info["ready_to_made"], self.args.aot_workers,
            info["training_log_warnings"]) for label, info in self.classdata_info.items()]

    def rows(self, bench, **kw):
        return [r for r in self.raw if r["bench"] == bench and all(r.get(k) == v for k, v in kw.items())]

    def report(self, header):
        def ms(v):
            return "%.0f" % (v * 1000)

        def cell(values, scale=1000.0, digits=0):
            values = [v for v in values if v is not None]
            if not values:
                return "-"
            f = "%%.%df" % digits
            return ("**" + f + "** [" + f + "–" + f + "]") % (statistics.median(values) * scale, min(values) * scale,
                                                             max(values) * scale)

        def med(values):
            values = [v for v in values if v is not None]
            return statistics.median(values) if values else None

        out = [header, ""]
        a = self.args
        if self.main_cache:
            archived = [x for r in self.rows("startup") for x in r.get("archived", [])]
            out += ["The masters of main ran with the class-data archive made by the starter before the rounds "
                    "(`%s`); %d of %d workers mapped it at start-up:" % (
                        class_data_option(self.main_cache), sum(1 for x in archived if x), len(archived)), ""]
            out += self.archive_lines() + [""]
        single = self.rows("startup", variant="single")
        plain = self.rows("startup", variant="plain")
        if single or any(r["bench"] == "startup" and r.get("workers") for r in self.raw):
            out += ["### (a) Start-up (ms; median [min–max]; %d rounds, JDK %s)" % (a.rounds, a.java_label), "",
                    "| | n | spawn → line | Boot's 'process running for' (s) | CPU time at the line (s) |",
                    "|---|---:|---|---|---|"]
            out.append("| single process (`--oslo.service.workers=1`): spawn → `Started SampleApplication` | %d | %s | %s | %s |" % (
                len(single), cell([r["to_started"] for r in single]), cell([r["boot_running"] for r in single], 1, 2),
                cell([r["cpu"] for r in single], 1, 2)))
            out.append("| plain Spring Boot app: spawn → `Started PlainApplication` | %d | %s | %s | %s |" % (
                len(plain), cell([r["to_started"] for r in plain]), cell([r["boot_running"] for r in plain], 1, 2),
                cell([r["cpu"] for r in plain], 1, 2)))
            for n in a.workers:
                rs = self.rows("startup", workers=n)  # every standby count: standbys boot once all workers are ready
                if not rs:
                    continue
                wi = [v / 1000.0 for r in rs for v in r["worker_inproc_ms"] if v is not None]
                slow = [max(v for v in r["worker_inproc_ms"] if v is not None) / 1000.0 for r in rs]
                fast = [min(v for v in r["worker_inproc_ms"] if v is not None) / 1000.0 for r in rs]
                out += [
                    "| N = %d: master spawn → its `Spawned worker 1` (the master's own start) | %d | %s | | |" % (
                        n, len(rs), cell([r["master_to_first_spawn"] for r in rs])),
                    "| N = %d: worker spawn → READY, every worker (in-process `is ready (N ms after spawn)`) | %d | %s | %s | %s |" % (
                        n, len(wi), cell(wi), cell([v for r in rs for v in r["worker_boot_running"]], 1, 2),
                        cell([v for r in rs for v in r["worker_cpu"]], 1, 2)),
                    "| N = %d: fastest / slowest worker of a round | %d | %s / %s | | |" % (n, len(rs), cell(fast), cell(slow)),
                    "| N = %d: master spawn → `%d worker(s) ready` | %d | %s | | |" % (
                        n, n, len(rs), cell([r["to_all_ready"] for r in rs])),
                    "| N = %d: master spawn → master's `Started SampleApplication` | %d | %s | %s | %s |" % (
                        n, len(rs), cell([r["to_master_started"] for r in rs]),
                        cell([r["master_boot_running"] for r in rs], 1, 2), cell([r["master_cpu"] for r in rs], 1, 2)),
                ]
                for sb in a.standby:
                    booted = [r for r in rs if r.get("standby") == sb and sb]
                    if booted:
                        out.append("| %s: standby spawn → `standing by` (in-process), after all ready / master spawn → standing by | %d | %s / %s | | |" % (
                            variant_label(n, sb, bool(self.main_cache)), len(booted), cell([v / 1000.0 for r in booted for v in r["standby_boot_ms"]]),
                            cell([r["to_standing_by"] for r in booted])))
            ms_single = med([r["to_started"] for r in single])
            ms_plain = med([r["to_started"] for r in plain])
            out += ["", "| ratio (of medians) | value |", "|---|---:|"]
            if ms_single and ms_plain:
                out.append("| single process / plain app | %.2f |" % (ms_single / ms_plain))
            for n in a.workers:
                rs = self.rows("startup", workers=n)
                if not rs or not ms_single:
                    continue
                wi = med([v / 1000.0 for r in rs for v in r["worker_inproc_ms"] if v is not None])
                out.append("| N = %d: worker spawn → READY / single-process start | %.2f |" % (n, wi / ms_single))
                out.append("| N = %d: master spawn → all ready / single-process start | %.2f |" % (
                    n, med([r["to_all_ready"] for r in rs]) / ms_single))
            if len(a.workers) >= 2:
                n0, n1 = a.workers[0], a.workers[-1]
                r0, r1 = self.rows("startup", workers=n0), self.rows("startup", workers=n1)
                if r0 and r1:
                    out.append("| all ready, N = %d / N = %d | %.2f |" % (
                        n1, n0, med([r["to_all_ready"] for r in r1]) / med([r["to_all_ready"] for r in r0])))
            out.append("")
        variants = [(n, sb, variant_key(n, sb), variant_label(n, sb, bool(self.main_cache)))
                    for n in a.workers for sb in a.standby]

        def ratios(bench, key, title):
            """standby k / standby 0 of the medians of key, for each N."""
            lines = []
            for n in a.workers:
                base = med([key(r) for r in self.rows(bench, variant=variant_key(n, 0))])
                for sb in a.standby:
                    top = med([key(r) for r in self.rows(bench, variant=variant_key(n, sb))])
                    if sb and base and top:
                        lines.append("| N = %d: %s, standby %d / standby 0 | %.3f |" % (n, title, sb, top / base))
            return ["", "| ratio (of medians) | value |", "|---|---:|"] + lines if lines else []

        if self.rows("respawn"):
            out += ["### (b) Respawn after SIGKILL of one worker (ms; median [min–max]; each slot killed once per master, "
                    "so every back-off is the first, 100 ms; with standbys, killed once a standby is idle)", "",
                    "| | n | kill → new worker READY (log) | kill → READY on `/actuator/launcher` | kill → `exited unexpectedly` | → `Spawned` (back-off + spawn; 0 when promoted) | spawn or promotion → READY (in-process) | back-off share | fewest READY during | kill → next standby standing by | its spawn → standing by (in-process) |",
                    "|---|---:|---|---|---|---|---|---:|---:|---|---|"]
            for n, sb, key, label in variants:
                rs = self.rows("respawn", variant=key)
                if not rs:
                    continue
                share = med([r["backoff_ms"] / 1000.0 / r["to_ready"] for r in rs])
                out.append("| %s%s | %d | %s | %s | %s | %s | %s | %.1f %% | %s | %s | %s |" % (
                    label, "" if all(r["promoted"] for r in rs) or not sb else " (%d of %d promoted)" % (
                        sum(1 for r in rs if r["promoted"]), len(rs)),
                    len(rs), cell([r["to_ready"] for r in rs]), cell([r["to_ready_endpoint"] for r in rs]),
                    cell([r["to_exit_seen"] for r in rs]), cell([r["exit_to_spawned"] for r in rs]),
                    cell([r["inproc_ms"] / 1000.0 for r in rs]), share * 100,
                    min((r["min_ready"] for r in rs if r["min_ready"] is not None), default="-"),
                    cell([r.get("to_standing_by") for r in rs]), cell([r.get("standby_boot_ms", 0) / 1000.0 for r in rs if sb])))
            out += ratios("respawn", lambda r: r["to_ready"], "kill → READY")
            out.append("")
        if self.rows("roll"):
            out += ["### (c) Rolling replacement on SIGHUP (restart method reload; ms; median [min–max])", "",
                    "| | n | SIGHUP → `Reloaded in` | in-process `Reloaded in` | SIGHUP → first replacement (master's re-read) | SIGHUP → promoted slot READY | SIGHUP → spawned slot READY | spawned worker spawn → READY (in-process) | fewest READY seen (endpoint) | most workers listed | polls (failed), largest gap | SIGHUP → next standby standing by |",
                    "|---|---:|---|---|---|---|---|---|---:|---:|---|---|"]
            for n, sb, key, label in variants:
                rs = self.rows("roll", variant=key)
                if not rs:
                    continue
                slots = [x for r in rs for x in r["slots"].values()]
                out.append("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %d (%d), %s ms | %s |" % (
                    label, len(rs), cell([r["external"] for r in rs]), cell([r["inproc_ms"] / 1000.0 for r in rs]),
                    cell([r["to_first_replacement"] for r in rs]),
                    cell([x["to_ready"] for x in slots if x["promoted"]]),
                    cell([x["to_ready"] for x in slots if not x["promoted"]]),
                    cell([x["inproc_ms"] / 1000.0 for x in slots if not x["promoted"] and x["inproc_ms"] is not None]),
                    min((r["min_ready"] for r in rs if r["min_ready"] is not None), default="-"),
                    max((r["max_listed"] for r in rs if r["max_listed"] is not None), default="-"),
                    sum(r["polls"] for r in rs), sum(r["failed_polls"] for r in rs),
                    "%.0f" % (max(r["max_poll_gap"] or 0 for r in rs) * 1000), cell([r.get("to_standing_by") for r in rs])))
            out += ratios("roll", lambda r: r["external"], "SIGHUP → `Reloaded in`")
            goal = []
            for n, sb, key, label in variants:
                rs, boot = self.rows("roll", variant=key), med([v / 1000.0 for r in self.rows("startup", variant=key)
                                                                for v in r.get("standby_boot_ms", [])])
                if sb and rs and boot:
                    goal.append("| %s | %.0f | %.0f + %.0f = %.0f | %s |" % (
                        label, med([r["external"] for r in rs]) * 1000, n * 200, boot * 1000, n * 200 + boot * 1000,
                        "met" if med([r["external"] for r in rs]) <= n * 0.2 + boot else "not met"))
            if goal:
                out += ["", "| issue 16's roll goal: median `Reloaded in` ≤ N × 200 ms + one standby boot (its first, in-process) | Reloaded | bound | |",
                        "|---|---:|---:|---|"] + goal
            out.append("")
        promoted = [(r["bench"], label, r["steps"]) for n, sb, key, label in variants for r in self.raw
                    if r.get("variant") == key and r["bench"] == "respawn" and r.get("steps")]
        promoted += [(r["bench"], label, x["steps"]) for n, sb, key, label in variants for r in self.rows("roll", variant=key)
                     for x in r["slots"].values() if x.get("steps")]
        if promoted:
            names = [name for name, _p in PROMOTION_STEPS] + ["ready"]
            out += ["### Promotions: the promoted standby's own log (ms after the master's line that promoted it, by the "
                    "log lines' clocks; median [min–max])", "",
                    "| | n | `Promoted to worker` | `Re-read the configuration` (in-process) | `Launched N service(s)` | web server `started on port` | `Started ...Application` | master: `is ready (after its promotion)` |",
                    "|---|---:|---|---|---|---|---|---|"]
            for bench in ("respawn", "roll"):
                for _n, _sb, _key, label in variants:
                    steps = [st for kind, lab, st in promoted if kind == bench and lab == label]
                    if steps:
                        cells = [cell([st.get(name) for st in steps], 1) for name in names]
                        cells[1] += " (%s)" % cell([st.get("reread_inproc") for st in steps], 1)
                        out.append("| %s: %s | %d | %s |" % (bench, label, len(steps), " | ".join(cells)))
            out.append("")
        if self.rows("memory") or single:
            out += ["### (d) Memory once idle (MiB; %.0f s after ready, standbys idle; median [min–max])" % a.settle, "",
                    "| | n | RSS | Pss |", "|---|---:|---|---|"]
            kib = 1.0 / 1024
            out.append("| single process (`workers=1`) | %d | %s | %s |" % (
                len(single), cell([r.get("rss") for r in single], kib), cell([r.get("pss") for r in single], kib)))
            out.append("| plain Spring Boot app | %d | %s | %s |" % (
                len(plain), cell([r.get("rss") for r in plain], kib), cell([r.get("pss") for r in plain], kib)))
            for n, sb, key, label in variants:
                rs = self.rows("memory", variant=key)
                if not rs:
                    continue
                out.append("| %s: master | %d | %s | %s |" % (
                    label, len(rs), cell([r["master_rss"] for r in rs], kib), cell([r["master_pss"] for r in rs], kib)))
                for kind in ("worker", "standby") if sb else ("worker",):
                    out.append("| %s: each %s | %d | %s | %s |" % (
                        label, kind, sum(len(r[kind + "_rss"]) for r in rs), cell([v for r in rs for v in r[kind + "_rss"]], kib),
                        cell([v for r in rs for v in r[kind + "_pss"]], kib)))
                out.append("| %s: master + all workers and standbys | %d | %s | %s |" % (
                    label, len(rs), cell([r["master_rss"] + sum(r["worker_rss"]) + sum(r["standby_rss"]) for r in rs], kib),
                    cell([r["master_pss"] + sum(r["worker_pss"]) + sum(r["standby_pss"]) for r in rs if r["master_pss"]], kib)))
            s_rss = med([r.get("rss") for r in single])
            out += ["", "| ratio (of medians) | value |", "|---|---:|"]
            for n, sb, key, label in variants:
                rs = self.rows("memory", variant=key)
                w_rss, w_pss = med([v for r in rs for v in r["worker_rss"]]), med([v for r in rs for v in r["worker_pss"]])
                if rs and s_rss:
                    out.append("| %s: worker / single process (RSS) | %.2f |" % (label, w_rss / s_rss))
                    out.append("| %s: master / single process (RSS) | %.2f |" % (label, med([r["master_rss"] for r in rs]) / s_rss))
                    out.append("| %s: master + workers + standbys / single process (RSS) | %.2f |" % (
                        label, med([r["master_rss"] + sum(r["worker_rss"]) + sum(r["standby_rss"]) for r in rs]) / s_rss))
                sb_rss, sb_pss = med([v for r in rs for v in r["standby_rss"]]), med([v for r in rs for v in r["standby_pss"]])
                if sb_rss and w_rss:
                    out.append("| %s: idle standby / worker, RSS / Pss | %.2f / %.2f |" % (label, sb_rss / w_rss, sb_pss / w_pss))
            out.append("")
        stops = self.rows("stop")
        if stops:
            out += ["### SIGTERM → master exit at the end of each master's run", "",
                    "| | n | median [min–max] ms | statuses | worker pids left 1 s after the master exited |",
                    "|---|---:|---|---|---|"]
            for n, sb, key, label in variants:
                rs = self.rows("stop", variant=key)
                if rs:
                    out.append("| %s | %d | %s | %s | %s |" % (
                        label, len(rs), cell([r["stop"] for r in rs]), ", ".join(sorted({str(r["status"]) for r in rs})),
                        sum(len(r["left_after_1s"]) for r in rs)))
            out.append("")
        aot = self.rows("aot")
        if aot:
            names = []
            for r in aot:
                if r["variant"] not in names:
                    names.append(r["variant"])
            out += ["### (e) AOT cache and CDS (N = %d workers; %d interleaved rounds; ms, median [min–max])" % (
                a.aot_workers, a.aot_rounds), "",
                    "| JDK, jar, option | master spawn → `Spawned worker 1` | worker spawn → READY (every worker) | master spawn → all ready | worker Boot 'process running for' (s) | worker CPU at ready (s) |",
                    "|---|---|---|---|---|---|"]
            meds = {}
            for name in names:
                rs = [r for r in aot if r["variant"] == name]
                wi = [v / 1000.0 for r in rs for v in r["worker_inproc_ms"] if v is not None]
                meds[name] = (med([r["master_to_first_spawn"] for r in rs]), med(wi), med([r["to_all_ready"] for r in rs]))
                out.append("| %s | %s | %s | %s | %s | %s |" % (
                    name, cell([r["master_to_first_spawn"] for r in rs]), cell(wi), cell([r["to_all_ready"] for r in rs]),
                    cell([v for r in rs for v in r["worker_boot_running"]], 1, 2),
                    cell([v for r in rs for v in r["worker_cpu"]], 1, 2)))
            out += ["", "| ratio (of medians) | master own start | worker spawn → READY | all ready |", "|---|---:|---:|---:|"]
            for num, den in (("25 fat jar + AOT cache", "25 fat jar"), ("25 extracted", "25 fat jar"),
                             ("25 extracted + AOT cache", "25 fat jar"), ("25 extracted + AOT cache", "25 extracted"),
                             ("25 extracted + CDS", "25 extracted"), ("25 extracted + AOT cache", "25 extracted + CDS"),
                             ("17 extracted + CDS", "17 extracted"), ("25 extracted + AOT cache", "17 extracted")):
                if num in meds and den in meds:
                    out.append("| %s / %s | %.2f | %.2f | %.2f |" % (
                        num, den, *(x / y if x and y else float("nan") for x, y in zip(meds[num], meds[den]))))
            out += ["", "Training (one run each, `-Dspring.context.exit=onRefresh`, workers = 1):", ""]
            for key, info in self.aot_info.items():
                if isinstance(info, dict) and "cmd" in info and key != "probe":
                    out.append("- `%s`: status %s, %.1f s, %.1f MiB, %d JVM warnings" % (
                        info["cmd"], info["status"], info["seconds"], (info["size"] or 0) / 1048576.0, info["warnings"]))
            probe = self.aot_info.get("probe")
            if probe:
                out += ["", "Probe, training with workers = 2 and no `onRefresh` (`%s`), then SIGTERM: master status %s, "
                        "SIGTERM → exit %.1f s, cache %s bytes; JVM lines:" % (
                            probe["cmd"], probe["status"], probe["stop_seconds"], probe["cache"]), ""]
                out += ["    " + x[:200] for x in probe["lines"]]
            out.append("")
        if self.rows("classdata"):
            out += self.classdata_report(cell, med)
        if self.notes:
            out += ["### Anomalies seen in the logs", ""]
            seen = set()
            for note in self.notes:
                key = re.sub(r"\d+", "#", note)[:160]
                if key in seen:
                    continue
                seen.add(key)
                out.append("- " + note)
            out.append("")
        return "\n".join(out)


def mib(values):
    return [v / 1024.0 for v in values if v is not None]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default="main,aot",
                    help="comma-separated subset of main,aot,classdata (default main,aot)")
    ap.add_argument("--parts", default="respawn,roll",
                    help="what main does with each master after start-up and memory: subset of respawn,roll")
    ap.add_argument("--rounds", type=int, default=4, help="rounds of main (default 4)")
    ap.add_argument("--warmup", type=int, default=1, help="unrecorded single/plain rounds before main (default 1)")
    ap.add_argument("--workers", default="2,4", help="numbers of workers for main (default 2,4)")
    ap.add_argument("--standby", default="0,1",
                    help="numbers of standbys (--oslo.service.worker.standby) for each N of main (default 0,1)")
    ap.add_argument("--aot-rounds", type=int, default=3, help="rounds of aot (default 3)")
    ap.add_argument("--aot-workers", type=int, default=2, help="workers per master in aot (default 2)")
    ap.add_argument("--no-aot-probe", dest="aot_probe", action="store_false",
                    help="skip the probe that trains an AOT cache with workers=2")
    ap.add_argument("--classdata-no-relocation", action="store_true",
                    help="classdata: also masters with %s (the archive's pages stay shared)" % " ".join(NO_RELOCATION))
    ap.add_argument("--class-data", action="store_true",
                    help="main: run the masters with the workers' class-data archive, made once before the rounds "
                         "(default: without, %s)" % NO_CLASS_DATA)
    ap.add_argument("--settle", type=float, default=5.0, help="seconds after ready before reading memory (default 5)")
    ap.add_argument("--gap", type=float, default=1.0, help="seconds between a respawn/roll and the next step (default 1)")
    ap.add_argument("--poll", type=float, default=0.1, help="period of the /actuator/launcher poll, s (default 0.1)")
    ap.add_argument("--timeout", type=float, default=180.0,
                    help="seconds for one step (start-up, a respawn); a master is killed this long x 5 after spawn")
    ap.add_argument("--stop-timeout", type=float, default=60.0, help="seconds from SIGTERM before the group is killed")
    ap.add_argument("--java", default=None, help="java for main (default $JAVA_HOME/bin/java, else java on PATH)")
    ap.add_argument("--java25", default=DEFAULT_JAVA25, help="JDK 25 java for aot (default %s)" % DEFAULT_JAVA25)
    ap.add_argument("--java17", default=DEFAULT_JAVA17,
                    help="JDK 17 java for the CDS variants of aot; empty to skip (default %s)" % DEFAULT_JAVA17)
    ap.add_argument("--jvm-arg", action="append", default=[], help="extra JVM option for every JVM (repeatable)")
    ap.add_argument("--sample-jar", default=pb.DEFAULT_SAMPLE_JAR)
    ap.add_argument("--plain-jar", default=pb.DEFAULT_PLAIN_JAR)
    ap.add_argument("--wait-while", action="append", default=[],
                    help="before measuring, wait while a java process whose command line contains this runs (repeatable)")
    ap.add_argument("--wait-max", type=float, default=600.0)
    ap.add_argument("--results-dir", default=None, help="default bench/results/workers-<timestamp>")
    ap.add_argument("--no-copy", action="store_true", help="run the jars in place (default: copy them first)")
    args = ap.parse_args()

    args.bench = [b.strip() for b in args.bench.split(",") if b.strip()]
    args.parts = [b.strip() for b in args.parts.split(",") if b.strip()]
    if set(args.bench) - {"main", "aot", "classdata"} or set(args.parts) - {"respawn", "roll"}:
        ap.error("unknown --bench or --parts value")
    args.workers = [int(n) for n in args.workers.split(",") if n.strip()]
    args.standby = [int(n) for n in args.standby.split(",") if n.strip()]
    if any(n < 2 for n in args.workers) or args.rounds < 1 or not args.standby or any(n < 0 for n in args.standby):
        ap.error("--workers must be 2 or more, --rounds at least 1, --standby 0 or more")
    if args.java is None:
        home = os.environ.get("JAVA_HOME")
        args.java = os.path.join(home, "bin", "java") if home else (shutil.which("java") or "java")
    javas = [args.java] + ([args.java25] + ([args.java17] if args.java17 else [])
                           if {"aot", "classdata"} & set(args.bench) else [])
    versions, real = {}, set()
    for j in javas:
        if os.path.realpath(shutil.which(j) or j) not in real:
            real.add(os.path.realpath(shutil.which(j) or j))
            versions[j] = pb.java_version(j)
    m = re.search(r'version "([^"]+)"', versions[args.java])
    args.java_label = m.group(1) if m else args.java
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    if args.results_dir is None:
        args.results_dir = os.path.join(HERE, "results", "workers-" + stamp)
    os.makedirs(args.results_dir, exist_ok=True)
    args.timeout_step = args.timeout

    for jar in (args.sample_jar, args.plain_jar):
        if not os.path.isfile(jar):
            sys.exit("missing %s (bench/run-workers-bench.sh builds it)" % jar)
    hashes = "sample sha256 %s (built %s), plain sha256 %s" % (
        pb.sha256_short(args.sample_jar), pb.jar_built(args.sample_jar), pb.sha256_short(args.plain_jar))
    copy_dir = tempfile.mkdtemp(prefix="oslo-workers-bench-")
    args.aot_dir = os.path.join(copy_dir, "aot")
    if not args.no_copy:
        # a rebuild during the run must not change what runs: a JVM loads classes from its jar lazily
        for attr in ("sample_jar", "plain_jar"):
            dst = os.path.join(copy_dir, os.path.basename(getattr(args, attr)))
            shutil.copy2(getattr(args, attr), dst)
            setattr(args, attr, dst)

    quiet = rb.wait_until_quiet(args.wait_while, args.wait_max, 30.0)
    mi = pb.machine_info()
    header = [
        "## Workers benchmark, %s" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "",
        "- command: `%s`" % (os.environ.get("OSLO_BENCH_COMMAND")
                             or " ".join(["python3", os.path.relpath(os.path.abspath(sys.argv[0]), ROOT)] + sys.argv[1:])),
        "- machine: %s cores, %s, CPU `%s`, kernel %s" % (mi.get("nproc"), mi.get("mem", "?"), mi.get("cpu", "?"), mi.get("kernel")),
    ] + ["- java: `%s` — %s" % (j, " / ".join(v.splitlines()[:2])) for j, v in versions.items()] + [
        "- JVM options: %s" % (" ".join("`%s`" % x for x in args.jvm_arg) if args.jvm_arg else "none"),
        "- jars: %s; git HEAD of this checkout: %s; run from copies in `%s`" % (hashes, pb.git_head(), copy_dir),
        "- main: %d round(s) (+%d warm-up of single/plain), workers %s, standby %s, settle %.0f s, poll %.0f ms; "
        "aot and classdata: %d round(s), N = %d" % (args.rounds, args.warmup, args.workers, args.standby, args.settle, args.poll * 1000,
                                       args.aot_rounds, args.aot_workers),
        "- other benchmarks before the run (%s): %s" % (", ".join(args.wait_while) or "-", quiet),
        "- logs in `%s`" % os.path.relpath(args.results_dir, ROOT),
    ]
    load_at_start = pb.loadavg()
    t_start = time.monotonic()
    for j, v in versions.items():
        print("java: %s\n%s" % (j, v), file=sys.stderr, flush=True)

    def on_sigterm(_signum, _frame):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, on_sigterm)
    # the JavaProcess watchdog kills a hung master: a master here lives through several steps
    args.timeout = args.timeout_step * 5

    bench = WorkersBench(args)
    watcher = rb.Watcher(args.wait_while)
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
        kill_all_groups()
        with open(os.path.join(args.results_dir, "raw.json"), "w") as f:
            json.dump({"header": header, "load_at_start": load_at_start, "load_at_end": pb.loadavg(),
                       "aot": getattr(bench, "aot_info", None), "classdata": bench.classdata_info,
                       "notes": bench.notes, "runs": bench.raw}, f, indent=1)
        shutil.rmtree(copy_dir, ignore_errors=True)
    watcher.stopped.set()
    header.append("- other benchmarks during the run: %s" % watcher.summary())
    header.append("- load average (1/5/15 min): %s at start, %s at end; duration %.1f min (the machine is shared)"
                  % (load_at_start, pb.loadavg(), (time.monotonic() - t_start) / 60))
    if failed:
        header.append("- **incomplete run**: %s" % failed)
    pb.write_report(args.results_dir, bench.report("\n".join(header)), failed)


if __name__ == "__main__":
    main()
