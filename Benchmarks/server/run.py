#!/usr/bin/env python3
"""Load benchmark of `fairlabel serve` with wrk (issue 11, item 7).

Starts the release build of `fairlabel serve` on 127.0.0.1 (a free port, a throwaway token
store and registry with one label, --as-of 2026-06-30, no rate limit), then runs wrk against:

  * GET  /api/v1/health                       (no token, no store)
  * GET  /api/v1/labels/{id}                  (the public label check: the registry's store,
                                               the signature checked)
  * POST /api/v1/audits                       (a small submission, Schemas/examples/
                                               maple-and-loom.xml, audited in full)

and reports requests per second and the mean, p50 and p99 latency wrk measures. The health
check and the label check run alternately, --rounds times, so that each label-check figure has
its peer measured just before it on the same machine. For the audit it also reads the server's
own mean audit time over the same requests from /metrics (fairlabel_audit_duration_seconds):
with one connection, the client's mean latency minus it is what HTTP, the upload and the
answer add to the audit.

Writes its section of BENCHMARKS.md (between <!-- server:begin --> and <!-- server:end -->)
unless --no-write. Installs Debian's wrk with apt-get when missing and run as root.

Usage: python3 Benchmarks/server/run.py [--duration 10] [--connections 32] [--rounds 3] [--binary PATH]
"""

