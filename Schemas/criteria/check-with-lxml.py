#!/usr/bin/env python3
"""Check the fairlabel criteria packs with lxml's ISO Schematron implementation.

A development tool for the packs in Schemas/criteria (it does not need the Swift build). It

1. lints every pack against the pack conventions of README.md (ids, roles, properties, the
   catalogue of 46 criteria, parameters as schema-level variables);
2. compiles every pack with lxml.isoschematron (the XSLT 1.0 skeleton) -- proof that the packs
   run unchanged under another ISO Schematron processor;
3. validates every example in Schemas/examples against Schemas/submission.xsd, runs all packs on
   it and prints, per example, the failed assertions by role and the status of each criterion;
   the good example (nordlys-outdoor.xml) must have no failed assertion;
4. runs every fixture case of Tests/AuditTests/Fixtures/criteria/cases.json: applies the textual
   edits to the base example, validates the result against the XSD, runs the packs and checks the
   expectation (pass, fail or not-evaluable).

Exit status: 0 when everything matches, 1 on any mismatch or convention error, 2 on a usage error.

Usage:
    python3 Schemas/criteria/check-with-lxml.py [--verbose] [--case N|ID ...] [--as-of YYYY-MM-DD]
        [--examples-only | --cases-only] [--quiet]

--as-of sets the packs' asOf parameter (the audit date) for the example runs (default: empty, so
the packs use each submission's date). Fixture cases run twice, with asOf empty (the submission
date) and with asOf = 2026-06-30 (the audit date of the Swift suite, Tests/AuditTests/
ExampleDecisionTests.swift); the expectation must hold both times. The good example must have no
failed assertion at either date.
"""

import argparse
import json
import os
import re
import sys
from collections import OrderedDict, defaultdict

try:
    from lxml import etree, isoschematron
except ImportError:  # pragma: no cover
    sys.stderr.write("check-with-lxml: lxml is not installed (pip install lxml)\n")
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
XSD = os.path.join(ROOT, "Schemas", "submission.xsd")
EXAMPLES = os.path.join(ROOT, "Schemas", "examples")
CASES = os.path.join(ROOT, "Tests", "AuditTests", "Fixtures", "criteria", "cases.json")
GOOD_EXAMPLE = "nordlys-outdoor.xml"
# Audit dates every fixture case is run at: "" = the submission date (the packs' default), and the
# audit date the Swift test suite uses.
CASE_AUDIT_DATES = ["", "2026-06-30"]

SCH = "http://purl.oclc.org/dsdl/schematron"
SVRL = "http://purl.oclc.org/dsdl/svrl"
NS = {"sch": SCH, "svrl": SVRL}

ROLES = ["knockout", "gate", "major", "minor", "advisory"]
FACTS = ["act", "children-in-hazardous-work"]
PROPERTY_ROLES_REQUIRED = ["title", "theme", "ilo-indicator", "legal-source", "guidance"]
PALERMO = {"act", "means"}
DIMENSIONS = {"involuntariness", "menace-of-penalty"}

# The catalogue of DOMAIN.md §6: criterion id -> (theme, pack file).
PACK_OF_THEME = OrderedDict([
    ("POL", "policy.sch"), ("REC", "recruitment.sch"), ("MOV", "movement.sch"), ("WAGE", "wages.sch"),
    ("HRS", "hours.sch"), ("CON", "contracts.sch"), ("DD", "due-diligence.sch"), ("GRM", "grievance.sch"),
    ("DQ", "data-quality.sch"),
])
CATALOGUE = OrderedDict()
for theme, ids in [
    ("POL", ["FL-POL-01", "FL-POL-02", "FL-POL-03", "FL-POL-04"]),
    ("REC", ["FL-FEES-01", "FL-FEES-02", "FL-FEES-03", "FL-FEES-04", "FL-FEES-05"]),
    ("MOV", ["FL-DOCS-01", "FL-DOCS-02", "FL-MOVE-01", "FL-MOVE-02", "FL-MOVE-03"]),
    ("WAGE", ["FL-WAGE-01", "FL-WAGE-02", "FL-WAGE-03", "FL-WAGE-04", "FL-DEBT-01", "FL-DEBT-02"]),
    ("HRS", ["FL-HOURS-01", "FL-HOURS-02", "FL-HOURS-03"]),
    ("CON", ["FL-CONT-01", "FL-CONT-02", "FL-CONT-03", "FL-COER-01", "FL-COER-02"]),
    ("DD", ["FL-DD-01", "FL-DD-02", "FL-DD-03", "FL-DD-04", "FL-DD-05", "FL-DD-06", "FL-DD-07"]),
    ("GRM", ["FL-GRIEV-01", "FL-GRIEV-02", "FL-REM-01"]),
    ("DQ", ["FL-DATA-01", "FL-DATA-02", "FL-DATA-03", "FL-DATA-04", "FL-DATA-05", "FL-DATA-06",
            "FL-DATA-07", "FL-DATA-08"]),
]:
    for cid in ids:
        CATALOGUE[cid] = theme

