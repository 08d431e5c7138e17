#!/usr/bin/env python3
"""Deterministic corpus of fairlabel submissions for the audit benchmark (issue 6), whose faults are
the criterion fixtures' edits (issue 13): one model of what breaks each criterion, not two.

Usage (from the repository root):
    python3 Benchmarks/audit/generate.py OUT [--count N] [--seed S] [--sizes KB,KB,...]
                                             [--per-size K] [--jobs J] [--max-sites M] [--check]

Writes into OUT:
  sub-NNNNNN.xml         N submissions (default 1000, 0 with --sizes unless --count is given) of a
                         realistic mix of sizes: most firms report a handful of sites (43-90 KB),
                         a tail of large groups report hundreds and a few up to 2 000 sites (~5 MB)
  size-KKKKKkb-NN.xml    with --sizes: K files (default 5) of about each size in KB, for the
                         time-against-size measurement; each size gets the same mix of stories
  manifest.tsv           one line per file: file, bytes, sites, sector (NACE or ISIC), country, the
                         intended outcome (clean, major, knockout, thin), the base example and the
                         fixture cases applied, as criterion#number (1-based position in cases.json)

How a submission is made (there is no second model of what breaks a criterion: the fixtures are it):
  1. Base. One of the examples in Schemas/examples is the base. Its own level is read from the
     fixtures: the worst severity among the cases of that base that fail with no edits (today
     Nordlys is clean; Hallbeck, Maple & Loom and Brightwell have majors; Southern Cross and Van
     Rijn knock-outs). Knock-outs go on any base with knock-out cases, the other outcomes on a
     clean base only (majors added to a base that has some already can push its score below the
     threshold for a label).
  2. Faults. For the intended outcome the `edits` ({find, replace} on the base text) of cases in
     Tests/AuditTests/Fixtures/criteria/cases.json of that base are applied. A case's severity is
     the `role` (in Schemas/criteria/*.sch) of the worst assertion it `fails`; for an
     `expect: not-evaluable` case, the role of its criterion's main assertion (the one whose id is
     the criterion's): missing data for a knock-out criterion makes the submission thin, for a
     major one it is a major finding. "knockout" applies a knock-out case, maybe a major one and
     a second knock-out; "major" one major case; "thin" one or two thin cases; "clean" none, or
     (three times in ten) one case that fails only minor assertions. At most one case a theme
     (FL-HOURS, FL-FEES...), and a case whose finds no longer match is passed over. The Swift
     tests and check-with-lxml.py hold every case to breaking the criterion it names.
  3. Size. The document is grown to its number of sites (or target size) by cloning the sites of
     the unedited base with everything that refers to them (audits, findings, corrective actions,
     grievance and remediation cases; risk ratings, servedSite and other one-line mentions) under
     fresh unique ids (suffix -C0001...); each clone gets its own name, street, postcode and a
     valid GLN (country, sector and workforce figures are kept, since the criteria read them).
     The edits are applied before cloning, so they land on the original (first) copy of a site,
     and a site an edit touched is never cloned (a pristine copy could heal the fault). A
     document is never smaller than its base (about 43 to 51 KB, 4 to 6 sites), so the smallest
     targets of --sizes give the base's size.

The same seed and arguments always give the same bytes (each file has its own random stream, so
files can be written in parallel). --check validates a sample with
`xmllint --noout --schema Schemas/submission.xsd` (one process) and exits 1 if any is invalid.
Python 3 standard library only.
"""
import argparse
import glob
import json
import math
import os
import random
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
XSD = os.path.join(ROOT, "Schemas/submission.xsd")
EXAMPLES = os.path.join(ROOT, "Schemas/examples")
CRITERIA = os.path.join(ROOT, "Schemas/criteria")
CASES = os.path.join(ROOT, "Tests/AuditTests/Fixtures/criteria/cases.json")
DEFAULT_SEED = 61420

