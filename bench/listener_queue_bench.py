#!/usr/bin/env python3
"""Why the workers share one listening socket rather than one SO_REUSEPORT listener each.

Two server processes answer a steady loop of short TCP requests on one port. One of them then
stops, as a worker does in a rolling reload: it stops accepting, waits a moment (the time a
worker takes between its last accept and closing its listener), and closes its listener.

- reuseport: each process has its own SO_REUSEPORT listener. The kernel hashes each new
  connection to one listener; those hashed to the stopping one wait in its queue, and are reset
  when it closes (unless net.ipv4.tcp_migrate_req=1).
- shared: both processes accept from one socket (bound before fork, as the master binds it
  before spawning its workers). The stopping one leaves the queue to the other.

Prints, per mode and round, the requests sent, the failures (reset/EOF, refused) and
net.ipv4.tcp_migrate_req. Usage: listener_queue_bench.py [--rounds N] [--gap-ms MS]
"""
import argparse
import os
import signal
import socket
import statistics
import threading
import time

CLIENTS = 8


def serve(listener, stop_after=None, gap=0.0):
    """Accept and answer until killed; with stop_after, stop accepting then, and close the
    listener gap seconds later."""
    listener.settimeout(0.05)
    deadline = time.time() + stop_after if stop_after is not None else None
    while deadline is None or time.time() < deadline:
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            continue
        with conn:
            conn.recv(64)
            conn.sendall(b"ok")
    time.sleep(gap)
    listener.close()
    time.sleep(3600)


def reuseport_listener(port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    s.bind(("127.0.0.1", port))
    s.listen(128)
    return s


def fork(target, *args):
    pid = os.fork()
    if pid == 0:
        try:
            target(*args)
        finally:
            os._exit(0)
    return pid


def load(port, seconds):
    results = {"ok": 0, "reset": 0, "refused": 0}
    lock = threading.Lock()
    end = time.time() + seconds

    def run():
        while time.time() < end:
            outcome = "ok"
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
                    c.sendall(b"x")
                    if c.recv(64) != b"ok":
                        outcome = "reset"
            except ConnectionRefusedError:
                outcome = "refused"
            except OSError:
                outcome = "reset"
            with lock:
                results[outcome] += 1

    threads = [threading.Thread(target=run) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def round_of(mode, gap, seconds=3.0, stop_at=1.0):
    port = free_port()
    if mode == "reuseport":
        first, second = reuseport_listener(port), reuseport_listener(port)
        pids = [fork(serve, first, stop_at, gap), fork(serve, second)]
        first.close()
        second.close()
    else:
        shared = socket.socket()
        shared.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        shared.bind(("127.0.0.1", port))
        shared.listen(128)
        pids = [fork(serve, shared, stop_at, gap), fork(serve, shared)]
        shared.close()
    try:
        return load(port, seconds)
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--gap-ms", type=int, default=200)
    args = parser.parse_args()
    try:
        with open("/proc/sys/net/ipv4/tcp_migrate_req") as f:
            migrate = f.read().strip()
    except OSError:
        migrate = "unknown"
    print(f"net.ipv4.tcp_migrate_req={migrate}; {CLIENTS} clients; one of two servers stops accepting "
          f"after 1 s and closes its listener {args.gap_ms} ms later; 3 s per round")
    for mode in ("reuseport", "shared"):
        failures = []
        for r in range(args.rounds):
            result = round_of(mode, args.gap_ms / 1000)
            failures.append(result["reset"] + result["refused"])
            print(f"{mode:9} round {r + 1}: {result}")
        print(f"{mode:9} failed requests per round: median {statistics.median(failures)} "
              f"[{min(failures)}-{max(failures)}]")


if __name__ == "__main__":
    main()
