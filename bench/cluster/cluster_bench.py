#!/usr/bin/env python3
"""Cluster-singleton periodic tasks (issue 8): @PeriodicTask(clusterSingleton = true), this
starter, against Spring's @Scheduled with ShedLock's @SchedulerLock, two replicas on one private
PostgreSQL server.

One jar (bench/cluster, no web server); the variant is bench.scheduler:
  oslo      @PeriodicTask(name = "job", spacing = "1s", clusterSingleton = true), the starter's JDBC
            lock (ShedLock's JdbcTemplateLockProvider on database time)
  shedlock  @Scheduled(fixedRate = 1s) + @SchedulerLock(name = "job"), the same provider
Both: lockAtMostFor 5 s, lockAtLeastFor 800 ms, each run prints its start (epoch µs) and works
300 ms. The variants run interleaved (A B A B ...), each round two fresh JVMs and an emptied lock
table.

Per round:
  steady    both replicas ready, then --settle s (3), then a --window s (30) window: the runs that
            began in it across both replicas (one per second is ideal), the shortest and longest
            time between consecutive runs (a duplicate shows as a gap well under 1 s, a missed
            period as one over 2 s), and the share of runs each replica did.
  takeover  the replica that begins the next run is killed with SIGKILL as soon as its run begins
            (so it dies holding the lock); measured: kill -> the survivor's next run begins.
            lockAtMostFor (5 s from the lock) bounds it from below.
  outage    a second pair of replicas; the database is stopped (pg_ctl -m fast) for --outage s
            (10), then started; measured: database start -> the next run begins, and that no run
            began while it was down.

Standard library only. Writes report.md, raw.json and the logs to the results directory and prints
the report.
"""

import argparse
import datetime
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "periodic"))

from process_bench import BenchError, JavaProcess, git_head, loadavg, sha256_short  # noqa: E402
from periodic_bench import java_version, log, machine_info  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_JAR = os.path.join(HERE, "target", "oslo-service-bench-cluster.jar")
VARIANTS = ["oslo", "shedlock"]
SPACING = 1.0
LOCK_AT_MOST_FOR = 5.0