OUTCOMES = {"clean": 33, "major": 33, "knockout": 20, "thin": 14}
LEVEL = {"clean": 0, "minor": 0, "thin": 1, "major": 2, "knockout": 3}
# Sites per submission: most firms report a handful, a tail of large groups hundreds, a few 2 000.
SITE_BANDS = [(45.0, 1, 4), (30.0, 5, 12), (17.0, 13, 40), (6.0, 41, 120), (1.5, 121, 300), (0.35, 301, 600), (0.15, 601, 2000)]
UNITS = ["Plant", "Unit", "Line", "Annex", "Works", "Yard", "Hall", "Depot", "Mill", "Shed", "Block", "Wing"]
STREETS = ["Industrial Road", "Harbour Street", "Factory Lane", "Station Road", "Canal Street", "Ring Road", "Export Zone Road", "Mill Lane"]


# ---------------------------------------------------------------------------------------------
# The fixtures: roles of assertions, the cases, the level of each base
# ---------------------------------------------------------------------------------------------


def assertion_roles():
    """Role of every assertion in the packs, by assertion id (from Schemas/criteria/*.sch)."""
    roles = {}
    pattern = re.compile(r'<sch:(?:assert|report)\b[^>]*?\bid="([^"]+)"[^>]*?\brole="([^"]+)"|'
                         r'<sch:(?:assert|report)\b[^>]*?\brole="([^"]+)"[^>]*?\bid="([^"]+)"', re.S)
    for path in sorted(glob.glob(os.path.join(CRITERIA, "*.sch"))):
        with open(path, encoding="utf-8") as handle:
            for m in pattern.finditer(handle.read()):
                aid, role = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
                roles[aid] = role
    return roles


def case_severity(case, roles):
    """What applying a case does: "knockout", "major", "minor", "thin" or None (passes, or a role not scored).

    A failing case counts as its worst failed assertion. A not-evaluable case (data missing) counts by the
    role of its criterion's main assertion (the one whose id is the criterion's): missing data for a knock-out
    criterion makes a submission thin (not auditable), for a major one it is a major finding."""
    if case["expect"] == "not-evaluable":
        main = roles.get(case["criterion"])
        return {"knockout": "thin", "major": "major", "minor": "minor"}.get(main)
    if case["expect"] != "fail":
        return None
    found = {roles.get(a) for a in case.get("fails") or []}
    if None in found or not found:
        return None
    if "knockout" in found:
        return "knockout"
    if "major" in found:
        return "major"
    if found <= {"minor"}:
        return "minor"
    return None


class Fixtures:
    """The cases by base and severity, and the base texts, loaded once per process."""

    def __init__(self):
        roles = assertion_roles()
        with open(CASES, encoding="utf-8") as handle:
            cases = json.load(handle)
        self.bases, self.level, self.by = {}, {}, {}
        for number, case in enumerate(cases):
            case["number"] = number + 1  # 1-based position in cases.json, named in the manifest
            severity = case_severity(case, roles)
            base = case["base"]
            self.level.setdefault(base, 0)
            if severity is None:
                continue
            if not case["edits"]:
                self.level[base] = max(self.level[base], LEVEL[severity])
            else:
                self.by.setdefault((base, severity), []).append(case)
        for base in sorted(self.level):
            with open(os.path.join(EXAMPLES, base), encoding="utf-8") as handle:
                self.bases[base] = handle.read()

    def bases_for(self, outcome):
        """Bases that have cases to reach the outcome and whose own level leaves it reachable: knock-outs go on
        any base, the other outcomes only on a clean one (majors added to a base that already has some can
        lower its score below the threshold for a label, which is then withheld)."""
        if outcome == "knockout":
            return [b for b in sorted(self.bases) if self.by.get((b, "knockout"))]
        need = {"clean": None, "major": "major", "thin": "thin"}[outcome]
        return [b for b in sorted(self.bases) if self.level[b] == 0 and (need is None or self.by.get((b, need)))]


_FIXTURES = None


def fixtures():
    global _FIXTURES
    if _FIXTURES is None:
        _FIXTURES = Fixtures()
    return _FIXTURES


def theme(case):
    """The theme of a case's criterion: FL-HOURS for FL-HOURS-02."""
    return case["criterion"].rsplit("-", 1)[0]


def apply_case(text, case):
    """The text with the case's edits applied, or None if any find no longer occurs as often as the case expects."""
    for edit in case["edits"]:
        if text.count(edit["find"]) != edit.get("count", 1):
            return None
        text = text.replace(edit["find"], edit["replace"])
    return text


