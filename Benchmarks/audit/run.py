#!/usr/bin/env python3
"""Batch-audit benchmark (issue 6): fairlabel audit against xmllint --schema, in one run.

Usage (from the repository root):
    python3 Benchmarks/audit/run.py                 # 10 000 submissions; rewrites the audit section
                                                    # of BENCHMARKS.md
    python3 Benchmarks/audit/run.py --quick         # 1 000 submissions, fewer and smaller size files
    python3 Benchmarks/audit/run.py --count 5000 --big-budget-min 120 --no-write

Builds fairlabel in release mode, generates the inputs with Benchmarks/audit/generate.py (seed
61420) under Benchmarks/out/audit/ (git-ignored), and measures:
  (a) `fairlabel audit DIR --out OUT --as-of 2026-06-30 --jobs 2 --timings` over N submissions
      (the generator's whole mix, up to 2 000 sites) against
      `xmllint --noout --schema Schemas/submission.xsd` over the same files in one process (file
      names relative to the corpus folder; the harness splits them into as few processes as
      ARG_MAX allows, which is one for any N it uses); the ratio of wall-clock times;
  (b) the stage timings fairlabel prints with --timings, and each criteria pack alone
      (`fairlabel schematron`) on a 1 MB submission, to show where the criteria time goes;
  (c) time against document size, 10 KB to 5 MB (4 files per size, --jobs 1), with xmllint
      alongside, and the log-log slope of time against size;
  (d) --jobs 1 against --jobs 2 on the same N submissions;
  (e) peak resident memory (/usr/bin/time -f %M; also sampled from /proc while auditing and while
      the summaries are written) of the N-file runs, and memory against the number of files on a
      light mix (the same generator capped at 40 sites) of N and 10 x N files, the larger run only
      if it fits in --big-budget-min (else the largest multiple that does, and the text says so);
  (f) the decision mix of the corpus, against the outcome the generator intended.
Every generated file must be valid for xmllint or the run stops. Figures are single wall-clock
runs of whole commands (start-up included) on a shared 2-core machine, so they are noisy; load
averages are recorded next to them. The full run takes about 80 minutes here; --quick about 10.
"""
import argparse
import csv
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import marked_section  # noqa: E402  (BENCHMARKS.md's section writer, shared by the benchmarks)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Benchmarks/out/audit")
FAIRLABEL = os.path.join(ROOT, ".build/release/fairlabel")
GENERATE = os.path.join(ROOT, "Benchmarks/audit/generate.py")
XSD = os.path.join(ROOT, "Schemas/submission.xsd")
AS_OF = "2026-06-30"
SEED = 61420
MAX_SITES = 2000  # the generator's whole mix (its largest band is 2 000 sites): nothing is left out of the batch
LIGHT_SITES = 40  # the memory pair (N and 10 N files) uses submissions of at most this many sites
TIMINGS = re.compile(r"stage timings over (\d+) submissions(?: audited)?: parse ([\d.]+) s, validate ([\d.]+) s, criteria ([\d.]+) s, score ([\d.]+) s, report ([\d.]+) s")
DECISIONS = {"granted": "granted", "conditional": "granted on conditions", "granted-on-conditions": "granted on conditions", "withheld": "withheld",
             "not-auditable": "not auditable", "notAuditable": "not auditable"}
STAGES = ["parse", "validate", "criteria", "score", "report"]


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def load():
    return "%.2f %.2f %.2f" % os.getloadavg()


def build():
    for attempt in range(6):
        result = subprocess.run(["swift", "build", "-c", "release", "--product", "fairlabel"], cwd=ROOT, capture_output=True, text=True)
        if result.returncode == 0:
            return
        log(f"release build failed (attempt {attempt + 1}); waiting two minutes:\n" + "\n".join(result.stderr.splitlines()[-5:]))
        time.sleep(120)
    sys.exit("fairlabel does not build; giving up")