SEVERITY_ORDER = {"gate": 0, "knockout": 1, "major": 2, "minor": 3, "advisory": 4}


def criterion_of(assertion_id):
    return assertion_id.split(".", 1)[0]


def rel(path):
    return os.path.relpath(path, ROOT)


class Problems:
    def __init__(self):
        self.items = []

    def add(self, where, text):
        self.items.append("%s: %s" % (where, text))

    def __bool__(self):
        return bool(self.items)


# --------------------------------------------------------------------------------------------
# Packs: load, lint, compile


class Assertion:
    def __init__(self, aid, role, kind, pattern, pack, properties, line):
        self.id, self.role, self.kind, self.pattern, self.pack = aid, role, kind, pattern, pack
        self.properties, self.line = properties, line
        self.criterion = criterion_of(aid)
        self.is_data = aid.endswith(".data")


class Pack:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.tree = etree.parse(path)
        self.root = self.tree.getroot()
        self.assertions = OrderedDict()
        self.pattern_criterion = {}
        self.facts = set()
        self.good_practices = set()
        self.properties = {}
        self.parameters = OrderedDict()
        self.validator = None


def load_packs(problems):
    packs = []
    for theme, fname in PACK_OF_THEME.items():
        path = os.path.join(HERE, fname)
        if not os.path.exists(path):
            problems.add(fname, "pack is missing")
            continue
        try:
            pack = Pack(path)
        except etree.XMLSyntaxError as error:
            problems.add(fname, "not well-formed: %s" % error)
            continue
        lint_pack(pack, theme, problems)
        try:
            schematron = isoschematron.Schematron(pack.tree, store_xslt=True, store_report=True)
            pack.validator = etree.XSLT(schematron.validator_xslt)
        except (etree.SchematronParseError, etree.XSLTParseError, etree.XSLTApplyError) as error:
            problems.add(fname, "lxml cannot compile the pack: %s" % error)
            for entry in getattr(error, "error_log", []) or []:
                problems.add(fname, "  %s" % entry)
            continue
        packs.append(pack)
    return packs