def choose_faults(rng, outcome):
    """Severities of the cases to apply for the outcome, in order."""
    wanted = {"clean": ["minor"] if rng.random() < 0.3 else [],
              "major": ["major"],
              "knockout": ["knockout"] + (["major"] if rng.random() < 0.4 else []) + (["knockout"] if rng.random() < 0.2 else []),
              "thin": ["thin"] + (["thin"] if rng.random() < 0.3 else [])}
    return wanted[outcome]


# ---------------------------------------------------------------------------------------------
# Growing a document: sites of the base cloned with all that refers to them
# ---------------------------------------------------------------------------------------------

BLOCK_OPEN = re.compile(r"^    <([A-Za-z]+)\b([^>]*)>")
ATTR = re.compile(r'\b([A-Za-z]*(?:Ref|id))="([^"]*)"')


def blocks(lines):
    """Elements indented by four spaces: list of (tag, attrs dict, first line, last line)."""
    found, i = [], 0
    while i < len(lines):
        m = BLOCK_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        tag = m.group(1)
        attrs = dict(ATTR.findall(m.group(2)))
        end = i
        if not (lines[i].rstrip().endswith("/>") or f"</{tag}>" in lines[i]):
            close = f"    </{tag}>"
            end = i + 1
            while end < len(lines) and not lines[end].startswith(close):
                end += 1
        found.append((tag, attrs, i, end))
        i = end + 1
    return found


class Cloner:
    """Templates of each site of a base and of what refers to it, ready to be cloned under new ids."""

    def __init__(self, text):
        lines = text.split("\n")
        self.sites = []  # (site id, [(tag, block text)], [(anchor line, line text)])
        all_blocks = blocks(lines)
        for tag, attrs, first, last in all_blocks:
            if tag != "site" or "id" not in attrs:
                continue
            site = attrs["id"]
            group, ids = [("site", "\n".join(lines[first:last + 1]))], {site}
            taken = {first}
            changed = True
            while changed:
                changed = False
                for t, a, f, l in all_blocks:
                    if f in taken or t in ("site", "supplier", "labourAgency", "recruiter", "highRiskInput", "annex", "subsidiary"):
                        continue
                    refs = {v for k, v in a.items() if k.endswith("Ref")}
                    if refs & ids:
                        taken.add(f)
                        group.append((t, "\n".join(lines[f:l + 1])))
                        if "id" in a:
                            ids.add(a["id"])
                        changed = True
            # one-line mentions inside other blocks: risk ratings, servedSite of agencies and recruiters
            inner = [(ln, ln) for ln in lines if f'siteRef="{site}"' in ln and not BLOCK_OPEN.match(ln)
                     and re.match(r"^\s{6,}<(\w+)\b.*</\1>\s*$", ln)]
            self.sites.append((site, group, inner))

    def clone(self, rng, which, number):
        """Clone `which` (index into sites) as copy `number`: blocks by tag and inner lines after their anchors."""
        site, group, inner = self.sites[which]
        suffix = f"-C{number:04d}"
        ids = set()
        for _, body in group:
            ids.update(re.findall(r'\bid="([^"]+)"', body))
        rename = {i: (i[:64 - len(suffix)] + suffix) for i in ids}

        def renamed(body):
            return ATTR.sub(lambda m: f'{m.group(1)}="{rename.get(m.group(2), m.group(2))}"', body)

        out = []
        unit = f"{rng.choice(UNITS)} {number + 1}"
        for tag, body in group:
            body = renamed(body)
            if tag == "site":
                body = vary_site(rng, body, unit)
            out.append((tag, body))
        return out, [(anchor, renamed(line)) for anchor, line in inner]


def gln(rng, prefix):
    digits = (prefix + "".join(str(rng.randrange(10)) for _ in range(12)))[:12]
    weighted = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    return digits + str((10 - weighted % 10) % 10)


