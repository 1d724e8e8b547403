#!/usr/bin/env python3
"""HTTP benchmark of the multi-process model (issue 15): the sample app's GET /hello served by a
single process and by N workers, against gunicorn with N sync workers in the same run.

Targets (--targets):
  sample-1     the sample jar, --oslo.service.workers=1: one JVM serves --server.port
  sample-N     the sample jar, --oslo.service.workers=N --management.server.port=M: the N workers
               serve --server.port through the one listening socket of the master; the master serves
               Actuator (/actuator/launcher) on M. Checked at start: every /hello is answered by a
               worker, never by the master (a jar from before issue 15 fails here, clearly)
  gunicorn-N   gunicorn (the Debian package) with N sync workers serving a trivial WSGI app that
               this script writes to a temporary directory (GET /hello -> "hello from <pid>",
               ?work=20ms sleeps that long); the process model users compare with

  steady   wrk on 127.0.0.1 against every target: one unrecorded warm-up of --warmup s per serving JVM
           (N x --warmup for sample-N: each worker warms its own JIT on 1/N of the requests), then --rounds interleaved rounds (A B C A B C ...) of --wrk-duration s each, same wrk
           settings for all (-t --wrk-threads -c --wrk-connections --latency). Requests/s, p50/p99,
           socket errors, non-2xx. Every target is started before the first round and stays up.
  events   for the targets with N in --event-workers: a bounded load client (threads of this
           script; --clients per connection mode: `close` = a new connection per request, and
           `keepalive`) sends GET /hello?work=--work in a closed loop and records every request's
           start, end, outcome (ok / refused / reset-or-EOF / timeout / non-200) and whether it
           reused a connection. Meanwhile: --baseline s of steady load, then --hups SIGHUPs to the
           master, each waited for (a new set of N worker pids, every one READY on
           /actuator/launcher for the sample; a new set of N child pids for gunicorn), then --kills
           SIGKILLs of one worker each, each waited for (its replacement), then one SIGTERM to the
           master (its exit is waited for; the client goes on --after s). Failures per phase; at
           kills, failures of requests started before a kill that ended within --inflight-grace s
           of it (could be the killed worker's own) apart from the others; at the TERM, requests in
           flight at it apart from those started after it; p50/p99 of the ok requests during rolls
           and respawns against the steady window.

Every service runs in a process group of its own, killed with SIGKILL at the end and on failure or
interruption. Standard library only (plus the wrk and gunicorn executables).
"""

import argparse
import csv
import datetime
import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
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
import process_bench as pb  # noqa: E402  (free_port, machine info, loadavg, jar facts, write_report)
import reload_bench as rb  # noqa: E402  (wait_until_quiet, Watcher)
import workers_bench as wb  # noqa: E402  (own_preexec, process groups)

ROOT = pb.ROOT
HOST = "127.0.0.1"
TARGET_RE = re.compile(r"^(sample|gunicorn)-(\d+)$")
HELLO_RE = re.compile(rb"hello from (\d+)")
OUTCOMES = ("ok", "refused", "reset", "timeout", "non-200")
PHASES = ("steady", "hup", "kill", "term")

WSGI_APP = '''"""A trivial WSGI app for bench/http_bench.py: GET /hello -> "hello from <pid>"."""
import os
import re
import time

WORK = re.compile(r"(?:^|&)work=(?:PT([\\d.]+)S|(\\d+)ms)(?:&|$)")  # ISO-8601 seconds or milliseconds


def app(environ, start_response):
    m = WORK.search(environ.get("QUERY_STRING", ""))
    if m:
        seconds = float(m.group(1)) if m.group(1) else int(m.group(2)) / 1000.0
        time.sleep(min(seconds, 10.0))
    body = ("hello from %d\\n" % os.getpid()).encode("ascii")
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
'''


def progress(text):
    print("  " + text, file=sys.stderr, flush=True)


def children(ppid):
    """Live (non-zombie) child pids of ppid, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == ppid and fields[0] != "Z":
            found.append(int(entry))
    return sorted(found)


def get(port, path, timeout=2.0):
    """(status, body) of GET http://127.0.0.1:port/path on a new connection; raises OSError."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Connection": "close"})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def log_tail(path, lines=8):
    try:
        with open(path, "rb") as f:
            text = f.read()[-8192:].decode("utf-8", "replace").splitlines()
        return "\n".join("    " + x[:240] for x in text[-lines:])
    except OSError:
        return "    (no log)"