def lint_pack(pack, theme, problems):
    root, where = pack.root, pack.name
    if root.tag != "{%s}schema" % SCH:
        problems.add(where, "root element is not sch:schema")
        return
    if root.get("queryBinding") != "xslt":
        problems.add(where, 'queryBinding must be "xslt"')
    if root.get("schemaVersion") != "1.0":
        problems.add(where, 'schemaVersion must be "1.0"')
    if root.find("sch:title", NS) is None:
        problems.add(where, "no sch:title")
    if not any(ns.get("prefix") == "s" and ns.get("uri") == "urn:fairlabel:submission:1"
               for ns in root.findall("sch:ns", NS)):
        problems.add(where, 'no <sch:ns prefix="s" uri="urn:fairlabel:submission:1"/>')
    for let in root.iter("{%s}let" % SCH):
        if let.get("value") is None:
            problems.add("%s:%d" % (where, let.sourceline), "sch:let %s has element content; use value=" % let.get("name"))
    for let in root.findall("sch:let", NS):
        pack.parameters[let.get("name")] = let.get("value")
    for rule in root.iter("{%s}rule" % SCH):
        context = rule.get("context") or ""
        if "$" in context or "current()" in context:
            problems.add("%s:%d" % (where, rule.sourceline), "rule context uses a variable or current(): %s" % context)
    for node in root.iter("{%s}assert" % SCH, "{%s}report" % SCH):
        if "{" in (node.get("test") or ""):
            problems.add("%s:%d" % (where, node.sourceline), "curly bracket in a test")
    for prop in root.iter("{%s}property" % SCH):
        pack.properties[prop.get("id")] = (prop.get("role"), " ".join("".join(prop.itertext()).split()))
    for pattern in root.findall("sch:pattern", NS):
        pid = pattern.get("id") or ""
        if pid == "trafficking-facts":
            lint_facts(pattern, pack, where, problems)
            continue
        if pid == "good-practices":
            lint_good_practices(pattern, pack, where, problems)
            continue
        match = re.match(r"^(FL-[A-Z]+-\d\d)-checks$", pid)
        if not match:
            problems.add("%s:%d" % (where, pattern.sourceline), 'pattern id "%s" is not "<criterion>-checks"' % pid)
            continue
        pack.pattern_criterion[pid] = match.group(1)
        for node in pattern.iter("{%s}assert" % SCH, "{%s}report" % SCH):
            kind = etree.QName(node).localname
            aid, role = node.get("id"), node.get("role")
            loc = "%s:%d" % (where, node.sourceline)
            if not aid:
                problems.add(loc, "%s without id" % kind)
                continue
            if not re.match(r"^FL-[A-Z]+-\d\d(\.(\d+|data))?$", aid):
                problems.add(loc, 'assertion id "%s" does not follow FL-XXX-NN[.N|.data]' % aid)
            if criterion_of(aid) != match.group(1):
                problems.add(loc, '%s is in the pattern of %s' % (aid, match.group(1)))
            if role not in ROLES:
                problems.add(loc, '%s: role "%s" is not one of %s' % (aid, role, ", ".join(ROLES)))
            if kind == "report" and role != "advisory":
                problems.add(loc, "%s: sch:report is for advisory observations only" % aid)
            if aid in pack.assertions:
                problems.add(loc, "duplicate assertion id %s" % aid)
            props = (node.get("properties") or "").split()
            pack.assertions[aid] = Assertion(aid, role, kind, pid, pack.name, props, node.sourceline)
    # properties of each assertion
    for a in pack.assertions.values():
        loc = "%s:%d" % (where, a.line)
        roles = defaultdict(list)
        for pid in a.properties:
            if pid not in pack.properties:
                problems.add(loc, "%s refers to undefined property %s" % (a.id, pid))
                continue
            prole, text = pack.properties[pid]
            roles[prole].append(text)
            if not pid.startswith(a.criterion + "-"):
                problems.add(loc, "%s refers to property %s of another criterion" % (a.id, pid))
        for required in PROPERTY_ROLES_REQUIRED:
            if not roles.get(required):
                problems.add(loc, "%s has no %s property" % (a.id, required))
        for required in ["title", "theme", "legal-source", "guidance"]:
            if len(roles.get(required, [])) > 1:
                problems.add(loc, "%s has %d %s properties" % (a.id, len(roles[required]), required))
        if roles.get("theme") and roles["theme"][0] != theme:
            problems.add(loc, "%s: theme property %s, pack theme %s" % (a.id, roles["theme"][0], theme))
        for ilo in roles.get("ilo-indicator", []):
            if not (re.match(r"^I(1[01]|[1-9]) \S", ilo) or ilo == "none"):
                problems.add(loc, '%s: ilo-indicator "%s" is not "I<n> <name>" or "none"' % (a.id, ilo))
        if "none" in roles.get("ilo-indicator", []) and theme != "DQ":
            problems.add(loc, "%s: ilo-indicator none is for data-quality criteria only" % a.id)
        for p in roles.get("palermo-element", []):
            if p not in PALERMO:
                problems.add(loc, '%s: palermo-element "%s" is not act or means' % (a.id, p))
        dimensions = roles.get("forced-labour-dimension", [])
        for d in dimensions:
            if d not in DIMENSIONS:
                problems.add(loc, '%s: forced-labour-dimension "%s" is not involuntariness or menace-of-penalty' % (a.id, d))
        if len(set(dimensions)) != len(dimensions):
            problems.add(loc, "%s names a forced-labour dimension twice" % a.id)
        if theme == "DQ" and CATALOGUE.get(a.criterion) == "DQ" and a.criterion in ("FL-DATA-01", "FL-DATA-02", "FL-DATA-07"):
            if a.role != "gate":
                problems.add(loc, "%s: gate criterion with role %s" % (a.id, a.role))
        if CATALOGUE.get(a.criterion) != theme:
            problems.add(loc, "%s is not a %s criterion of the catalogue" % (a.id, theme))