def vary_site(rng, body, unit):
    """Own name, street, postcode and GLN for a cloned site (sector, country and workforce kept: criteria read them)."""
    body = re.sub(r"(<name>)([^<]*)(</name>)", lambda m: f"{m.group(1)}{m.group(2)}, {unit}{m.group(3)}", body, count=1)
    body = re.sub(r"(<address><line>)([^<]*)(</line>)",
                  lambda m: f"{m.group(1)}{rng.randrange(1, 400)} {rng.choice(STREETS)}{m.group(3)}", body, count=1)
    body = re.sub(r"(<postalCode>)(\d+)(</postalCode>)",
                  lambda m: m.group(1) + str(rng.randrange(10 ** (len(m.group(2)) - 1), 10 ** len(m.group(2)))) + m.group(3),
                  body, count=1)
    body = re.sub(r"(<gln>)(\d{13})(</gln>)", lambda m: m.group(1) + gln(rng, m.group(2)[:3]) + m.group(3), body, count=1)
    return body


def grow(rng, pristine, text, n_sites=None, target_bytes=None):
    """The edited text with clones of the pristine base's sites added up to n_sites sites or about target_bytes."""
    cloner = Cloner(pristine)
    have = len(cloner.sites)
    # Sites an edit touched are not cloned: a pristine copy could heal the fault (a supplier's only site
    # without an activity gains a sibling with one) or dilute it.
    order = [i for i, (_, group, inner) in enumerate(cloner.sites)
             if all(body in text for _, body in group) and all(line in text for line, _ in inner)]
    if not order:
        return text, have
    by_tag, inner_after = {}, {}
    size = len(text.encode("utf-8"))
    number, total = 0, have
    while True:
        if n_sites is not None and total >= n_sites:
            break
        if target_bytes is not None and size >= target_bytes:
            break
        if n_sites is None and target_bytes is None:
            break
        if number % len(order) == 0:
            rng.shuffle(order)
        group, inner = cloner.clone(rng, order[number % len(order)], number + 1)
        for tag, body in group:
            by_tag.setdefault(tag, []).append(body)
            size += len(body.encode("utf-8")) + 1
        for anchor, line in inner:
            inner_after.setdefault(anchor, []).append(line)
            size += len(line.encode("utf-8")) + 1
        number += 1
        total += 1
    if not number:
        return text, total
    lines = text.split("\n")
    last = {}
    for tag, _, first, end in blocks(lines):
        last[tag] = end
    insert = {}
    for tag, bodies in by_tag.items():
        if tag in last:
            insert.setdefault(last[tag], []).extend(bodies)
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if line in inner_after:
            out.extend(inner_after.pop(line))
        if i in insert:
            out.extend(insert[i])
    return "\n".join(out), total


# ---------------------------------------------------------------------------------------------
# One document
# ---------------------------------------------------------------------------------------------


def weighted(rng, table):
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


def sites_for(rng, max_sites):
    bands = [(w, lo, min(hi, max_sites)) for w, lo, hi in SITE_BANDS if lo <= max_sites]
    band = rng.choices(bands, weights=[b[0] for b in bands])[0]
    return int(round(math.exp(rng.uniform(math.log(band[1]), math.log(band[2] + 0.49)))))


def make_document(seed, kind, index, n_sites=None, outcome=None, target_bytes=None, max_sites=2000):
    """Returns (text, sites, outcome, cases applied, nace, country). Deterministic in its arguments."""
    fx = fixtures()
    rng = random.Random(f"{seed}:{kind}:{index}")
    if outcome is None:
        outcome = weighted(rng, OUTCOMES)
    if n_sites is None and target_bytes is None:
        n_sites = sites_for(rng, max_sites)
    base = rng.choice(fx.bases_for(outcome))
    pristine = text = fx.bases[base]
    applied = []
    for severity in choose_faults(rng, outcome):
        candidates = list(fx.by.get((base, severity), []))
        rng.shuffle(candidates)
        for case in candidates:
            # one case a theme (criteria of a theme share its score), each case once
            if any(theme(case) == theme(c) for c in applied):
                continue
            edited = apply_case(text, case)
            if edited is not None and edited != text:
                text = edited
                applied.append(case)
                break
    text, sites = grow(rng, pristine, text, n_sites, target_bytes)
    nace = re.search(r"<(?:naceCode|isicCode)[^>]*>([^<]+)<", text)
    country = re.search(r"<organisation>.*?<country>([A-Z]{2})</country>", text, re.S)
    faults = [f"{c['criterion']}#{c['number']}" for c in applied]
    return text, sites, outcome, [base] + faults, nace.group(1) if nace else "", country.group(1) if country else ""