def generate(folder, count=None, sizes=None, per_size=None, start=0, max_sites=MAX_SITES):
    command = [sys.executable, GENERATE, folder, "--seed", str(SEED), "--max-sites", str(max_sites)]
    if count is not None:
        command += ["--count", str(count), "--start", str(start)]
    if sizes:
        command += ["--sizes", ",".join(map(str, sizes)), "--per-size", str(per_size)]
        if count is None:
            command += ["--count", "0"]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def corpus_facts(folder):
    rows = list(csv.DictReader(open(os.path.join(folder, "manifest.tsv")), delimiter="\t"))
    sizes = sorted(int(r["bytes"]) for r in rows)
    sites = sorted(int(r["sites"]) for r in rows)
    return {"files": len(rows), "bytes": sum(sizes), "min": sizes[0], "median": statistics.median(sizes), "mean": sum(sizes) / len(sizes), "p99": sizes[int(len(sizes) * 0.99)],
            "max": sizes[-1], "sites_min": sites[0], "sites_median": statistics.median(sites), "sites_max": sites[-1],
            "sectors": len({r["nace"] for r in rows}), "countries": len({r["country"] for r in rows}),
            "intended": {r["file"]: r["intended"] for r in rows}}


def arg_chunks(names):
    """Split file names into command lines that fit in ARG_MAX (with room for the environment)."""
    limit = os.sysconf("SC_ARG_MAX") // 2 - 4096
    chunks, current, size = [], [], 0
    for name in names:
        cost = len(name) + 1 + 8
        if current and size + cost > limit:
            chunks.append(current)
            current, size = [], 0
        current.append(name)
        size += cost
    if current:
        chunks.append(current)
    return chunks


def xmllint(folder, names):
    """xmllint --noout --schema over the files, as few processes as ARG_MAX allows; all must be valid."""
    wall, valid, invalid, processes = 0.0, 0, [], 0
    for chunk in arg_chunks(names):
        started = time.perf_counter()
        result = subprocess.run(["xmllint", "--noout", "--schema", XSD, *chunk], cwd=folder, capture_output=True, text=True)
        wall += time.perf_counter() - started
        processes += 1
        valid += sum(1 for line in result.stderr.splitlines() if line.endswith(" validates"))
        invalid += [line for line in result.stderr.splitlines() if "fails to validate" in line or "parser error" in line]
    if invalid or valid != len(names):
        sys.exit(f"xmllint: {valid} of {len(names)} generated files valid; invalid: {invalid[:10]}")
    return {"seconds": wall, "processes": processes}