def lint_facts(pattern, pack, where, problems):
    """The trafficking rule's facts: reports with role "fact" and one trafficking-fact property."""
    for node in pattern.iter("{%s}assert" % SCH, "{%s}report" % SCH):
        loc = "%s:%d" % (where, node.sourceline)
        aid = node.get("id") or ""
        if etree.QName(node).localname != "report" or node.get("role") != "fact":
            problems.add(loc, '%s: a fact is an sch:report with role "fact"' % aid)
        if not re.match(r"^FACT-[A-Z]+-\d\d$", aid):
            problems.add(loc, 'fact id "%s" does not follow FACT-XXX-NN' % aid)
        kinds = [pack.properties.get(p, (None, None)) for p in (node.get("properties") or "").split()]
        if [k for k in kinds if k[0] == "trafficking-fact"] == [] or any(k[1] not in FACTS for k in kinds):
            problems.add(loc, "%s needs one trafficking-fact property: %s" % (aid, " or ".join(FACTS)))
        pack.facts.add(aid)


def lint_good_practices(pattern, pack, where, problems):
    """Good practices: reports with role "good-practice", noted and never scored."""
    for node in pattern.iter("{%s}assert" % SCH, "{%s}report" % SCH):
        loc = "%s:%d" % (where, node.sourceline)
        aid = node.get("id") or ""
        if etree.QName(node).localname != "report" or node.get("role") != "good-practice":
            problems.add(loc, '%s: a good practice is an sch:report with role "good-practice"' % aid)
        if not re.match(r"^GP-[A-Z]+-\d\d$", aid):
            problems.add(loc, 'good practice id "%s" does not follow GP-XXX-NN' % aid)
        pack.good_practices.add(aid)


def lint_across(packs, problems):
    seen = {}
    for pack in packs:
        ids = [("assertion", i) for i in pack.assertions] + [("property", i) for i in pack.properties] + \
              [("pattern", i) for i in pack.pattern_criterion]
        for kind, i in ids:
            if i in seen and seen[i] != pack.name:
                problems.add(pack.name, "%s id %s also used in %s" % (kind, i, seen[i]))
            seen[i] = pack.name
    present = defaultdict(list)
    for pack in packs:
        for a in pack.assertions.values():
            present[a.criterion].append(a)
    for cid in CATALOGUE:
        if cid not in present:
            problems.add("catalogue", "criterion %s has no assertion" % cid)
            continue
        main = [a for a in present[cid] if a.id == cid]
        if not main:
            problems.add("catalogue", "criterion %s has no main assertion with id %s" % (cid, cid))
            continue
        roles = {a.role for a in present[cid] if not a.is_data}
        for a in present[cid]:
            if a.is_data:
                worst = min(roles, key=lambda r: SEVERITY_ORDER.get(r, 9))
                if a.role != worst:
                    problems.add(a.pack, "%s has role %s, the criterion's most severe role is %s" % (a.id, a.role, worst))


# --------------------------------------------------------------------------------------------
# Running packs