def write_one(job):
    out, name, seed, kind, index, n_sites, outcome, target, max_sites = job
    text, n, outcome, faults, nace, country = make_document(seed, kind, index, n_sites, outcome, target, max_sites)
    data = text.encode("utf-8")
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    return f"{name}\t{len(data)}\t{n}\t{nace}\t{country}\t{outcome}\t{faults[0]}\t{' '.join(faults[1:])}"


def check(out, files, sample):
    """Validate a sample (every file if sample is 0) with one xmllint process; returns the invalid ones."""
    files = sorted(files)
    if sample and len(files) > sample:
        step = len(files) / sample
        chosen = [files[int(i * step)] for i in range(sample)]
        largest = sorted(files, key=lambda f: -os.path.getsize(os.path.join(out, f)))[:5]
        files = sorted(set(chosen) | set(largest))
    result = subprocess.run(["xmllint", "--noout", "--schema", XSD, *files], cwd=out, capture_output=True, text=True)
    valid = sum(1 for line in result.stderr.splitlines() if line.endswith(" validates"))
    invalid = [line for line in result.stderr.splitlines() if line.endswith(" fails to validate")]
    errors = [line for line in result.stderr.splitlines() if not line.endswith(" validates") and not line.endswith(" fails to validate")]
    return len(files), valid, invalid, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=None, help="number of mixed submissions (default 1000; 0 with --sizes)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--start", type=int, default=0,
                        help="write only the mixed submissions from this index on (the others are the same as in a smaller run)")
    parser.add_argument("--max-sites", type=int, default=2000, help="leave out the size bands above this many sites (default 2000: none)")
    parser.add_argument("--sizes", default="", help="comma-separated target sizes in KB, e.g. 10,100,1000,5000")
    parser.add_argument("--per-size", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--check", action="store_true", help="validate a sample with xmllint --schema; exit 1 if any is invalid")
    parser.add_argument("--check-sample", type=int, default=300, help="files to validate with --check (0: all)")
    args = parser.parse_args()
    count = args.count if args.count is not None else (0 if args.sizes else 1000)
    os.makedirs(args.out, exist_ok=True)
    jobs = []
    width = max(6, len(str(count)))
    for i in range(args.start, count):
        jobs.append((args.out, f"sub-{i + 1:0{width}d}.xml", args.seed, "mix", i, None, None, None, args.max_sites))
    story = ["clean", "major", "knockout", "thin", "clean", "major"]
    for kb in [int(x) for x in args.sizes.split(",") if x.strip()]:
        for k in range(args.per_size):
            jobs.append((args.out, f"size-{kb:05d}kb-{k + 1:02d}.xml", args.seed, f"size{kb}", k, None, story[k % len(story)], kb * 1024, 2400))
    if args.jobs > 1 and len(jobs) > 8:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            lines = list(pool.map(write_one, jobs, chunksize=16))
    else:
        lines = [write_one(j) for j in jobs]
    with open(os.path.join(args.out, "manifest.tsv"), "w") as f:
        f.write("file\tbytes\tsites\tnace\tcountry\tintended\tbase\tcases applied (criterion#case number in cases.json)\n")
        f.write("\n".join(lines) + "\n")
    total = sum(int(line.split("\t")[1]) for line in lines)
    print(f"wrote {len(lines)} submissions ({total / 1e6:.1f} MB) and manifest.tsv to {args.out}")
    if args.check:
        names = [line.split("\t")[0] for line in lines]
        checked, valid, invalid, errors = check(args.out, names, args.check_sample)
        print(f"xmllint --schema on {checked} of {len(names)} files: {valid} valid, {len(invalid)} invalid")
        for line in errors[:20]:
            print("  " + line)
        if invalid or valid != checked:
            sys.exit(1)


if __name__ == "__main__":
    main()