class Postgres:
    """A private server: own data directory, own port on 127.0.0.1, user and database oslo."""

    def __init__(self, port):
        self.bin = self._binaries()
        self.dir = tempfile.mkdtemp(prefix="oslo-bench-pg")
        self.port = port
        self.root = os.geteuid() == 0
        if self.root:
            shutil.chown(self.dir, "postgres")
        self._pg("initdb", "-D", self.data, "-U", "oslo", "--auth=trust", "--no-sync")
        self.start()
        self._pg("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "oslo", "oslo")
        self.sql("CREATE TABLE shedlock (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP NOT NULL, "
                 "locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name))")

    @property
    def data(self):
        return os.path.join(self.dir, "data")

    @staticmethod
    def _binaries():
        base = "/usr/lib/postgresql"
        if os.path.isdir(base):
            for version in sorted(os.listdir(base), key=lambda v: int(v) if v.isdigit() else 0, reverse=True):
                if os.access(os.path.join(base, version, "bin", "initdb"), os.X_OK):
                    return os.path.join(base, version, "bin")
        initdb = shutil.which("initdb")
        if initdb:
            return os.path.dirname(initdb)
        raise BenchError("PostgreSQL's server binaries are missing: run scripts/ensure-postgresql.sh")

    def _pg(self, program, *args):
        cmd = (["runuser", "-u", "postgres", "--"] if self.root else []) + [os.path.join(self.bin, program)] + list(args)
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode != 0:
            raise BenchError("%s failed: %s" % (" ".join(cmd), done.stdout))

    def sql(self, statement):
        self._pg("psql", "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "oslo", "-d", "oslo", "-c", statement)

    def start(self):
        self._pg("pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "server.log"), "-w", "-o",
                 "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off" % (self.port, self.dir), "start")

    def stop(self):
        self._pg("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def close(self):
        try:
            if os.path.exists(os.path.join(self.data, "postmaster.pid")):
                self.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def runs_of(*replicas):
    """Every BENCH-RUN line so far: (epoch seconds, pid), sorted."""
    found = []
    for replica in replicas:
        with replica.cond:
            lines = list(replica.lines)
        for _, text in lines:
            if text.startswith("BENCH-RUN "):
                _, micros, pid = text.split()
                found.append((int(micros) / 1e6, int(pid)))
    return sorted(found)


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.01)
    raise BenchError("timed out after %.0f s waiting for %s" % (timeout, what))


class Bench:

    def __init__(self, args):
        self.args = args
        self.seq = 0
        self.raw = []

    def pair(self, variant, db):
        replicas = []
        for _ in range(2):
            self.seq += 1
            path = os.path.join(self.args.results_dir, "%03d-%s.log" % (self.seq, variant))
            replicas.append(JavaProcess(self.args.java, self.args.jvm_arg, self.args.jar,
                                        ["--bench.scheduler=" + variant, "--bench.db-port=%d" % db.port,
                                         "--bench.spacing=1s", "--bench.work=300ms"], path, self.args.timeout))
        for replica in replicas:
            if replica.wait_for("Started ClusterBenchApplication", self.args.timeout) is None:
                raise BenchError("no start within %.0f s; log: %s" % (self.args.timeout, replica.log_path))
        return replicas

    def steady_and_takeover(self, variant, db):
        db.sql("DELETE FROM shedlock")
        first, second = self.pair(variant, db)
        try:
            time.sleep(self.args.settle)
            start = time.time()
            time.sleep(self.args.window)
            end = time.time()
            window = [r for r in runs_of(first, second) if start <= r[0] < end]
            gaps = [b[0] - a[0] for a, b in zip(window, window[1:])]
            by_pid = {}
            for _, pid in window:
                by_pid[pid] = by_pid.get(pid, 0) + 1
            steady = {"runs": len(window), "window_s": end - start, "min_gap_s": min(gaps) if gaps else None,
                      "max_gap_s": max(gaps) if gaps else None,
                      "share_of_busier": max(by_pid.values()) / len(window) if window else None}

            seen = len(runs_of(first, second))
            wait_until(lambda: len(runs_of(first, second)) > seen, 10, "a run before the kill")
            _, holder_pid = runs_of(first, second)[seen]
            holder, survivor = (first, second) if holder_pid == first.pid else (second, first)
            os.kill(holder.pid, signal.SIGKILL)
            killed = time.time()
            before = len(runs_of(survivor))
            wait_until(lambda: len(runs_of(survivor)) > before, 30, "the survivor's run")
            takeover = runs_of(survivor)[before][0] - killed
            return {"steady": steady, "takeover_s": takeover}
        finally:
            for replica in (first, second):
                replica.finish()

    def outage(self, variant, db):
        db.sql("DELETE FROM shedlock")
        first, second = self.pair(variant, db)
        try:
            time.sleep(self.args.settle)
            db.stop()
            stopped = time.time()
            time.sleep(self.args.outage)
            during = [r for r in runs_of(first, second) if stopped + 0.5 <= r[0]]
            db.start()
            started = time.time()
            before = len(runs_of(first, second))
            wait_until(lambda: len(runs_of(first, second)) > before, 60, "a run after the database returned")
            resumed = runs_of(first, second)[before][0] - started
            alive = first.proc.poll() is None and second.proc.poll() is None
            return {"runs_while_down": len(during), "resume_s": resumed, "both_alive": alive}
        finally:
            for replica in (first, second):
                replica.finish()


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, spec="%.2f"):
    return "n/a" if value is None else spec % value


def report(args, results, header):
    rows = ["| variant | runs in %.0f s window (median) | min gap, s (median / worst) | max gap, s (median / worst) "
            "| busier replica's share | takeover after SIGKILL of the holder, s (median / range) "
            "| runs while the database was down | resume after the database returned, s (median) |" % args.window,
            "|---|---|---|---|---|---|---|---|"]
    for variant in VARIANTS:
        rounds = [r for r in results if r["variant"] == variant]
        steady = [r["steady"] for r in rounds]
        takeovers = [r["takeover_s"] for r in rounds]
        rows.append("| %s | %s | %s / %s | %s / %s | %s | %s (%s-%s) | %d | %s |" % (
            variant, fmt(median([s["runs"] for s in steady]), "%.0f"),
            fmt(median([s["min_gap_s"] for s in steady])), fmt(min(s["min_gap_s"] for s in steady)),
            fmt(median([s["max_gap_s"] for s in steady])), fmt(max(s["max_gap_s"] for s in steady)),
            fmt(median([s["share_of_busier"] for s in steady]), "%.2f"),
            fmt(median(takeovers)), fmt(min(takeovers)), fmt(max(takeovers)),
            sum(r["outage"]["runs_while_down"] for r in rounds),
            fmt(median([r["outage"]["resume_s"] for r in rounds]))))
    return "\n".join(header + [""] + rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="rounds per variant (default 3)")
    ap.add_argument("--window", type=float, default=30.0, help="seconds of steady state measured (default 30)")
    ap.add_argument("--settle", type=float, default=3.0, help="seconds after both replicas started (default 3)")
    ap.add_argument("--outage", type=float, default=10.0, help="seconds the database is down (default 10)")
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds before a JVM counts as hung")
    ap.add_argument("--java", default=None)
    ap.add_argument("--jvm-arg", action="append", default=[])
    ap.add_argument("--jar", default=DEFAULT_JAR)
    ap.add_argument("--results-dir", default=None)
    args = ap.parse_args()
    if args.java is None:
        home = os.environ.get("JAVA_HOME")
        args.java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if args.results_dir is None:
        args.results_dir = os.path.join(ROOT, "bench", "results",
                                        "cluster-" + datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
    os.makedirs(args.results_dir, exist_ok=True)
    jar = os.path.join(args.results_dir, "oslo-service-bench-cluster.jar")
    shutil.copy(args.jar, jar)
    args.jar = jar

    info = machine_info()
    header = [
        "# Cluster singletons: @PeriodicTask(clusterSingleton) against @Scheduled + @SchedulerLock",
        "",
        "- machine: %s, %s cores, %s; kernel %s; load at start %s"
        % (info.get("cpu", "?"), info.get("nproc"), info.get("mem", "?"), info.get("kernel"), loadavg()),
        "- java: %s" % java_version(args.java).splitlines()[0],
        "- jar: sha256 %s; commit %s; %d rounds per variant, interleaved; window %.0f s, outage %.0f s"
        % (sha256_short(jar), git_head(), args.runs, args.window, args.outage),
        "- command: %s" % os.environ.get("OSLO_BENCH_COMMAND", " ".join(sys.argv)),
    ]
    db = Postgres(free_port())
    bench = Bench(args)
    results = []
    try:
        for round_no in range(1, args.runs + 1):
            for variant in VARIANTS:
                log("round %d/%d: %s" % (round_no, args.runs, variant))
                result = bench.steady_and_takeover(variant, db)
                result["outage"] = bench.outage(variant, db)
                result.update({"variant": variant, "round": round_no})
                log("  %s" % json.dumps(result))
                results.append(result)
    finally:
        db.close()
    with open(os.path.join(args.results_dir, "raw.json"), "w") as f:
        json.dump(results, f, indent=2)
    text = report(args, results, header)
    with open(os.path.join(args.results_dir, "report.md"), "w") as f:
        f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    try:
        main()
    except BenchError as ex:
        print("benchmark failed: %s" % ex, file=sys.stderr)
        sys.exit(1)