import argparse
import datetime
import json
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

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import marked_section  # noqa: E402  (BENCHMARKS.md's section writer, shared by the benchmarks)

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
    mean = milliseconds(re.search(r"^\s+Latency\s+(\S+)", output, re.M).group(1))
    p50 = milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "rate": rate, "mean": mean, "p50": p50, "p99": p99, "requests": requests, "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def postgres_description(url):
    """The server's version and durability settings, as psql reads them, for the section's text."""
    try:
        settings = subprocess.run(
            ["psql", url, "-Atc", "SELECT current_setting('server_version'), current_setting('fsync'), "
             "current_setting('synchronous_commit')"], check=True, capture_output=True, text=True).stdout.strip()
        version, fsync, synchronous = settings.split("|")
        return f"PostgreSQL {version.split()[0]}, fsync={fsync}, synchronous_commit={synchronous}"
    except (OSError, subprocess.CalledProcessError, ValueError):
        return "PostgreSQL, settings not read: psql failed"


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
    parser.add_argument("--rounds", type=int, default=3, help="rounds of health then label check (default 3)")
    parser.add_argument("--binary", help="a fairlabel binary to run instead of building the release one")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    parser.add_argument("--registry", help="an empty PostgreSQL database (postgres://…) to use as the registry instead of "
                        "a new SQLite file; its figures go to the section server-postgres of BENCHMARKS.md")
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
    registry = options.registry or os.path.join(work, "registry.sqlite")
    name = "server-postgres" if options.registry else "server"
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
        cases = []
        for round_ in range(1, max(1, options.rounds) + 1):
            cases += [
                ("health", f"GET /api/v1/health, round {round_}", f"{base}/api/v1/health", [], options.connections),
                ("label", f"GET /api/v1/labels/{{id}} (public label check), round {round_}", f"{base}/api/v1/labels/{label}",
                 [], options.connections),
            ]
        # One audit kept by the server, fetched again: its answer is the same JSON a POST gets
        # (AuditResponse, with the whole report), so this row is HTTP plus encoding that answer.
        with open(SUBMISSION, "rb") as handle:
            posted = urllib.request.Request(f"{base}/api/v1/audits", data=handle.read(), method="POST", headers={
                "Content-Type": "application/xml", "Authorization": f"Bearer {firm}"})
            kept = json.load(urllib.request.urlopen(posted, timeout=120))["id"]
        answer = os.path.join(work, "answer.lua")
        with open(answer, "w") as handle:
            handle.write(f'wrk.headers["Authorization"] = "Bearer {firm}"\n')
        cases += [
            ("answer-1", "GET /api/v1/audits/{id} (the same answer, no audit), 1 connection", f"{base}/api/v1/audits/{kept}",
             ["-s", answer], 1),
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
            print(f"{title}: {figures['rate']:.0f} req/s, mean {figures['mean']:.2f} ms, p50 {figures['p50']:.2f} ms, "
                  f"p99 {figures['p99']:.2f} ms"
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
        f"<!-- {name}:begin (written by Benchmarks/server/run.py; do not edit by hand) -->",
        "## fairlabel serve under load (issue 11)" if not options.registry
        else "## fairlabel serve on a PostgreSQL registry (issue 11)",
        "",
        f"Command: `python3 Benchmarks/server/run.py --duration {options.duration} --connections {options.connections} "
        f"--rounds {options.rounds}" + (" --registry postgres://…/DATABASE" if options.registry else "") + "` "
        f"({build} build; wrk {options.threads} threads, {options.duration} s per row, keep-alive, 127.0.0.1, "
        f"--rate-limit 0). Machine: {os.cpu_count()} cores, {platform.machine()}, Linux {platform.release()}; "
        f"load average before {load_before}, after {load_after} (the machine is shared: other builds and tests run "
        f"at the same time, so these are lower bounds). Run on {datetime.date.today().isoformat()}. "
        f"The audit posts `Schemas/examples/maple-and-loom.xml` ({size} bytes); \"server's audit\" is the mean of "
        "`fairlabel_audit_duration_seconds` over the row's audits (the audit's own time, taken around the library's "
        "audit, on the thread that runs it), and \"added\" the client's mean latency minus it: what HTTP, the "
        "upload, the queue and the JSON answer add to the audit (meaningful with one connection, where nothing waits)."
        + (" **A debug build (no optimisation): these figures show the harness works, not the server's speed; "
           "run it without --binary for the release build.**" if build == "debug" else ""),
        "",
        "| route | connections | requests/s | mean (ms) | p50 (ms) | p99 (ms) | requests | non-2xx | server's audit (ms) "
        "| added (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for figures in results:
        audit = f"{figures['audit_ms']:.2f}" if figures.get("audit_ms") else "–"
        added = f"{figures['mean'] - figures['audit_ms']:.2f}" if figures.get("audit_ms") else "–"
        section.append(
            f"| {figures['title']} | {figures['connections']} | {figures['rate']:.0f} | {figures['mean']:.2f} | "
            f"{figures['p50']:.2f} | {figures['p99']:.2f} | {figures['requests']} | {figures['non2xx']} | {audit} | "
            f"{added} |")
    health = [figures["rate"] for figures in results if figures["key"] == "health"]
    labels = [figures["rate"] for figures in results if figures["key"] == "label"]
    if health and labels and options.registry:
        ratios = ", ".join(f"{label_rate / health_rate:.2f}×" for health_rate, label_rate in zip(health, labels))
        section += [
            "",
            f"On a PostgreSQL registry ({postgres_description(options.registry)}) the public label check "
            f"ran at {min(labels):.0f}–{max(labels):.0f} requests/s, {ratios} the rate of `/api/v1/health` in the round "
            "just before. PostgreSQL has no change counter a client can read without a round trip, so each check reads "
            "the label's row and the registry's keys (one prepared statement, on the store's kept connection when it "
            "is free) and gives the kept answer only if they are unchanged: exact, but bound by the round trips.",
        ]
    elif health and labels:
        ratios = ", ".join(f"{label_rate / health_rate:.2f}×" for health_rate, label_rate in zip(health, labels))
        section += [
            "",
            f"The public label check ran at {min(labels):.0f}–{max(labels):.0f} requests/s, {ratios} the rate of "
            "`/api/v1/health` in the round just before (the peer: the same middleware, no store, no rendering). A check "
            "reads SQLite's change counter for the registry file (`PRAGMA data_version` on a connection of its own, "
            "which every commit by any connection or process moves) and, while it has not moved since the label was "
            "last read, answers with the JSON kept from then (`LabelCheckCache`); once it has moved, it reads the "
            "label's row and the registry's keys again (one SQLite read) and makes a new answer only if they changed. "
            "So a suspension or revocation, by this server or any other process, shows on the next check.",
        ]
    single = next((figures for figures in results if figures["key"] == "audit-1" and figures.get("audit_ms")), None)
    answer = next((figures for figures in results if figures["key"] == "answer-1"), None)
    if single:
        added = single["mean"] - single["audit_ms"]
        section += [
            "",
            f"Auditing one submission at a time, the client waited {single['mean']:.2f} ms on average for an audit that took "
            f"the server {single['audit_ms']:.2f} ms: the server added **{added:.2f} ms** (goal: under 2 ms; "
            f"{'met' if added < 2 else 'not met'} in this run)"
            + (f", of which {answer['mean']:.2f} ms is HTTP and encoding the answer, whole report included, as the same "
               "answer fetched again shows" if answer else "")
            + "; the rest is the upload, the token check and keeping the audit (with one connection the audit runs on "
            "the thread that received its request: `ServerConfiguration.auditsOnRequestThreads`).",
        ]
    section += [
        "",
        f"A flood of 1 000 connections posting the submission for {options.duration} s (`wrk -t2 -c1000`, the server "
        f"started with `--max-queued-audits 1000`): {flood['requests']} answered ({flood['non2xx']} not 2xx, "
        f"{flood['socket_errors'] or 'no socket errors'}); the server's peak resident memory {flood['peak']:.0f} MiB "
        f"(before the flood {flood['before']:.0f} MiB, {flood['rss']:.0f} MiB right after); "
        f"`/api/v1/health` answered after it: {'yes' if flood['alive'] else 'no'}.",
        f"<!-- {name}:end -->", ""]
    text = "\n".join(section)
    print(text)
    if not options.no_write:
        marked_section.write_marked_section(name, text, after="<!-- server:end -->\n" if options.registry else None)


if __name__ == "__main__":
    main()