def percentile(sorted_values, q):
    """Nearest-rank percentile (q in 0..100) of an already sorted list; None if empty."""
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(round(q / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


# --- services ---------------------------------------------------------------------------------

class Service:
    """One target: a master process (own process group) serving HTTP on self.port."""

    def __init__(self, name, kind, n, workdir, seq):
        self.name, self.kind, self.n = name, kind, n
        self.port = pb.free_port()
        self.log_path = os.path.join(workdir, "%02d-%s.log" % (seq, name))
        self.proc = None

    def _popen(self, cmd):
        self.cmd = cmd
        self.log = open(self.log_path, "wb")
        self.t_spawn = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
                                     preexec_fn=wb.own_preexec)
        wb._groups.add(self.proc.pid)

    @property
    def pid(self):
        return self.proc.pid

    def fail(self, what):
        status = self.proc.poll()
        state = "exited with status %s" % status if status is not None else "still running (pid %d)" % self.pid
        raise pb.BenchError("%s: %s; process %s; log %s, last lines:\n%s"
                            % (self.name, what, state, os.path.relpath(self.log_path, ROOT), log_tail(self.log_path)))

    def hello_pids(self, count):
        """Send count GET /hello on new connections; returns the answering pids (fails on any error)."""
        pids = []
        for _ in range(count):
            try:
                status, body = get(self.port, self.args.hello_path, 5.0)
            except OSError as ex:
                self.fail("GET %s on server.port %d failed: %s" % (self.args.hello_path, self.port, ex))
            m = HELLO_RE.search(body)
            if status != 200 or not m:
                self.fail("GET %s on server.port %d answered %s %r" % (self.args.hello_path, self.port, status, body[:200]))
            pids.append(int(m.group(1)))
        return pids

    def wait_until(self, what, check, timeout, period=0.2):
        """Poll check() (returns a true value when done, raises nothing) until true; fail clearly when the
        process exits or timeout s pass. Returns check()'s value."""
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                self.fail("ended while waiting for %s" % what)
            value = check()
            if value:
                return value
            if time.monotonic() > deadline:
                self.fail("no %s within %.0f s (last seen: %s)" % (what, timeout, getattr(self, "last_seen", "-")))
            time.sleep(period)

    def hello_ok(self):
        """True once GET /hello answers 200; fails at once on another answer (the server runs: it is broken)."""
        try:
            status, body = get(self.port, self.args.hello_path)
        except OSError as ex:
            self.last_seen = "GET %s: %s" % (self.args.hello_path, ex)
            return False
        if status != 200:
            self.fail("GET %s on server.port %d answered %s %r" % (self.args.hello_path, self.port, status, body[:200]))
        return True

    def stop(self, timeout):
        """SIGTERM the master, wait up to timeout s; then SIGKILL the whole group. Returns
        (seconds or None, status, pids of the group left right after the master exited)."""
        seconds, status = None, self.proc.poll()
        if status is None:
            t0 = time.monotonic()
            self.proc.send_signal(signal.SIGTERM)
            try:
                status = self.proc.wait(timeout)
                seconds = time.monotonic() - t0
            except subprocess.TimeoutExpired:
                status = "no exit within %.0f s" % timeout
        left = [m for m in wb.group_members(self.pid) if m != self.pid]
        self.kill()
        return seconds, status, left

    def kill(self):
        if self.proc is None:
            return
        wb.kill_group(self.pid)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            pass
        self.log.close()

    def anomalies(self):
        out = []
        try:
            with open(self.log_path, "rb") as f:
                for raw in f:
                    text = raw.decode("utf-8", "replace").rstrip()
                    if ((" ERROR " in text[:60] or " WARN " in text[:60] or "[ERROR]" in text or "Exception" in text)
                            and not any(e in text for e in self.expected_warnings)):
                        out.append(text[:300])
        except OSError:
            pass
        return out


class SampleService(Service):
    # the respawns this script causes, and the sample's in-memory H2 cluster lock (one per JVM)
    expected_warnings = ("exited unexpectedly", "The cluster lock of singleton periodic tasks is in an embedded H2")

    def __init__(self, args, n, workdir, seq):
        super().__init__("sample-%d" % n, "sample", n, workdir, seq)
        self.args = args
        self.mgmt_port = pb.free_port() if n > 1 else None

    def start(self):
        app_args = ["--server.port=%d" % self.port, "--oslo.service.workers=%d" % self.n,
                    "--sample.work-queue.drain-time=0ms", "--oslo.service.worker.class-data.enabled=false"]
        if self.mgmt_port:
            app_args.append("--management.server.port=%d" % self.mgmt_port)
        self._popen([self.args.java] + list(self.args.jvm_arg) + ["-jar", self.args.sample_jar] + app_args)

    def wait_ready(self, timeout):
        if self.n == 1:
            self.wait_until("an answer to GET %s" % self.args.hello_path, self.hello_ok, timeout)
            self.hello_pids(1)
            return
        self.wait_until("%d READY workers on :%d/actuator/launcher" % (self.n, self.mgmt_port),
                        lambda: self._all_ready(None), timeout)
        # READY may come before a worker's web server accepts (issue 15 item 5): wait for /hello too
        self.wait_until("an answer to GET %s on server.port" % self.args.hello_path, self.hello_ok, self.args.step_timeout)
        workers = {w["pid"] for w in self.workers()}
        pids = self.hello_pids(4 * self.n)
        if self.pid in pids:
            self.fail("GET /hello on server.port was answered by the master (pid %d), not by a worker %s: this jar "
                      "predates the workers serving server.port (issue 15)" % (self.pid, sorted(workers)))
        strangers = sorted(set(pids) - workers)
        if strangers:
            self.fail("GET /hello was answered by pid(s) %s, not workers %s" % (strangers, sorted(workers)))

    def workers(self):
        """[{id, pid, state, generation}] from /actuator/launcher on the management port, or None."""
        try:
            status, body = get(self.mgmt_port, "/actuator/launcher")
            if status != 200:
                self.last_seen = "/actuator/launcher: %s" % status
                return None
            doc = json.loads(body.decode("utf-8"))
            ws = [{"id": w["id"], "pid": int(w["pid"]), "state": w["state"], "generation": w["generation"]}
                  for w in doc.get("workers", [])]
            self.last_seen = "/actuator/launcher: %s" % [(w["pid"], w["state"], w["generation"]) for w in ws]
            return ws
        except (OSError, ValueError, KeyError, TypeError) as ex:
            self.last_seen = "/actuator/launcher: %s" % ex
            return None

    def _all_ready(self, not_in):
        """The worker pids when exactly N workers are listed, all READY and none in not_in; else None."""
        ws = self.workers()
        if ws is None or len(ws) != self.n or any(w["state"] != "READY" for w in ws):
            return None
        pids = {w["pid"] for w in ws}
        if not_in and pids & set(not_in):
            return None
        self.generations = sorted({w["generation"] for w in ws})
        return sorted(pids)

    def worker_pids(self):
        return self.wait_until("%d READY workers" % self.n, lambda: self._all_ready(None), self.args.step_timeout,
                               self.args.poll)

    def wait_replaced(self, old_pids, what):
        return self.wait_until(what, lambda: self._all_ready(old_pids), self.args.step_timeout, self.args.poll)


class GunicornService(Service):
    expected_warnings = ("was sent SIGKILL",)  # gunicorn logs the kills of this script as errors

    def __init__(self, args, n, workdir, seq, app_dir):
        super().__init__("gunicorn-%d" % n, "gunicorn", n, workdir, seq)
        self.args = args
        self.app_dir = app_dir

    def start(self):
        self._popen([self.args.gunicorn, "--chdir", self.app_dir, "--workers", str(self.n), "--worker-class", "sync",
                     "--bind", "%s:%d" % (HOST, self.port), "--graceful-timeout", "30", "bench_wsgi:app"])

    def wait_ready(self, timeout):
        self.wait_until("an answer to GET %s" % self.args.hello_path, self.hello_ok, timeout)
        self.worker_pids()

    def _children(self, not_in):
        pids = children(self.pid)
        self.last_seen = "child pids %s" % pids
        if len(pids) != self.n or (not_in and set(pids) & set(not_in)):
            return None
        return pids

    def worker_pids(self):
        return self.wait_until("%d worker processes" % self.n, lambda: self._children(None), self.args.step_timeout,
                               self.args.poll)

    def wait_replaced(self, old_pids, what):
        return self.wait_until(what, lambda: self._children(old_pids), self.args.step_timeout, self.args.poll)


# --- wrk --------------------------------------------------------------------------------------

WRK_LAT_RE = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
WRK_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0}