class Result:
    """Outcome of all packs on one document."""

    def __init__(self):
        self.failed = []        # (assertion, message, location)
        self.reported = []      # advisory reports that fired
        self.fired = set()      # criteria with at least one fired rule

    def failed_ids(self):
        return {a.id for a, _, _ in self.failed} | {a.id for a, _, _ in self.reported}

    def status(self, cid):
        mine = [a for a, _, _ in self.failed + self.reported if a.criterion == cid]
        if any(a.is_data for a in mine):
            return "not-evaluable"
        if mine:
            return "fail"
        return "pass" if cid in self.fired else "not-applicable"


def run_packs(packs, doc, as_of=None):
    result = Result()
    params = {}
    if as_of:
        params["asOf"] = etree.XSLT.strparam(as_of)
    for pack in packs:
        svrl = pack.validator(doc, **params)
        current = None
        for node in svrl.getroot():
            tag = etree.QName(node).localname if isinstance(node.tag, str) else None
            if tag == "active-pattern":
                current = pack.pattern_criterion.get(node.get("id"))
            elif tag == "fired-rule" and current:
                result.fired.add(current)
            elif tag in ("failed-assert", "successful-report"):
                aid = node.get("id")
                if aid in pack.facts or aid in pack.good_practices:
                    continue
                a = pack.assertions.get(aid)
                if a is None:
                    raise RuntimeError("%s: SVRL names unknown assertion %s" % (pack.name, aid))
                text = " ".join("".join(node.find("svrl:text", NS).itertext()).split())
                (result.failed if tag == "failed-assert" else result.reported).append((a, text, node.get("location")))
    return result


def load_xsd():
    return etree.XMLSchema(etree.parse(XSD))


def xsd_errors(schema, doc):
    if schema.validate(doc):
        return []
    return ["line %d: %s" % (e.line, e.message) for e in schema.error_log]


# --------------------------------------------------------------------------------------------
# Examples


def short_location(location):
    """/*[local-name()='submission' …]/*[local-name()='site' …][3] -> /submission/site[3]"""
    return re.sub(r"\*\[local-name\(\)='([^']+)' and namespace-uri\(\)='[^']*'\]", r"\1", location or "")


def print_result(result, verbose, indent="  "):
    by_role = defaultdict(list)
    for a, text, loc in result.failed:
        by_role["not evaluable (%s)" % a.role if a.is_data else a.role].append((a, text, loc))
    for a, text, loc in result.reported:
        by_role["advisory"].append((a, text, loc))
    order = ["gate", "not evaluable (gate)", "knockout", "not evaluable (knockout)", "major",
             "not evaluable (major)", "minor", "not evaluable (minor)", "advisory", "not evaluable (advisory)"]
    if not by_role:
        print(indent + "no failed assertion, no advisory report")
    for role in order:
        if role not in by_role:
            continue
        ids = sorted({a.id for a, _, _ in by_role[role]}, key=sort_key)
        print("%s%-26s %s" % (indent, role + ":", " ".join(ids)))
        if verbose:
            for a, text, loc in by_role[role]:
                print("%s    %s  %s" % (indent, a.id, text))
                print("%s      at %s" % (indent, short_location(loc)))
    statuses = defaultdict(list)
    for cid in CATALOGUE:
        statuses[result.status(cid)].append(cid)
    print("%scriteria: %d pass, %d fail, %d not evaluable, %d not applicable" % (
        indent, len(statuses["pass"]), len(statuses["fail"]), len(statuses["not-evaluable"]),
        len(statuses["not-applicable"])))
    if statuses["not-applicable"] and verbose:
        print("%s  not applicable: %s" % (indent, " ".join(statuses["not-applicable"])))


def sort_key(aid):
    cid = criterion_of(aid)
    order = list(CATALOGUE).index(cid) if cid in CATALOGUE else 999
    return (order, aid)


