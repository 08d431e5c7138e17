#!/usr/bin/env python3
"""Load benchmark of `fairlabel serve` with wrk (issue 11, item 7).

Starts the release build of `fairlabel serve` on 127.0.0.1 (a free port, a throwaway token
store and registry with one label, --as-of 2026-06-30, no rate limit), then runs wrk against:

  * GET  /api/v1/health                       (no token, no store)
  * GET  /api/v1/labels/{id}                  (the public label check: the registry's store,
                                               the signature checked)
  * POST /api/v1/audits                       (a small submission, Schemas/examples/
                                               maple-and-loom.xml, audited in full)

and reports requests per second and the p50/p99 latency wrk measures. For the audit it also
reads the server's own mean audit time from /metrics (fairlabel_audit_duration_seconds), so
that the HTTP overhead on top of the audit can be seen (run with one connection for that).

Writes its section of BENCHMARKS.md (between <!-- server:begin --> and <!-- server:end -->)
unless --no-write. Installs Debian's wrk with apt-get when missing and run as root.

Usage: python3 Benchmarks/server/run.py [--duration 10] [--connections 32] [--binary PATH]
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUBMISSION = os.path.join(ROOT, "Schemas", "examples", "maple-and-loom.xml")


def fail(message):
    print(f"Benchmarks/server/run.py: {message}", file=sys.stderr)
    sys.exit(2)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
    if not shutil.which("wrk"):
        fail("wrk is not installed; install it with: apt-get install wrk")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT, **kwargs).stdout


def load_average():
    try:
        with open("/proc/loadavg") as handle:
            return " ".join(handle.read().split()[:3])
    except OSError:
        return "unknown"


def parse_wrk(output):
    """Requests/s, p50 and p99 in ms, requests, non-2xx count from `wrk --latency` output."""

    def milliseconds(text):
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "rate": rate, "p50": p50, "p99": p99, "requests": requests, "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def metrics(base, admin):
    request = urllib.request.Request(f"{base}/metrics", headers={"Authorization": f"Bearer {admin}"})
    text = urllib.request.urlopen(request, timeout=10).read().decode()
    total = float(re.search(r"^fairlabel_audit_duration_seconds_sum(?:\{\})? (\S+)", text, re.M).group(1))
    count = float(re.search(r"^fairlabel_audit_duration_seconds_count(?:\{\})? (\S+)", text, re.M).group(1))
    return total, count


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--connections", type=int, default=32, help="connections for the concurrent runs (default 32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--binary", help="a fairlabel binary to run instead of building the release one")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    options = parser.parse_args()
    ensure_wrk()
    if options.binary:
        fairlabel = os.path.abspath(options.binary)
        build = "debug" if "/debug/" in fairlabel else "release" if "/release/" in fairlabel else "given binary's"
    else:
        subprocess.run(["swift", "build", "-c", "release", "--product", "fairlabel"], check=True, cwd=ROOT)
        fairlabel = os.path.join(run(["swift", "build", "-c", "release", "--show-bin-path"]).strip(), "fairlabel")
        build = "release"
    work = tempfile.mkdtemp(prefix="fairlabel-server-bench-")
    tokens = os.path.join(work, "tokens.sqlite")
    registry = os.path.join(work, "registry.sqlite")
    firm = run([fairlabel, "token", "create", "--role", "firm", "--name", "Bench Firm", "--tokens", tokens]).strip().split()[-1]
    admin = run([fairlabel, "token", "create", "--role", "admin", "--name", "Bench Admin", "--tokens", tokens]).strip().split()[-1]
    run([fairlabel, "registry", "init", "--registry", registry])
    subprocess.run(
        [fairlabel, "audit", SUBMISSION, "--as-of", "2026-06-30", "--record", "--registry", registry],
        cwd=ROOT, capture_output=True)
    listing = run([fairlabel, "registry", "list", "--registry", registry, "--format", "json"])
    label = re.search(r'"id"\s*:\s*"(FL-[0-9A-F]+)"', listing).group(1)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen(
        [fairlabel, "serve", "--port", str(port), "--tokens", tokens, "--registry", registry, "--as-of", "2026-06-30",
         "--rate-limit", "0", "--max-queued-audits", "1000"],
        cwd=ROOT, stdout=log, stderr=log)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/api/v1/ready", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            fail(f"the server did not become ready; see {work}/serve.log")
        lua = os.path.join(work, "audit.lua")
        with open(lua, "w") as handle:
            handle.write(
                'wrk.method = "POST"\n'
                f'local file = io.open("{SUBMISSION}", "rb")\nwrk.body = file:read("*a")\nfile:close()\n'
                'wrk.headers["Content-Type"] = "application/xml"\n'
                f'wrk.headers["Authorization"] = "Bearer {firm}"\n')
        load_before = load_average()
        cases = [
            ("health", "GET /api/v1/health", f"{base}/api/v1/health", [], options.connections),
            ("label", "GET /api/v1/labels/{id} (public label check)", f"{base}/api/v1/labels/{label}", [], options.connections),
            ("audit-1", "POST /api/v1/audits, 1 connection", f"{base}/api/v1/audits", ["-s", lua], 1),
            ("audit-n", f"POST /api/v1/audits, {options.connections} connections", f"{base}/api/v1/audits", ["-s", lua],
             options.connections),
        ]
        results = []
        for key, title, url, extra, connections in cases:
            before = metrics(base, admin) if key.startswith("audit") else None
            threads = min(options.threads, connections)
            command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{options.duration}s", "--latency", *extra, url]
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            figures = parse_wrk(output)
            if before:
                after = metrics(base, admin)
                audits = after[1] - before[1]
                figures["audit_ms"] = (after[0] - before[0]) / audits * 1000 if audits else None
            figures.update(key=key, title=title, connections=connections)
            results.append(figures)
            print(f"{title}: {figures['rate']:.0f} req/s, p50 {figures['p50']:.2f} ms, p99 {figures['p99']:.2f} ms"
                  + (f", server's mean audit {figures['audit_ms']:.2f} ms" if figures.get("audit_ms") else "")
                  + (f", {figures['non2xx']} non-2xx" if figures["non2xx"] else ""), flush=True)
        # A flood: 1 000 connections posting the submission at once (the queue holds 1 000,
        # so every upload waits for a slot rather than being refused); the server's peak
        # resident memory before and after, and whether it still answers.
        def memory(field):
            with open(f"/proc/{server.pid}/status") as handle:
                return int(re.search(rf"^{field}:\s+(\d+) kB", handle.read(), re.M).group(1)) / 1024
        flood_before = memory("VmHWM")
        output = subprocess.run(
            ["wrk", "-t2", "-c1000", f"-d{options.duration}s", "--latency", "-s", lua, f"{base}/api/v1/audits"],
            check=True, capture_output=True, text=True).stdout
        flood = parse_wrk(output)
        flood.update(before=flood_before, peak=memory("VmHWM"), rss=memory("VmRSS"))
        flood["alive"] = urllib.request.urlopen(f"{base}/api/v1/health", timeout=30).status == 200
        print(f"flood of 1000 connections: {flood['requests']} answered, {flood['non2xx']} non-2xx, peak memory "
              f"{flood['peak']:.0f} MiB (before {flood['before']:.0f} MiB), health after: {flood['alive']}", flush=True)
        load_after = load_average()
    finally:
        # SIGTERM lets the server finish what is in flight, the flood's queued audits included
        # (their clients are gone); past two minutes it is killed.
        server.terminate()
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    size = os.path.getsize(SUBMISSION)
    section = [
        "<!-- server:begin (written by Benchmarks/server/run.py; do not edit by hand) -->",
        "## fairlabel serve under load (issue 11)",
        "",
        f"Command: `python3 Benchmarks/server/run.py --duration {options.duration} --connections {options.connections}` "
        f"({build} build; wrk {options.threads} threads, {options.duration} s per row, keep-alive, 127.0.0.1, "
        f"--rate-limit 0). Machine: {os.cpu_count()} cores, {platform.machine()}, Linux {platform.release()}; "
        f"load average before {load_before}, after {load_after} (the machine is shared: other builds and tests run "
        f"at the same time, so these are lower bounds). Run on {datetime.date.today().isoformat()}. "
        f"The audit posts `Schemas/examples/maple-and-loom.xml` ({size} bytes); \"server's audit\" is the mean of "
        "`fairlabel_audit_duration_seconds` over the row's audits, so p50 minus it is the HTTP overhead."
        + (" **A debug build (no optimisation): these figures show the harness works, not the server's speed; "
           "run it without --binary for the release build.**" if build == "debug" else ""),
        "",
        "| route | connections | requests/s | p50 (ms) | p99 (ms) | requests | non-2xx | server's audit (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for figures in results:
        audit = f"{figures['audit_ms']:.2f}" if figures.get("audit_ms") else "–"
        section.append(
            f"| {figures['title']} | {figures['connections']} | {figures['rate']:.0f} | {figures['p50']:.2f} | "
            f"{figures['p99']:.2f} | {figures['requests']} | {figures['non2xx']} | {audit} |")
    rates = {figures["key"]: figures["rate"] for figures in results}
    if rates.get("health") and rates.get("label"):
        section += [
            "",
            f"The public label check ran at {rates['label'] / rates['health']:.2f}× the rate of `/api/v1/health` in the same "
            "run (the peer: the same middleware, no store, no rendering). Each check reads the label's row and the "
            "registry's keys (one SQLite read) and answers with the JSON kept from an earlier check while that row, "
            "those keys and the date are the very same (`LabelCheckCache`); otherwise it decodes the record, checks the "
            "signature and encodes the answer again, so a suspension or revocation, by this server or any other process, "
            "shows on the next check.",
        ]
    section += [
        "",
        f"A flood of 1 000 connections posting the submission for {options.duration} s (`wrk -t2 -c1000`, the server "
        f"started with `--max-queued-audits 1000`): {flood['requests']} answered ({flood['non2xx']} not 2xx, "
        f"{flood['socket_errors'] or 'no socket errors'}); the server's peak resident memory {flood['peak']:.0f} MiB "
        f"(before the flood {flood['before']:.0f} MiB, {flood['rss']:.0f} MiB right after); "
        f"`/api/v1/health` answered after it: {'yes' if flood['alive'] else 'no'}.",
        "<!-- server:end -->", ""]
    text = "\n".join(section)
    print(text)
    if not options.no_write:
        path = os.path.join(ROOT, "BENCHMARKS.md")
        with open(path) as handle:
            current = handle.read()
        if "<!-- server:begin" in current:
            current = re.sub(r"<!-- server:begin.*?<!-- server:end -->\n", lambda _: text, current, flags=re.S)
        else:
            current = current.rstrip("\n") + "\n\n" + text
        with open(path, "w") as handle:
            handle.write(current)


if __name__ == "__main__":
    main()
