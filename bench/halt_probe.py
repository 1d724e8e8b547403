#!/usr/bin/env python3
"""Time Runtime.halt(1) from outside, with and without a thread blocked in a native accept().

Explains the SIGINT figure of process_bench.py: oslo's SIGINT handler calls Runtime.halt(1) while
Tomcat's acceptor thread is blocked in accept(), and HotSpot's exit waits up to ~300 ms for
threads in native code. Usage: python3 bench/halt_probe.py [--runs N] [--java JAVA]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--java", default=None)
    args = ap.parse_args()
    java = args.java or (os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME")
                         else shutil.which("java") or "java")
    javac = os.path.join(os.path.dirname(os.path.realpath(java)), "javac")
    classes = tempfile.mkdtemp(prefix="halt-probe-")
    try:
        subprocess.run([javac if os.path.exists(javac) else "javac", "-d", classes,
                        os.path.join(HERE, "HaltProbe.java")], check=True)
        print(subprocess.run([java, "-version"], stderr=subprocess.PIPE, text=True).stderr.splitlines()[0])
        print("| threads | median ms (halt line seen -> process exit) | runs |")
        print("|---|---:|---|")
        for mode, label in (([], "main only"), (["accept"], "+ a thread blocked in accept()")):
            times = []
            for _ in range(args.runs):
                p = subprocess.Popen([java, "-cp", classes, "HaltProbe"] + mode, stdout=subprocess.PIPE)
                p.stdout.readline()
                t0 = time.monotonic()
                p.wait()
                times.append((time.monotonic() - t0) * 1000)
            print("| %s | %.0f | %s |" % (label, statistics.median(times), ", ".join("%.0f" % t for t in times)))
    finally:
        shutil.rmtree(classes, ignore_errors=True)


if __name__ == "__main__":
    main()