def check_examples(packs, schema, args, problems):
    names = sorted(f for f in os.listdir(EXAMPLES) if f.endswith(".xml"))
    print("== Examples (%s)" % rel(EXAMPLES))
    for name in names:
        path = os.path.join(EXAMPLES, name)
        print("-- %s" % name)
        try:
            doc = etree.parse(path)
        except etree.XMLSyntaxError as error:
            problems.add(name, "not well-formed: %s" % error)
            print("  NOT WELL-FORMED: %s" % error)
            continue
        errors = xsd_errors(schema, doc)
        if errors:
            print("  INVALID against the XSD (criteria not run):")
            for e in errors[:10]:
                print("    " + e)
            problems.add(name, "invalid against submission.xsd")
            continue
        result = run_packs(packs, doc, args.as_of)
        print_result(result, args.verbose)
        if name == GOOD_EXAMPLE:
            for date in [args.as_of] + CASE_AUDIT_DATES:
                failed = run_packs(packs, doc, date).failed
                if failed:
                    problems.add(name, "the good example fails at audit date %s: %s" % (
                        date or "(submission date)", " ".join(sorted({a.id for a, _, _ in failed}))))
    print()


# --------------------------------------------------------------------------------------------
# Fixture cases


def apply_edits(text, edits, where, problems):
    for i, edit in enumerate(edits):
        find, replace, count = edit.get("find"), edit.get("replace"), edit.get("count", 1)
        if not isinstance(find, str) or not isinstance(replace, str) or not find:
            problems.add(where, "edit %d needs non-empty string find and string replace" % (i + 1))
            return None
        found = text.count(find)
        if found != count:
            problems.add(where, "edit %d: %r occurs %d times in the base, expected %d" % (i + 1, find[:80], found, count))
            return None
        text = text.replace(find, replace)
    return text


def check_cases(packs, schema, args, problems):
    print("== Fixture cases (%s)" % rel(CASES))
    try:
        with open(CASES, encoding="utf-8") as handle:
            cases = json.load(handle)
    except (OSError, ValueError) as error:
        problems.add(rel(CASES), "cannot read: %s" % error)
        return
    assertion_ids = {a.id for p in packs for a in p.assertions.values()}
    coverage = defaultdict(set)
    selected = set(args.case or [])
    passed = 0
    cache = {}
    for number, case in enumerate(cases, 1):
        cid = case.get("criterion")
        label = "case %d (%s, %s, %s)" % (number, cid, case.get("expect"), case.get("base"))
        if selected and str(number) not in selected and cid not in selected:
            continue
        ok = check_case(case, label, packs, schema, assertion_ids, cache, problems, args)
        if ok:
            passed += 1
            coverage[cid].add(case["expect"])
    if not selected:
        shown = set()
        for case in cases:
            if case.get("expect") == "fail":
                shown.update(case.get("fails") or [case.get("criterion")])
            elif case.get("expect") == "not-evaluable":
                shown.add("%s.data" % case.get("criterion"))
        unshown = sorted(assertion_ids - shown, key=sort_key)
        if unshown:
            print("note: no case shows these assertions failing: %s" % " ".join(unshown))
        for cid in CATALOGUE:
            kinds = coverage.get(cid, set())
            if "pass" not in kinds:
                problems.add("cases.json", "%s has no passing 'pass' case" % cid)
            if not kinds & {"fail", "not-evaluable"}:
                problems.add("cases.json", "%s has no passing 'fail' case" % cid)
    print("%d of %d cases as expected" % (passed, len(cases) if not selected else sum(
        1 for n, c in enumerate(cases, 1) if str(n) in selected or c.get("criterion") in selected)))
    print()