def parse_wrk(text):
    out = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    out["rps"] = float(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in ([\d.]+)(\w+)", text)
    out["requests"] = int(m.group(1)) if m else None
    for q, v, unit in WRK_LAT_RE.findall(text):
        out["p" + q] = float(v) * WRK_UNITS[unit]
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    out["errors"] = dict(zip(("connect", "read", "write", "timeout"), map(int, m.groups()))) if m else {}
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    out["non2xx"] = int(m.group(1)) if m else 0
    return out


# --- the load client --------------------------------------------------------------------------

class LoadClient:
    """Threads that each send GET path in a closed loop (optionally paced to --rate per thread) and
    record (start, end, mode, outcome, reused, detail) for every request, in monotonic seconds."""

    def __init__(self, port, path, modes, per_mode, timeout, rate):
        self.port, self.path, self.timeout = port, path, timeout
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.records = []
        self.stale_closed = {m: 0 for m in modes}
        self.stopped = threading.Event()
        self.threads = [threading.Thread(target=self._loop, args=(m,), daemon=True)
                        for m in modes for _ in range(per_mode)]

    def start(self):
        for t in self.threads:
            t.start()

    def stop(self):
        self.stopped.set()
        for t in self.threads:
            t.join(self.timeout + 5)

    def _loop(self, mode):
        conn = None
        headers = {"Connection": "close"} if mode == "close" else {}
        next_start = time.monotonic()
        while not self.stopped.is_set():
            if self.interval:
                delay = next_start - time.monotonic()
                if delay > 0 and self.stopped.wait(delay):
                    break
                next_start = max(next_start + self.interval, time.monotonic())
            if conn is not None and select.select([conn.sock], [], [], 0)[0]:
                # the server closed this idle keep-alive connection: a client checks before reuse (urllib3 does)
                conn.close()
                conn = None
                self.stale_closed[mode] += 1
            t0 = time.monotonic()
            reused = conn is not None
            outcome = detail = None
            if conn is None:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
                try:
                    conn.connect()
                except ConnectionRefusedError:
                    outcome = "refused"
                except TimeoutError:
                    outcome, detail = "timeout", "connect"
                except OSError as ex:
                    outcome, detail = "reset", "connect: %s" % type(ex).__name__
            if outcome is None:
                try:
                    conn.request("GET", self.path, headers=headers)
                    r = conn.getresponse()
                    body = r.read()
                    if r.status != 200:
                        outcome, detail = "non-200", r.status
                    else:
                        m = HELLO_RE.search(body)
                        outcome, detail = "ok", int(m.group(1)) if m else None
                        if mode == "close" or r.will_close:
                            conn.close()
                            conn = None
                except TimeoutError:
                    outcome, detail = "timeout", "read"
                except (OSError, http.client.HTTPException) as ex:
                    outcome, detail = "reset", type(ex).__name__
            t1 = time.monotonic()
            self.records.append((t0, t1, mode, outcome, reused, detail))
            if outcome != "ok":
                if conn is not None:
                    conn.close()
                    conn = None
                self.stopped.wait(0.01)  # no busy loop on a refused port
        if conn is not None:
            conn.close()


# --- the benchmark ----------------------------------------------------------------------------

class HttpBench:

    def __init__(self, args):
        self.args = args
        self.workdir = args.results_dir
        self.raw = {"steady": [], "events": []}
        self.notes = []
        self.services = {}
        self.warmed = set()  # targets that had a wrk warm-up
        self.seq = 0
        self.app_dir = tempfile.mkdtemp(prefix="oslo-http-bench-wsgi-")
        with open(os.path.join(self.app_dir, "bench_wsgi.py"), "w") as f:
            f.write(WSGI_APP)

    def cleanup(self):
        for svc in self.services.values():
            svc.kill()
        wb.kill_all_groups()
        shutil.rmtree(self.app_dir, ignore_errors=True)

    def new_service(self, name):
        kind, n = TARGET_RE.match(name).groups()
        self.seq += 1
        if kind == "sample":
            return SampleService(self.args, int(n), self.workdir, self.seq)
        return GunicornService(self.args, int(n), self.workdir, self.seq, self.app_dir)

    def start(self, name):
        svc = self.new_service(name)
        self.services[name] = svc
        svc.start()
        svc.wait_ready(self.args.start_timeout)
        progress("%s: up in %.1f s (port %d%s, master pid %d)" % (
            name, time.monotonic() - svc.t_spawn, svc.port,
            ", management port %d" % svc.mgmt_port if getattr(svc, "mgmt_port", None) else "", svc.pid))
        return svc

    def finish(self, name):
        svc = self.services.pop(name)
        seconds, status, left = svc.stop(self.args.stop_timeout)
        if left:
            self.notes.append("%s: pid(s) %s of its group still ran when the master had exited; killed" % (name, left))
        for text in svc.anomalies():
            self.notes.append("%s: `%s` (log %s)" % (name, text, os.path.relpath(svc.log_path, ROOT)))
        return seconds, status

    # --- steady state (wrk) ---------------------------------------------------------------------

    def wrk(self, svc, duration, mode, label, record=True):
        a = self.args
        cmd = [a.wrk, "-t%d" % a.wrk_threads, "-c%d" % a.wrk_connections, "-d%ds" % duration, "--latency",
               "--timeout", "%ds" % max(2, int(a.request_timeout))]
        if mode == "close":
            cmd += ["-H", "Connection: close"]
        cmd.append("http://%s:%d%s" % (HOST, svc.port, a.hello_path))
        load1 = pb.loadavg().split()[0]
        try:
            res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 timeout=duration + 60)
        except subprocess.TimeoutExpired:
            raise pb.BenchError("%s: wrk did not end within %d s" % (svc.name, duration + 60))
        with open(os.path.join(self.workdir, "wrk-%s.log" % svc.name), "a") as f:
            f.write("### %s %s: %s\n%s\n" % (label, mode, " ".join(cmd), res.stdout))
        row = parse_wrk(res.stdout)
        if res.returncode != 0 or row["rps"] is None:
            raise pb.BenchError("%s: wrk failed (status %d): %s" % (svc.name, res.returncode, res.stdout[-500:]))
        if svc.proc.poll() is not None:
            svc.fail("ended during wrk")
        row.update({"target": svc.name, "mode": mode, "round": label, "load1": load1, "cmd": " ".join(cmd)})
        self.warmed.add(svc.name)
        if record:
            self.raw["steady"].append(row)
            progress("%s %s r%s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %s, non-2xx %d (load1 %s)" % (
                svc.name, mode, label, row["rps"], row.get("p50", 0) * 1e3, row.get("p99", 0) * 1e3,
                row["errors"] or "-", row["non2xx"], load1))
        return row

    def warm_up(self, svc, mode):
        """Unrecorded wrk: --warmup s per JVM that serves (a worker JIT-compiles on its share of the requests)."""
        self.wrk(svc, self.args.warmup * (svc.n if svc.kind == "sample" else 1), mode, "warm-up", record=False)

    def steady(self, names):
        a = self.args
        for mode in a.wrk_modes:
            for name in names:
                self.warm_up(self.services[name], mode)
        for r in range(1, a.rounds + 1):
            for mode in a.wrk_modes:
                for name in names:
                    self.wrk(self.services[name], a.wrk_duration, mode, str(r))

    # --- failures under events ------------------------------------------------------------------

    def events(self, name):
        a = self.args
        svc = self.services[name]
        if name not in self.warmed:  # the steady window compares with a warm JIT, as after the steady bench
            self.warm_up(svc, a.wrk_modes[0])
        ev = {"target": name, "workers": svc.n, "hups": [], "kills": []}
        self.raw["events"].append(ev)
        client = LoadClient(svc.port, "%s?work=%s" % (a.hello, a.work), a.client_modes, a.clients, a.request_timeout, a.rate)
        pids = svc.worker_pids()
        ev["load1"] = pb.loadavg().split()[0]
        t0 = time.monotonic()
        client.start()
        try:
            time.sleep(a.baseline)
            ev["t_hup_phase"] = time.monotonic()
            for i in range(a.hups):
                t_sig = time.monotonic()
                os.kill(svc.pid, signal.SIGHUP)
                new = svc.wait_replaced(pids, "the roll after SIGHUP %d (new %d pids, all READY)" % (i + 1, svc.n))
                t_done = time.monotonic()
                ev["hups"].append({"t": t_sig, "t_done": t_done, "old": pids, "new": new,
                                   "generations": getattr(svc, "generations", None)})
                progress("%s: SIGHUP %d -> roll done in %.1f s, pids %s -> %s" % (name, i + 1, t_done - t_sig, pids, new))
                pids = new
                time.sleep(a.gap)
            ev["t_kill_phase"] = time.monotonic()
            for i in range(a.kills):
                victim = pids[0]  # the longest-running worker: each slot in turn
                t_sig = time.monotonic()
                os.kill(victim, signal.SIGKILL)
                new = svc.wait_replaced([victim], "the replacement of killed worker %d (kill %d)" % (victim, i + 1))
                t_done = time.monotonic()
                ev["kills"].append({"t": t_sig, "t_done": t_done, "victim": victim, "new": new})
                progress("%s: SIGKILL %d of pid %d -> replaced in %.1f s" % (name, i + 1, victim, t_done - t_sig))
                pids = [p for p in pids if p in new] + sorted(set(new) - set(pids))
                time.sleep(a.gap)
            ev["t_term"] = time.monotonic()
            svc.proc.send_signal(signal.SIGTERM)
            try:
                ev["term_status"] = svc.proc.wait(a.stop_timeout)
                ev["t_exit"] = time.monotonic()
            except subprocess.TimeoutExpired:
                ev["term_status"] = "no exit within %.0f s" % a.stop_timeout
                ev["t_exit"] = None
            progress("%s: SIGTERM -> exit %s in %s" % (name, ev["term_status"], "%.1f s" % (ev["t_exit"] - ev["t_term"])
                                                        if ev["t_exit"] else "-"))
            time.sleep(a.after)
        finally:
            client.stop()
            ev["t0"] = t0
            ev["t_end"] = time.monotonic()
            ev["stale_closed"] = client.stale_closed
            self.write_requests(name, t0, client.records)
            ev["analysis"] = self.analyse(ev, client.records)
        seconds, status = self.finish(name)
        if ev.get("t_exit") is None:
            self.notes.append("%s: SIGTERM -> no exit within %.0f s (group killed)" % (name, a.stop_timeout))
        ev["stop_after"] = (seconds, status)
        for mode, s in ev["analysis"].items():
            progress("%s %s: %s" % (name, mode, ", ".join("%s %d/%d failed" % (ph, s["phases"][ph]["failed"],
                                                                               s["phases"][ph]["total"])
                                                          for ph in PHASES)))

    def write_requests(self, name, t0, records):
        path = os.path.join(self.workdir, "requests-%s.csv" % name)
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["start_s", "end_s", "mode", "outcome", "reused_connection", "detail"])
            for s, e, mode, outcome, reused, detail in sorted(records):
                w.writerow(["%.6f" % (s - t0), "%.6f" % (e - t0), mode, outcome, int(reused), detail])

    def analyse(self, ev, records):
        """Per client mode: failures per phase (by the time a request ended: a failure counts in the phase of
        the event it met), kills and TERM split, latencies."""
        a = self.args
        t_hup = ev.get("t_hup_phase", float("inf"))
        t_kill = ev.get("t_kill_phase", float("inf"))
        t_term = ev.get("t_term", float("inf"))
        kills = [k["t"] for k in ev["kills"]]
        rolls = [(h["t"], h["t_done"]) for h in ev["hups"]]
        respawns = [(k["t"], k["t_done"]) for k in ev["kills"]]
        out = {}

        def failure(r, signals):
            """(start, end) from the client's start, and from the last signal before the end; outcome, reused, detail."""
            last = max((t for t in signals if t <= r[1]), default=None)
            return (round(r[0] - ev["t0"], 3), round(r[1] - ev["t0"], 3),
                    None if last is None else round(r[0] - last, 3), None if last is None else round(r[1] - last, 3),
                    r[3], bool(r[4]), r[5])

        for mode in a.client_modes:
            rs = [r for r in records if r[2] == mode]
            phases = {}
            for ph in PHASES:
                phases[ph] = {o: 0 for o in OUTCOMES}
                phases[ph].update({"total": 0, "failed": 0, "failed_reused": 0})
            for s, e, _m, outcome, reused, _d in rs:
                ph = "steady" if e < t_hup else "hup" if e < t_kill else "kill" if e < t_term else "term"
                c = phases[ph]
                c["total"] += 1
                c[outcome] += 1
                if outcome != "ok":
                    c["failed"] += 1
                    c["failed_reused"] += int(reused)
            kill_fail = [r for r in rs if t_kill <= r[1] < t_term and r[3] != "ok"]
            in_flight = [r for r in kill_fail if any(r[0] < k <= r[1] <= k + a.inflight_grace for k in kills)]
            term_in_flight = [r for r in rs if r[0] < t_term <= r[1]]
            after = [r for r in rs if r[0] >= t_term]

            def lat(windows):
                v = sorted(e - s for s, e, _m, o, _r, _d in rs if o == "ok" and any(w0 <= s <= w1 for w0, w1 in windows))
                return {"n": len(v), "p50": percentile(v, 50), "p99": percentile(v, 99), "max": v[-1] if v else None}

            base0 = min((r[0] for r in rs), default=0)
            steady_ok = [r for r in rs if r[1] < t_hup and r[3] == "ok"]
            answered = {}
            for r in steady_ok:
                answered[r[5]] = answered.get(r[5], 0) + 1
            out[mode] = {
                "phases": phases,
                "kill_failed_in_flight": len(in_flight),
                "kill_failed_other": len(kill_fail) - len(in_flight),
                "kill_failed_detail": [failure(r, kills) for r in kill_fail][:50],
                "term_in_flight": {o: sum(1 for r in term_in_flight if r[3] == o) for o in OUTCOMES},
                "term_after": {o: sum(1 for r in after if r[3] == o) for o in OUTCOMES},
                "hup_failed_detail": [failure(r, [h[0] for h in rolls]) for r in rs
                                      if t_hup <= r[1] < t_kill and r[3] != "ok"][:50],
                "lat_steady": lat([(base0, t_hup)]),
                "lat_rolls": lat(rolls),
                "lat_respawns": lat(respawns),
                "steady_rps": len(steady_ok) / (t_hup - base0) if steady_ok and t_hup > base0 else None,
                "steady_answered_by": {str(k): v for k, v in sorted(answered.items(), key=lambda kv: -kv[1])},
            }
        return out

    # --- driver ---------------------------------------------------------------------------------

    def run(self):
        a = self.args
        event_targets = [t for t in a.targets if "events" in a.bench and TARGET_RE.match(t).group(2) != "1"
                         and int(TARGET_RE.match(t).group(2)) in a.event_workers]
        steady_targets = list(a.targets) if "steady" in a.bench else []
        # start the samples first (and the largest first): a jar that cannot serve fails the run early
        order = sorted(set(steady_targets) | set(event_targets),
                       key=lambda t: (TARGET_RE.match(t).group(1) != "sample", -int(TARGET_RE.match(t).group(2))))
        if steady_targets:
            for name in order:
                self.start(name)
            self.steady(steady_targets)
            for name in list(self.services):
                if name not in event_targets:
                    seconds, status = self.finish(name)
                    progress("%s: stopped (SIGTERM -> exit %s in %s)" % (name, status, "%.1f s" % seconds
                                                                        if seconds is not None else "-"))
        for name in event_targets:
            if name not in self.services:
                self.start(name)
            self.events(name)

    # --- report ---------------------------------------------------------------------------------

    def report(self, header):
        a = self.args
        out = [header, ""]

        def ms(v, digits=1):
            return ("%%.%df" % digits) % (v * 1e3) if v is not None else "-"

        def cell(values, fmt="%.0f", scale=1.0):
            values = [v for v in values if v is not None]
            if not values:
                return "-"
            return ("**" + fmt + "** [" + fmt + "–" + fmt + "]") % (statistics.median(values) * scale,
                                                                   min(values) * scale, max(values) * scale)

        steady = self.raw["steady"]
        if steady:
            out += ["### (a) Steady state: wrk `-t%d -c%d -d%ds --latency` on 127.0.0.1, GET `%s` "
                    "(%d round(s) after a warm-up of %d s per serving JVM; median [min–max] over rounds)"
                    % (a.wrk_threads, a.wrk_connections, a.wrk_duration, a.hello_path, a.rounds, a.warmup), "",
                    "| target | connections | requests/s | p50 ms | p99 ms | socket errors (connect/read/write/timeout, sum) | non-2xx (sum) |",
                    "|---|---|---|---|---|---|---:|"]
            meds = {}
            for mode in a.wrk_modes:
                for t in a.targets:
                    rs = [r for r in steady if r["target"] == t and r["mode"] == mode]
                    if not rs:
                        continue
                    errs = [sum(r["errors"].get(k, 0) for r in rs) for k in ("connect", "read", "write", "timeout")]
                    meds[(t, mode)] = statistics.median([r["rps"] for r in rs])
                    out.append("| %s | %s | %s | %s | %s | %s | %d |" % (
                        t, "keep-alive" if mode == "keepalive" else "`Connection: close`",
                        cell([r["rps"] for r in rs]), cell([r.get("p50") for r in rs], "%.2f", 1e3),
                        cell([r.get("p99") for r in rs], "%.2f", 1e3), "/".join(map(str, errs)),
                        sum(r["non2xx"] for r in rs)))
            ratios = []
            for mode in a.wrk_modes:
                for t in a.targets:
                    kind, n = TARGET_RE.match(t).groups()
                    if kind == "sample" and n != "1" and ("sample-1", mode) in meds and (t, mode) in meds:
                        ratios.append("| %s / sample-1, %s | %.2f |" % (t, mode, meds[(t, mode)] / meds[("sample-1", mode)]))
                    if kind == "sample" and ("gunicorn-%s" % n, mode) in meds and (t, mode) in meds:
                        ratios.append("| %s / gunicorn-%s, %s | %.2f |" % (t, n, mode, meds[(t, mode)]
                                                                          / meds[("gunicorn-%s" % n, mode)]))
            if ratios:
                out += ["", "| requests/s, ratio of medians | value |", "|---|---:|"] + ratios
            out += ["", "wrk, the servers and this script share the machine's %s cores: the figures are the "
                    "capacity of the whole box, not of the servers alone. gunicorn's sync workers close every "
                    "connection (`Connection: close`), so wrk reconnects for each request against them even in "
                    "keep-alive mode." % os.cpu_count(), ""]
        events = self.raw["events"]
        if events:
            out += ["### (b) Failed requests under events (load client: %d thread(s) per connection mode, closed loop%s, "
                    "GET `/hello?work=%s`, timeout %.0f s; %d SIGHUP(s), %d SIGKILL(s), 1 SIGTERM; a request counts in the phase in "
                    "which it ended)"
                    % (a.clients, ", %.0f req/s per thread" % a.rate if a.rate else "", a.work, a.request_timeout,
                       a.hups, a.kills), "",
                    "| target | client | phase | requests | ok | refused | reset/EOF | timeout | non-200 | failed on a reused connection |",
                    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"]
            for ev in events:
                for mode, s in ev.get("analysis", {}).items():
                    for ph in PHASES:
                        c = s["phases"][ph]
                        if not c["total"]:
                            continue
                        out.append("| %s | %s | %s | %d | %d | %d | %d | %d | %d | %d |" % (
                            ev["target"], mode, ph, c["total"], c["ok"], c["refused"], c["reset"], c["timeout"],
                            c["non-200"], c["failed_reused"]))
            out += ["", "### (c) Failures at kills and at the TERM", "",
                    "| target | client | kill phase: failed, in flight at a kill (ended ≤ %.1f s after it) | failed, other | "
                    "TERM: in flight at it, ok / failed | started after it: ok / refused / other failed | SIGTERM → exit, status |"
                    % a.inflight_grace, "|---|---|---:|---:|---|---|---|"]
            for ev in events:
                for mode, s in ev.get("analysis", {}).items():
                    ti, ta = s["term_in_flight"], s["term_after"]
                    out.append("| %s | %s | %d | **%d** | %d / %d | %d / %d / **%d** | %s, %s |" % (
                        ev["target"], mode, s["kill_failed_in_flight"], s["kill_failed_other"],
                        ti["ok"], sum(v for k, v in ti.items() if k != "ok"),
                        ta["ok"], ta["refused"], sum(v for k, v in ta.items() if k not in ("ok", "refused")),
                        "%.2f s" % (ev["t_exit"] - ev["t_term"]) if ev.get("t_exit") else "-", ev.get("term_status")))
            out += ["", "### (d) Latency of the ok requests (ms): steady window vs during rolls and respawns", "",
                    "| target | client | steady: n, p50, p99 | during rolls: n, p50, p99, max | during respawns: n, p50, p99 | "
                    "p99 rolls / steady | steady req/s (client) | steady answers by pid |",
                    "|---|---|---|---|---|---:|---:|---|"]
            for ev in events:
                for mode, s in ev.get("analysis", {}).items():
                    st, ro, rp = s["lat_steady"], s["lat_rolls"], s["lat_respawns"]
                    out.append("| %s | %s | %d, %s, %s | %d, %s, %s, %s | %d, %s, %s | %s | %s | %s |" % (
                        ev["target"], mode, st["n"], ms(st["p50"]), ms(st["p99"]), ro["n"], ms(ro["p50"]),
                        ms(ro["p99"]), ms(ro["max"]), rp["n"], ms(rp["p50"]), ms(rp["p99"]),
                        "%.2f" % (ro["p99"] / st["p99"]) if ro["p99"] and st["p99"] else "-",
                        "%.0f" % s["steady_rps"] if s["steady_rps"] else "-",
                        ", ".join("%s: %d" % kv for kv in s["steady_answered_by"].items())))
            out += ["", "### (e) Event timings (s, median [min–max])", "",
                    "| target | SIGHUP → all N replaced and READY | SIGKILL → replacement up | idle keep-alive connections the "
                    "client found closed before reuse |", "|---|---|---|---|"]
            for ev in events:
                out.append("| %s | %s (n %d) | %s (n %d) | %s |" % (
                    ev["target"], cell([h["t_done"] - h["t"] for h in ev["hups"]], "%.2f"), len(ev["hups"]),
                    cell([k["t_done"] - k["t"] for k in ev["kills"]], "%.2f"), len(ev["kills"]),
                    ", ".join("%s %d" % kv for kv in ev.get("stale_closed", {}).items())))
            out.append("")
            details = []
            for ev in events:
                for mode, s in ev.get("analysis", {}).items():
                    for key, label in (("hup_failed_detail", "rolls"), ("kill_failed_detail", "kills")):
                        if s[key]:
                            details.append("- %s %s, failed during %s (start, end: s from the client's start; start, end: "
                                           "s from the last signal; outcome, reused connection, detail): %s"
                                           % (ev["target"], mode, label, s[key][:10]))
            if details:
                out += ["Failed requests (first 10 each; times from the client's start; all in `requests-<target>.csv`):", ""]
                out += details + [""]
        if self.notes:
            out += ["### Anomalies seen in the logs", ""]
            seen = set()
            for note in self.notes:
                key = re.sub(r"\d+", "#", note)[:160]
                if key not in seen:
                    seen.add(key)
                    out.append("- " + note)
            out.append("")
        return "\n".join(out)


def version_of(cmd):
    try:
        res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=30)
        return res.stdout.strip().splitlines()[0] if res.stdout.strip() else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default="steady,events", help="comma-separated subset of steady,events (default both)")
    ap.add_argument("--targets", default="sample-1,sample-2,sample-4,gunicorn-2,gunicorn-4",
                    help="comma-separated sample-N and gunicorn-N (default sample-1,sample-2,sample-4,gunicorn-2,gunicorn-4)")
    ap.add_argument("--short", action="store_true",
                    help="a quick round: --rounds 1 --warmup 3 --wrk-duration 3 --hups 3 --kills 3 --baseline 3 "
                         "(explicit options still win)")
    ap.add_argument("--rounds", type=int, default=None, help="steady: measured wrk rounds per target (default 2)")
    ap.add_argument("--warmup", type=int, default=None, help="seconds of unrecorded wrk per serving JVM before the first round (sample-N: N times "
                         "this; default 15: with 5 s a JVM was far from warm here)")
    ap.add_argument("--wrk-duration", type=int, default=None, help="steady: seconds per wrk round (default 10)")
    ap.add_argument("--wrk-threads", type=int, default=2, help="wrk -t (default 2: the machine has 2 cores)")
    ap.add_argument("--wrk-connections", type=int, default=16, help="wrk -c (default 16)")
    ap.add_argument("--hello", default="/hello", help="the endpoint (default /hello)")
    ap.add_argument("--wrk-work", default=None,
                    help="steady: a ?work= for wrk's requests and the start-up checks (default none: GET /hello)")
    ap.add_argument("--wrk-modes", default="keepalive",
                    help="steady: keepalive and/or close (wrk with -H 'Connection: close'), comma-separated (default keepalive)")
    ap.add_argument("--event-workers", default="2", help="events: the N of the targets that get them (default 2)")
    ap.add_argument("--hups", type=int, default=None, help="events: rolling SIGHUPs (default 10)")
    ap.add_argument("--kills", type=int, default=None, help="events: worker SIGKILLs (default 10)")
    ap.add_argument("--baseline", type=float, default=None, help="events: seconds of load before the first event (default 5)")
    ap.add_argument("--gap", type=float, default=1.0, help="events: seconds between an event's end and the next (default 1)")
    ap.add_argument("--after", type=float, default=2.0, help="events: seconds the client goes on after the master exited (default 2)")
    ap.add_argument("--work", default="20ms",
                    help="events: the ?work= of each request (default 20ms; the WSGI app also takes ISO-8601 PT0.02S, "
                         "which a sample jar of 9a4a9f4 needs: it answers 400 to 20ms and to /hello without work)")
    ap.add_argument("--clients", type=int, default=2, help="events: client threads per connection mode (default 2)")
    ap.add_argument("--client-modes", default="close,keepalive",
                    help="events: close (a new connection per request) and/or keepalive (default both, at the same time)")
    ap.add_argument("--rate", type=float, default=0.0, help="events: requests/s per client thread, 0 = closed loop (default 0)")
    ap.add_argument("--inflight-grace", type=float, default=1.0,
                    help="events: a failed request started before a kill and ended within this many s after it counts "
                         "as possibly in flight in the killed worker (default 1)")
    ap.add_argument("--request-timeout", type=float, default=5.0, help="seconds before a request is a timeout (default 5)")
    ap.add_argument("--poll", type=float, default=0.1, help="events: period of the worker-set poll, s (default 0.1)")
    ap.add_argument("--start-timeout", type=float, default=180.0, help="seconds for a target to serve (default 180)")
    ap.add_argument("--step-timeout", type=float, default=180.0, help="seconds for a roll or a respawn (default 180)")
    ap.add_argument("--stop-timeout", type=float, default=60.0, help="seconds from SIGTERM to exit (default 60)")
    ap.add_argument("--java", default=None, help="java (default $JAVA_HOME/bin/java, else java on PATH)")
    ap.add_argument("--jvm-arg", action="append", default=[], help="extra JVM option (repeatable)")
    ap.add_argument("--sample-jar", default=pb.DEFAULT_SAMPLE_JAR)
    ap.add_argument("--gunicorn", default=shutil.which("gunicorn") or "/usr/bin/gunicorn")
    ap.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    ap.add_argument("--wait-while", action="append", default=[],
                    help="before measuring, wait while a java process whose command line contains this runs (repeatable)")
    ap.add_argument("--wait-max", type=float, default=600.0)
    ap.add_argument("--results-dir", default=None, help="default bench/results/http-<timestamp>")
    ap.add_argument("--no-copy", action="store_true", help="run the jar in place (default: copy it first)")
    args = ap.parse_args()

    for key, full, short in (("rounds", 2, 1), ("warmup", 15, 3), ("wrk_duration", 10, 3), ("hups", 10, 3),
                             ("kills", 10, 3), ("baseline", 5.0, 3.0)):
        if getattr(args, key) is None:
            setattr(args, key, short if args.short else full)
    args.bench = [b.strip() for b in args.bench.split(",") if b.strip()]
    # wrk's requests and the start-up checks
    args.hello_path = args.hello + ("?work=%s" % args.wrk_work if args.wrk_work else "")
    args.targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    args.wrk_modes = [m.strip() for m in args.wrk_modes.split(",") if m.strip()]
    args.client_modes = [m.strip() for m in args.client_modes.split(",") if m.strip()]
    args.event_workers = [int(n) for n in args.event_workers.split(",") if n.strip()]
    if set(args.bench) - {"steady", "events"} or not args.bench:
        ap.error("--bench takes steady and/or events")
    bad = [t for t in args.targets if not TARGET_RE.match(t) or int(TARGET_RE.match(t).group(2)) < 1]
    if bad or not args.targets:
        ap.error("unknown target(s) %s: sample-N or gunicorn-N" % bad)
    if set(args.wrk_modes) - {"keepalive", "close"} or set(args.client_modes) - {"keepalive", "close"}:
        ap.error("--wrk-modes and --client-modes take keepalive and/or close")
    if args.rounds < 1 or args.clients < 1:
        ap.error("--rounds and --clients must be at least 1")
    if args.java is None:
        home = os.environ.get("JAVA_HOME")
        args.java = os.path.join(home, "bin", "java") if home else (shutil.which("java") or "java")
    samples = any(t.startswith("sample-") for t in args.targets)
    gunicorns = any(t.startswith("gunicorn-") for t in args.targets)
    missing = [x for x, need in ((args.wrk, "steady" in args.bench), (args.gunicorn, gunicorns),
                                 (args.sample_jar, samples)) if need and not os.path.exists(x)]
    if missing:
        sys.exit("missing %s (wrk and gunicorn: apt-get install wrk gunicorn; the jar: bench/run-http-bench.sh builds it)"
                 % ", ".join(missing))
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    if args.results_dir is None:
        args.results_dir = os.path.join(HERE, "results", "http-" + stamp)
    os.makedirs(args.results_dir, exist_ok=True)

    copy_dir = None
    jar_facts = "-"
    if samples:
        jar_facts = "sample sha256 %s (built %s)" % (pb.sha256_short(args.sample_jar), pb.jar_built(args.sample_jar))
        if not args.no_copy:
            copy_dir = tempfile.mkdtemp(prefix="oslo-http-bench-")
            dst = os.path.join(copy_dir, os.path.basename(args.sample_jar))
            shutil.copy2(args.sample_jar, dst)
            args.sample_jar = dst

    quiet = rb.wait_until_quiet(args.wait_while, args.wait_max, 30.0)
    mi = pb.machine_info()
    jv = pb.java_version(args.java) if samples else ""
    header = [
        "## HTTP benchmark, %s" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "",
        "- command: `%s`" % (os.environ.get("OSLO_BENCH_COMMAND")
                             or " ".join(["python3", os.path.relpath(os.path.abspath(sys.argv[0]), ROOT)] + sys.argv[1:])),
        "- machine: %s cores, %s, CPU `%s`, kernel %s" % (mi.get("nproc"), mi.get("mem", "?"), mi.get("cpu", "?"), mi.get("kernel")),
        "- java: `%s` — %s" % (args.java, " / ".join(jv.splitlines()[:2]) if jv else "not used"),
        "- JVM options: %s" % (" ".join("`%s`" % x for x in args.jvm_arg) if args.jvm_arg else "none"),
        "- gunicorn: `%s` (%s), sync workers, `--graceful-timeout 30`; wrk: `%s` (%s); Python %s"
        % (args.gunicorn, version_of([args.gunicorn, "--version"]), args.wrk, version_of([args.wrk, "-v"]),
           sys.version.split()[0]),
        "- jar: %s; git HEAD of this checkout: %s%s" % (jar_facts, pb.git_head(),
                                                      "; run from a copy in `%s`" % copy_dir if copy_dir else ""),
        "- targets %s; benches %s; steady: %d round(s), wrk -t%d -c%d -d%ds, warm-up %d s per JVM, modes %s; events for N in %s: "
        "%d HUP, %d KILL, 1 TERM, work %s, %d client thread(s) per mode %s, baseline %.0f s, gap %.0f s"
        % (",".join(args.targets), ",".join(args.bench), args.rounds, args.wrk_threads, args.wrk_connections,
           args.wrk_duration, args.warmup, ",".join(args.wrk_modes), args.event_workers, args.hups, args.kills,
           args.work, args.clients, ",".join(args.client_modes), args.baseline, args.gap),
        "- other benchmarks before the run (%s): %s" % (", ".join(args.wait_while) or "-", quiet),
        "- logs, `requests-<target>.csv` and `raw.json` in `%s`" % os.path.relpath(args.results_dir, ROOT),
    ]
    load_at_start = pb.loadavg()
    t_start = time.monotonic()
    if jv:
        print("java: %s\n%s" % (args.java, jv), file=sys.stderr, flush=True)

    def on_signal(_signum, _frame):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    bench = HttpBench(args)
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
        bench.cleanup()
        with open(os.path.join(args.results_dir, "raw.json"), "w") as f:
            json.dump({"header": header, "load_at_start": load_at_start, "load_at_end": pb.loadavg(),
                       "notes": bench.notes, "steady": bench.raw["steady"], "events": bench.raw["events"]},
                      f, indent=1, default=str)
        if copy_dir:
            shutil.rmtree(copy_dir, ignore_errors=True)
    watcher.stopped.set()
    header.append("- other benchmarks during the run: %s" % watcher.summary())
    header.append("- load average (1/5/15 min): %s at start, %s at end; duration %.1f min (the machine is shared)"
                  % (load_at_start, pb.loadavg(), (time.monotonic() - t_start) / 60))
    if failed:
        header.append("- **incomplete run**: %s" % failed.splitlines()[0])
    pb.write_report(args.results_dir, bench.report("\n".join(header)), failed)


if __name__ == "__main__":
    main()
