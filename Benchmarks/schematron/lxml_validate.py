#!/usr/bin/env python3
"""The lxml peer: compile an ISO Schematron schema once with lxml.isoschematron, then validate
each file, building the SVRL report as lxml does (store_report=True). Prints the number of
failed asserts per file, so the runs can be compared with fairlabel's."""
import sys
from lxml import etree, isoschematron

schema = isoschematron.Schematron(etree.parse(sys.argv[1]), store_report=True)
SVRL = "{http://purl.oclc.org/dsdl/svrl}failed-assert"
for path in sys.argv[2:]:
    schema.validate(etree.parse(path))
    print(path, len(schema.validation_report.getroot().findall(SVRL)))