def check_case(case, label, packs, schema, assertion_ids, cache, problems, args):
    required = ["criterion", "base", "expect", "edits", "why"]
    missing = [k for k in required if k not in case]
    if missing:
        problems.add(label, "missing keys: %s" % ", ".join(missing))
        return False
    cid, expect = case["criterion"], case["expect"]
    if cid not in CATALOGUE:
        problems.add(label, "unknown criterion")
        return False
    if expect not in ("pass", "fail", "not-evaluable"):
        problems.add(label, 'expect must be pass, fail or not-evaluable')
        return False
    fails = case.get("fails") or [cid]  # as in the Swift suite: default is the criterion id
    if expect == "fail":
        for f in fails:
            if f not in assertion_ids or criterion_of(f) != cid:
                problems.add(label, "fails names %s, not an assertion of %s" % (f, cid))
                return False
    base = os.path.join(EXAMPLES, case["base"])
    if case["base"] not in cache:
        try:
            with open(base, encoding="utf-8") as handle:
                cache[case["base"]] = handle.read()
        except OSError as error:
            problems.add(label, "cannot read base: %s" % error)
            return False
    text = apply_edits(cache[case["base"]], case["edits"], label, problems)
    if text is None:
        return False
    try:
        doc = etree.fromstring(text.encode("utf-8")).getroottree()
    except etree.XMLSyntaxError as error:
        problems.add(label, "edited document is not well-formed: %s" % error)
        return False
    errors = xsd_errors(schema, doc)
    if errors:
        problems.add(label, "edited document is invalid against the XSD: %s" % "; ".join(errors[:3]))
        return False
    ok, why_not, mine = True, "", []
    for date in CASE_AUDIT_DATES:
        result = run_packs(packs, doc, date)
        mine = [(a, t, l) for a, t, l in result.failed + result.reported if a.criterion == cid]
        failed_ids = {a.id for a, _, _ in mine}
        data_failed = [a.id for a, _, _ in mine if a.is_data]
        when = " at audit date %s" % (date or "(submission date)")
        status = result.status(cid)
        if expect == "pass" and status != "pass":
            ok, why_not = False, "status %s%s (failed: %s)" % (status, when, " ".join(sorted(failed_ids)) or "nothing")
        elif expect == "fail":
            missing = [f for f in fails if f not in failed_ids]
            if status != "fail" or missing:
                ok, why_not = False, "status %s%s; %s did not fail (failed: %s)" % (
                    status, when, " ".join(missing) or "all listed", " ".join(sorted(failed_ids)) or "nothing")
        elif expect == "not-evaluable" and not data_failed:
            ok, why_not = False, "status %s%s, no .data assertion failed (failed: %s)" % (status, when, " ".join(sorted(failed_ids)) or "nothing")
        if not ok:
            break
    if ok:
        if args.verbose:
            print("ok   %s" % label)
            for a, t, _ in mine:
                print("       %s  %s" % (a.id, t))
    else:
        print("FAIL %s: %s" % (label, why_not))
        print("       why: %s" % case["why"])
        for a, t, _ in mine:
            print("       %s  %s" % (a.id, t))
        problems.add(label, why_not)
    return ok


# --------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="print every message and every case")
    parser.add_argument("--case", action="append", help="run only this case (1-based number or criterion id); repeatable")
    parser.add_argument("--as-of", help="audit date YYYY-MM-DD for the example runs (parameter asOf)")
    parser.add_argument("--examples-only", action="store_true")
    parser.add_argument("--cases-only", action="store_true")
    args = parser.parse_args()
    if args.as_of and not re.match(r"^\d{4}-\d{2}-\d{2}$", args.as_of):
        parser.error("--as-of needs YYYY-MM-DD")

    problems = Problems()
    packs = load_packs(problems)
    lint_across(packs, problems)
    count = sum(len(p.assertions) for p in packs)
    criteria = {a.criterion for p in packs for a in p.assertions.values()}
    print("== Packs: %d packs, %d assertions, %d of %d catalogue criteria; lxml %s, libxslt %s" % (
        len(packs), count, len(criteria & set(CATALOGUE)), len(CATALOGUE),
        ".".join(map(str, etree.LXML_VERSION[:3])), ".".join(map(str, etree.LIBXSLT_VERSION))))
    if problems:
        print("convention problems:")
        for p in problems.items:
            print("  " + p)
    print()
    schema = load_xsd()
    if not args.cases_only and not args.case:
        check_examples(packs, schema, args, problems)
    if not args.examples_only:
        check_cases(packs, schema, args, problems)
    if problems:
        print("== %d problem(s):" % len(problems.items))
        for p in problems.items:
            print("  " + p)
        return 1
    print("== All checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