def fairlabel(paths, jobs, label, keep_summary=False):
    """Runs fairlabel audit under /usr/bin/time; returns wall, cpu, peak RSS, stage timings, decisions."""
    reports = os.path.join(OUT, "reports-" + label)
    shutil.rmtree(reports, ignore_errors=True)
    stats = os.path.join(OUT, f"time-{label}.txt")
    before = load()
    started = time.perf_counter()
    process = subprocess.Popen(["/usr/bin/time", "-o", stats, "-f", "%e %U %S %M", FAIRLABEL, "audit", *paths, "--out", reports, "--as-of", AS_OF,
                                "--jobs", str(jobs), "--timings"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples = []
    sampler = threading.Thread(target=sample_rss, args=(process, samples), daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started  # before joining the sampler, which sleeps up to 0.5 s between samples
    sampler.join()
    result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    if result.returncode not in (0, 1):
        sys.exit(f"fairlabel audit ({label}) exited {result.returncode}:\n{result.stderr[-3000:]}")
    elapsed, user, system, rss_kb = open(stats).read().split()[-4:]
    match = TIMINGS.search(result.stderr)
    if not match:
        sys.exit(f"no stage timings in fairlabel's standard error ({label}):\n{result.stderr[-2000:]}")
    stages = dict(zip(STAGES, map(float, match.groups()[1:])))
    # Peak resident memory while auditing (until the last per-submission report was written) and after
    # (writing summary.csv, .json and .html), from samples of /proc/PID/status every half second.
    last_report = max((e.stat().st_mtime for e in os.scandir(reports) if ".audit." in e.name), default=None) if os.path.isdir(reports) else None
    during = max((rss for when, rss in samples if last_report is None or when <= last_report), default=0)
    after = max((rss for when, rss in samples if last_report is not None and when > last_report), default=0)
    decisions = {}
    summary = os.path.join(reports, "summary.csv")
    if os.path.exists(summary):
        for row in csv.DictReader(open(summary, newline="")):
            decisions[os.path.basename(row["file"])] = DECISIONS.get(row["decision"], row["decision"])
    run = {"label": label, "jobs": jobs, "wall": wall, "cpu": float(user) + float(system), "rss_mb": int(rss_kb) / 1024, "audited": int(match.group(1)),
           "rss_auditing_mb": during / 1024, "rss_summaries_mb": after / 1024,
           "stages": stages, "decisions": decisions, "summary_line": result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "",
           "load_before": before, "load_after": load()}
    if not keep_summary:
        shutil.rmtree(reports, ignore_errors=True)
    log(f"{label}: {wall:.1f} s wall, {run['cpu']:.1f} s CPU, {run['rss_mb']:.0f} MB peak ({run['rss_auditing_mb']:.0f} MB sampled while auditing, "
        f"{run['rss_summaries_mb']:.0f} MB after); {run['summary_line']}; load {before} -> {run['load_after']}")
    return run


def sample_rss(process, samples):
    """Samples fairlabel's resident memory (the child of /usr/bin/time) until it exits: (time, KB)."""
    child = None
    while process.poll() is None:
        try:
            if child is None:
                with open(f"/proc/{process.pid}/task/{process.pid}/children") as f:
                    child = (f.read().split() or [None])[0]
            if child:
                with open(f"/proc/{child}/status") as f:
                    rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
                samples.append((time.time(), rss))
        except (OSError, StopIteration):
            pass
        time.sleep(0.5)


def size_sweep(folder, sizes, per_size):
    rows = []
    for kb in sizes:
        files = sorted(f for f in os.listdir(folder) if f.startswith(f"size-{kb:05d}kb-"))
        sites = [int(r["sites"]) for r in csv.DictReader(open(os.path.join(folder, "manifest.tsv")), delimiter="\t") if r["file"] in files]
        paths = [os.path.join(folder, f) for f in files]
        nbytes = sum(os.path.getsize(p) for p in paths)
        run = fairlabel(paths, 1, f"size-{kb}")
        lint = xmllint(folder, files)
        busy = sum(run["stages"].values())
        rows.append({"kb": kb, "files": len(files), "bytes": nbytes, "sites": sum(sites) / len(sites), "wall": run["wall"], "busy": busy, "criteria": run["stages"]["criteria"],
                     "xmllint": lint["seconds"], "rss_mb": run["rss_mb"]})
    return rows


def pack_times(path):
    """Where the criteria time goes: each pack alone (`fairlabel schematron PACK FILE --jobs 1`) on one
    document, and data-quality.sch again without FL-DATA-02.10, the id-uniqueness check (once a scan of the
    whole document for every id, now a key lookup; a copy under Benchmarks/out; the packs are not changed)."""
    packs = sorted(f for f in os.listdir(os.path.join(ROOT, "Schemas/criteria")) if f.endswith(".sch"))
    copy = os.path.join(OUT, "data-quality-without-FL-DATA-02.10.sch")
    text = open(os.path.join(ROOT, "Schemas/criteria/data-quality.sch")).read()
    open(copy, "w").write(re.sub(r'<sch:assert id="FL-DATA-02\.10".*?</sch:assert>', "", text, flags=re.S))
    times = {}
    for name in packs + [copy]:
        pack = name if os.path.isabs(name) else os.path.join(ROOT, "Schemas/criteria", name)
        started = time.perf_counter()
        subprocess.run([FAIRLABEL, "schematron", pack, path, "--jobs", "1"], capture_output=True)
        times[os.path.basename(name)] = time.perf_counter() - started
    return {"file": os.path.basename(path), "bytes": os.path.getsize(path), "times": times}


def slope(rows, key):
    """Log-log slope of per-file time against size over the sizes from 100 KB up (1 = linear, 2 = quadratic)."""
    points = [(math.log(r["bytes"] / r["files"]), math.log(r[key] / r["files"])) for r in rows if r["kb"] >= 100 and r[key] > 0]
    if len(points) < 2:
        return float("nan")
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    xmllint_version = subprocess.run(["xmllint", "--version"], capture_output=True, text=True).stderr.splitlines()[0]
    commit = subprocess.run(["git", "describe", "--always", "--dirty", "--exclude", "*"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return {"cores": os.cpu_count(), "cpu": cpu, "mem_gb": mem / 1024, "arch": platform.machine(), "kernel": platform.release(), "swift": swift,
            "xmllint": xmllint_version, "commit": commit}


def main():
    parser = argparse.ArgumentParser(description="Batch-audit benchmark: fairlabel audit against xmllint --schema.")
    parser.add_argument("--count", type=int, help="submissions in the batch (default 10 000; --quick 1 000)")
    parser.add_argument("--quick", action="store_true", help="1 000 submissions, sizes up to 2.5 MB, two files per size")
    parser.add_argument("--sizes", help="comma-separated document sizes in KB for the size table")
    parser.add_argument("--per-size", type=int, help="files per size (default 4; --quick 2)")
    parser.add_argument("--big-factor", type=int, default=10, help="the memory run has this many times the batch (default 10)")
    parser.add_argument("--big-budget-min", type=float, default=45, help="largest expected duration of the large memory run, in minutes (default 45)")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    parser.add_argument("--render-only", action="store_true", help="measure nothing: rewrite the section from Benchmarks/out/audit/results.json")
    args = parser.parse_args()
    if args.render_only:
        results = json.load(open(os.path.join(OUT, "results.json")))
        section = markdown(results)
        print(section)
        if not args.no_write:
            write_section(section)
        return
    count = args.count or (1000 if args.quick else 10000)
    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else ([10, 100, 1000, 2500] if args.quick else [10, 30, 100, 300, 1000, 2500, 5000])
    per_size = args.per_size or (2 if args.quick else 4)

    if not args.no_build:
        log("building fairlabel (release)")
        build()
    os.makedirs(OUT, exist_ok=True)
    facts = machine()
    corpus = os.path.join(OUT, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    log(f"generating {count} submissions")
    gen_seconds = generate(corpus, count=count)
    info = corpus_facts(corpus)
    log(f"{info['files']} files, {info['bytes'] / 1e6:.0f} MB, generated in {gen_seconds:.0f} s")
    names = sorted(f for f in os.listdir(corpus) if f.endswith(".xml"))

    log("xmllint --schema over the batch")
    lint = xmllint(corpus, names)
    log(f"xmllint: {lint['seconds']:.1f} s in {lint['processes']} process(es); every file valid")
    log("fairlabel --jobs 2 over the batch")
    two = fairlabel([corpus], 2, "batch-jobs2")
    log("fairlabel --jobs 1 over the batch")
    one = fairlabel([corpus], 1, "batch-jobs1")

    sized = os.path.join(OUT, "sizes")
    shutil.rmtree(sized, ignore_errors=True)
    log(f"generating size files {sizes} KB, {per_size} each")
    generate(sized, sizes=sizes, per_size=per_size)
    size_rows = size_sweep(sized, sizes, per_size)
    probe_kb = max([kb for kb in sizes if kb <= 1000] or sizes[:1])
    probe = os.path.join(sized, sorted(f for f in os.listdir(sized) if f.startswith(f"size-{probe_kb:05d}kb-"))[0])
    log(f"pack times on {os.path.basename(probe)}")
    packs = pack_times(probe)

    # Memory against the number of files: the same generator capped at LIGHT_SITES sites, N files and
    # big-factor x N files (as many as the budget allows), both with 2 jobs.
    light = os.path.join(OUT, "corpus-light")
    shutil.rmtree(light, ignore_errors=True)
    log(f"generating {count} submissions of at most {LIGHT_SITES} sites for the memory pair")
    generate(light, count=count, max_sites=LIGHT_SITES)
    light_names = sorted(f for f in os.listdir(light) if f.endswith(".xml"))
    mem_small = fairlabel([light], 2, f"memory-{count}")
    mem_small["files"] = count
    mem_small["bytes"] = sum(os.path.getsize(os.path.join(light, f)) for f in light_names)
    factor = args.big_factor
    while factor > 1 and mem_small["wall"] * factor / 60 > args.big_budget_min:
        factor -= 1
    big = None
    if factor > 1:
        log(f"generating {count * (factor - 1)} more for the {count * factor}-file memory run")
        generate(light, count=count * factor, start=count, max_sites=LIGHT_SITES)
        big = fairlabel([light], 2, f"memory-{count * factor}")
        big["files"] = count * factor
        big["bytes"] = sum(os.path.getsize(os.path.join(light, f)) for f in os.listdir(light) if f.endswith(".xml"))
    shutil.rmtree(light, ignore_errors=True)
    results = {"machine": facts, "count": count, "corpus": {k: v for k, v in info.items() if k != "intended"}, "generate_seconds": gen_seconds, "xmllint": lint,
               "jobs2": {k: v for k, v in two.items() if k != "decisions"}, "jobs1": {k: v for k, v in one.items() if k != "decisions"}, "sizes": size_rows,
               "memory_small": {k: v for k, v in mem_small.items() if k != "decisions"}, "packs": packs,
               "big": {k: v for k, v in big.items() if k != "decisions"} if big else None, "big_budget_min": args.big_budget_min, "big_factor": args.big_factor,
               "decisions": mix(info["intended"], two["decisions"]), "date": time.strftime("%Y-%m-%d")}
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    section = markdown(results)
    with open(os.path.join(OUT, "section.md"), "w") as f:
        f.write(section)
    print(section)
    if not args.no_write:
        write_section(section)


def mix(intended, decided):
    outcomes = ["granted", "granted on conditions", "withheld", "not auditable"]
    table = {i: dict.fromkeys(outcomes, 0) for i in ["clean", "major", "knockout", "thin"]}
    for name, story in intended.items():
        decision = decided.get(name)
        if decision in outcomes:
            table[story][decision] += 1
    totals = {o: sum(table[i][o] for i in table) for o in outcomes}
    return {"table": table, "totals": totals, "decided": len(decided)}


def fmt_s(seconds):
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"
    return f"{seconds:.1f} s" if seconds < 600 else f"{seconds / 60:.1f} min"


def num(x, digits=0):
    return f"{x:,.{digits}f}".replace(",", " ")


def markdown(r):
    m, c, two, one, lint = r["machine"], r["corpus"], r["jobs2"], r["jobs1"], r["xmllint"]
    n = r["count"]
    lines = ["<!-- audit:begin (written by Benchmarks/audit/run.py; do not edit by hand) -->", "## Batch audits (issue 6)", ""]
    lines.append(f"Command: `python3 Benchmarks/audit/run.py{'' if n == 10000 else f' --count {n}'}` (release build; inputs from "
                 f"`Benchmarks/audit/generate.py`, seed {SEED}; files under `Benchmarks/out/audit/`, kept out of git). It times "
                 f"`fairlabel audit DIR --out OUT --as-of {AS_OF} --jobs N --timings` (reports in the default formats, JSON and HTML, plus the three summaries) "
                 f"against `xmllint --noout --schema Schemas/submission.xsd` over the same files in one process (names passed relative to the corpus folder; "
                 f"{lint['processes']} process{'es' if lint['processes'] > 1 else ''} fit ARG_MAX). "
                 f"Machine: {m['cores']} cores ({m['cpu']}), {m['mem_gb']:.0f} GB, {m['arch']}, Linux {m['kernel']}; {m['swift']}; peer {m['xmllint']}; "
                 f"fairlabel built from `{m['commit']}`. Run on {r['date']}. Each figure is one wall-clock run of the whole command (start-up included) on a "
                 "shared machine, so figures are noisy (load averages below); ratios matter more than seconds.")
    lines += ["", f"### The batch: {num(n)} generated submissions", ""]
    lines.append(f"{num(c['files'])} files, {num(c['bytes'] / 1e6)} MB: median {c['median'] / 1024:.0f} KB, mean {c['mean'] / 1024:.0f} KB, 99th percentile "
                 f"{c['p99'] / 1024:.0f} KB, largest {c['max'] / 1e6:.1f} MB; {c['sites_min']} to {c['sites_max']} sites (median {c['sites_median']:.0f}); "
                 f"{c['sectors']} sectors (NACE), {c['countries']} home countries. Most firms report a handful of sites; the batch is the generator's "
                 f"whole mix, including its rare submissions of up to {MAX_SITES} sites (0.15 %). "
                 f"Generated in {r['generate_seconds']:.0f} s; every file is valid for xmllint, or the run stops.")
    d = r["decisions"]
    outcomes = ["granted", "granted on conditions", "withheld", "not auditable"]
    lines += ["", "Decisions fairlabel reached, by the outcome the generator aimed at (the base example and the fixture cases applied to it are in `manifest.tsv`):", "",
              "| intended | " + " | ".join(outcomes) + " | total |", "|---|" + "---:|" * (len(outcomes) + 1)]
    names = {"clean": "clean", "major": "major failures", "knockout": "knock-outs", "thin": "thin data"}
    for story, row in d["table"].items():
        lines.append(f"| {names[story]} | " + " | ".join(num(row[o]) for o in outcomes) + f" | {num(sum(row.values()))} |")
    total = sum(d["totals"].values()) or 1
    lines.append("| **all** | " + " | ".join(f"**{num(d['totals'][o])}** ({100 * d['totals'][o] / total:.0f} %)" for o in outcomes) + f" | **{num(total)}** |")

    lines += ["", "### Full audit against schema validation alone", "", "| command | wall | per file | CPU | peak memory | load before → after |", "|---|---:|---:|---:|---:|---|"]
    lines.append(f"| `xmllint --noout --schema` (1 process) | {fmt_s(lint['seconds'])} | {fmt_s(lint['seconds'] / n)} | – | – | – |")
    for run in (two, one):
        lines.append(f"| `fairlabel audit --jobs {run['jobs']}` | {fmt_s(run['wall'])} | {fmt_s(run['wall'] / n)} | {fmt_s(run['cpu'])} | {run['rss_mb']:.0f} MB | {run['load_before']} → {run['load_after']} |")
    lines += ["", f"fairlabel with 2 jobs takes **{two['wall'] / lint['seconds']:.1f}×** xmllint's time (1 job: {one['wall'] / lint['seconds']:.1f}×). "
              f"2 jobs give **{one['wall'] / two['wall']:.2f}×** the throughput of 1 ({n / two['wall']:.0f} against {n / one['wall']:.0f} submissions a second)."]

    lines += ["", "### Where the time goes (`--timings`, summed over submissions, 2 jobs)", "", "| stage | seconds | share | per file |", "|---|---:|---:|---:|"]
    busy = sum(two["stages"].values()) or 1
    for stage in STAGES:
        v = two["stages"][stage]
        lines.append(f"| {stage} | {v:.1f} | {100 * v / busy:.1f} % | {v / n * 1000:.2f} ms |")
    lines.append(f"| all | {busy:.1f} | 100 % | {busy / n * 1000:.2f} ms |")
    p = r["packs"]
    ordered = sorted(p["times"].items(), key=lambda kv: -kv[1])
    lines += ["", f"Each criteria pack alone (`fairlabel schematron PACK FILE --jobs 1`, whole command) on `{p['file']}` ({p['bytes'] / 1e6:.1f} MB): "
              + ", ".join(f"{name.replace('.sch', '')} {fmt_s(sec)}" for name, sec in ordered if "without" not in name)
              + f"; data-quality without the assertion FL-DATA-02.10 (`count(key('id', @id)) = 1`, which scanned the whole document for "
              f"every id before the packs used keys): {fmt_s(p['times']['data-quality-without-FL-DATA-02.10.sch'])}."]

    lines += ["", "### Time against document size (`--jobs 1`)", "",
              "Per file: fairlabel's stage timings summed (start-up excluded), and each whole command's wall time divided by its files (start-up included, "
              "which dominates at 10 KB); µs per KB from the stage sum.", "",
              "| size | files | sites | fairlabel per file, stages | fairlabel per file, wall | µs per KB | criteria share | xmllint per file, wall | fairlabel / xmllint (wall) | peak memory |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in r["sizes"]:
        per = row["bytes"] / row["files"]
        lines.append(f"| {num(per / 1024)} KB | {row['files']} | {num(row['sites'])} | {fmt_s(row['busy'] / row['files'])} | {fmt_s(row['wall'] / row['files'])} | "
                     f"{num(row['busy'] / (row['bytes'] / 1024) * 1e6)} | {100 * row['criteria'] / max(row['busy'], 1e-9):.0f} % | {fmt_s(row['xmllint'] / row['files'])} | "
                     f"{num(row['wall'] / max(row['xmllint'], 1e-9))}× | {row['rss_mb']:.0f} MB |")
    k = slope(r["sizes"], "busy")
    kx = slope(r["sizes"], "xmllint")
    lines += ["", f"Log-log slope of time per file against size from 100 KB up: **{k:.2f}** for fairlabel (1 is linear, 2 quadratic), {kx:.2f} for xmllint."]

    lines += ["", "### Peak memory (`/usr/bin/time -f %M`, 2 jobs)", ""]
    big, small = r["big"], r["memory_small"]
    mb = lambda value: f"{value:.0f} MB" if value else "–"
    phases = lambda run: f"{mb(run.get('rss_auditing_mb', 0))} | {mb(run.get('rss_summaries_mb', 0))}"
    lines += ["| run | files | data | wall | peak memory | sampled while auditing | sampled while writing the summaries |", "|---|---:|---:|---:|---:|---:|---:|",
              f"| the batch (mixed sizes, up to {MAX_SITES} sites) | {num(n)} | {num(c['bytes'] / 1e6)} MB | {fmt_s(two['wall'])} | **{two['rss_mb']:.0f} MB** | {phases(two)} |",
              f"| the batch, 1 job | {num(n)} | {num(c['bytes'] / 1e6)} MB | {fmt_s(one['wall'])} | {one['rss_mb']:.0f} MB | {phases(one)} |",
              f"| light mix (up to {LIGHT_SITES} sites) | {num(small['files'])} | {num(small['bytes'] / 1e6)} MB | {fmt_s(small['wall'])} | **{small['rss_mb']:.0f} MB** | {phases(small)} |"]
    if big:
        lines.append(f"| light mix, {big['files'] // small['files']}× as many files | {num(big['files'])} | {num(big['bytes'] / 1e6)} MB | {fmt_s(big['wall'])} | **{big['rss_mb']:.0f} MB** | {phases(big)} |")
    lines += ["", f"Memory against the number of files is measured on the light mix (the same generator, seed and story mix, capped at {LIGHT_SITES} sites), "
              f"because at this run's pace a {r['big_factor']}× run of the batch itself would take about {fmt_s(two['wall'] * r['big_factor'])}, most of it in the "
              f"few largest documents; the first {num(small['files'])} files of the larger run are those of the smaller one."
              + ("" if big else f" The larger run was left out: it would take over `--big-budget-min {r['big_budget_min']:.0f}` minutes.")
              + (f" Only {big['files'] // small['files']}× was run, not {r['big_factor']}×, to stay within `--big-budget-min {r['big_budget_min']:.0f}`."
                 if big and big['files'] < small['files'] * r['big_factor'] else "")
              + (f" From {num(small['files'])} to {num(big['files'])} files the peak grows by {(big['rss_mb'] - small['rss_mb']) * 1024 / (big['files'] - small['files']):.1f} KB "
                 f"per extra file; memory sampled while auditing grows by {(big.get('rss_auditing_mb', 0) - small.get('rss_auditing_mb', 0)) * 1024 / (big['files'] - small['files']):.1f} KB per file."
                 if big else "")]

    # Against the targets
    ratio = two["wall"] / lint["seconds"]
    speedup = one["wall"] / two["wall"]
    lines += ["", "### Against issue 6's targets (read from this run)", "", "| target | result |", "|---|---|"]
    lines.append(f"| full audit of {num(n)} generated submissions no slower than `xmllint --schema` alone | **{'met' if ratio <= 1 else 'not met'}**: "
                 f"{fmt_s(two['wall'])} against {fmt_s(lint['seconds'])}, {ratio:.1f}× xmllint's time with 2 jobs ({one['wall'] / lint['seconds']:.1f}× with 1) |")
    first, last = r["sizes"][0], r["sizes"][-1]
    mid = next((row for row in r["sizes"] if row["kb"] >= 100), first)
    upk = lambda row: row["busy"] / (row["bytes"] / 1024) * 1e6
    if math.isnan(k):
        lines.append("| time linear in document size | **not measured**: fewer than two sizes from 100 KB up |")
    else:
            lines.append(f"| time linear in document size | **{'met' if k <= 1.15 else 'not met'}**: slope {k:.2f} from 100 KB up; {num(upk(mid))} µs per KB at "
                     f"{num(mid['bytes'] / mid['files'] / 1024)} KB, {num(upk(last))} µs per KB at {last['bytes'] / last['files'] / 1e6:.1f} MB "
                     f"({upk(last) / upk(mid):.1f}× as much per KB) |")
    lines.append(f"| 2 jobs ≥ 1.8× the throughput of 1 | **{'met' if speedup >= 1.8 else 'not met'}**: {speedup:.2f}× on the {num(n)}-file batch |")
    mem_ok = two["rss_mb"] < 150
    if big:
        grow = big["rss_mb"] / small["rss_mb"]
        grow_ok = grow <= 1.05
        verdict = "met" if mem_ok and grow_ok else "not met"
        if verdict == "met" and (n < 10000 or big["files"] < 100000):
            verdict = "met at the sizes measured"
        lines.append(f"| peak memory below 150 MB for 10 000 files and no larger for 100 000 | **{verdict}**: {two['rss_mb']:.0f} MB for the {num(n)}-file batch; "
                     f"light mix {small['rss_mb']:.0f} MB for {num(small['files'])} files and {big['rss_mb']:.0f} MB for {num(big['files'])} ({grow:.2f}×; within 5 % counts as no larger) |")
    else:
        lines.append(f"| peak memory below 150 MB for 10 000 files and no larger for 100 000 | **{'met' if mem_ok else 'not met'} for {n} files; the larger run was not measured**: {two['rss_mb']:.0f} MB |")
    lines.append("<!-- audit:end -->")
    return "\n".join(lines) + "\n"


def write_section(section):
    path = os.path.join(ROOT, "BENCHMARKS.md")
    text = open(path).read() if os.path.exists(path) else "# Benchmarks\n\nFigures are written by the harnesses in `Benchmarks/`; each section names its command.\n\n"
    if "<!-- audit:begin" in text:
        text = re.sub(r"<!-- audit:begin.*?<!-- audit:end -->\n", lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n\n" + section
    open(path, "w").write(text)
    log(f"wrote the audit section of {path}")


# Helpers shared by the paired comparisons (throughput.py, values_read.py): one batch, two settings
# in alternating rounds, and a marked section of BENCHMARKS.md.

def comparison_arguments(description, count, rounds_help):
    """Parses --count, --rounds, --no-build and --no-write, and checks them."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=count, help=f"submissions in the batch (default {count:,})".replace(",", " "))
    parser.add_argument("--rounds", type=int, default=3, help=rounds_help)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    args = parser.parse_args()
    if args.count < 1 or args.rounds < 1:
        sys.exit("--count and --rounds must be at least 1")
    return args


def prepared_corpus(folder, count, no_build):
    """Builds fairlabel unless told not to, and generates (once) a batch of `count` submissions
    under `folder`; returns its path and its facts (without the intended outcomes)."""
    os.makedirs(folder, exist_ok=True)
    if not no_build:
        log("building fairlabel in release mode")
        build()
    corpus = os.path.join(folder, f"corpus-{count}")
    if not os.path.exists(os.path.join(corpus, "manifest.tsv")):
        shutil.rmtree(corpus, ignore_errors=True)
        log(f"generating {count} submissions")
        generate(corpus, count=count)
    facts = corpus_facts(corpus)
    facts.pop("intended", None)
    return corpus, facts


def write_marked_section(name, section, after=None):
    """Writes the marked section `name` of BENCHMARKS.md (see marked_section.py)."""
    path = marked_section.write_marked_section(name, section, after)
    log(f"wrote the {name} section of {path}")


if __name__ == "__main__":
    main()
