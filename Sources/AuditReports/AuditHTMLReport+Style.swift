import Audit

extension AuditHTMLReport {
    /// The report's style sheet, written inline so that the page needs no other file: screen
    /// layout, the decision colours, the chart's colours, and print rules (A4, page breaks
    /// before the long sections, table headers repeated, nothing that only a background can
    /// show). It contains no `<` or `&`, so the page stays well-formed XML.
    package static let styleSheet = """
        :root {
          --ink: #17212b; --muted: #596473; --rule: #d6dce3; --soft: #f4f6f8; --accent: #1f3a5f;
          --granted: #1b6e2a; --granted-bg: #e8f4ea; --conditional: #8a5200; --conditional-bg: #fff3de;
          --withheld: #b3261e; --withheld-bg: #fdeceb; --na: #3d4a56; --na-bg: #eceff2;
          --missing: #4b3b8f; --missing-bg: #efebfa;
          --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
        }
        * { box-sizing: border-box; }
        html { color-scheme: light; }
        body { margin: 0; background: #e8ecf0; color: var(--ink);
          font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif; }
        .sheet { max-width: 1060px; margin: 24px auto; background: #fff; padding: 36px 48px 44px;
          box-shadow: 0 1px 4px rgba(15, 30, 50, 0.15); }
        h1 { font-size: 27px; line-height: 1.2; margin: 18px 0 4px; letter-spacing: -0.01em; }
        h2 { font-size: 15px; text-transform: uppercase; letter-spacing: 0.07em; color: var(--accent);
          border-bottom: 2px solid var(--accent); padding-bottom: 4px; margin: 34px 0 14px; }
        h3 { font-size: 15px; margin: 22px 0 8px; display: flex; align-items: center; gap: 10px; }
        p { margin: 0 0 8px; }
        a { color: var(--accent); }
        code, .mono { font-family: var(--mono); }
        .subtitle { color: var(--muted); margin: 0 0 18px; }
        .intro { color: var(--muted); margin: -6px 0 12px; }
        .none { color: var(--muted); font-style: italic; }
        .masthead { display: flex; justify-content: space-between; align-items: baseline; gap: 16px;
          font-size: 11.5px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.08em;
          border-bottom: 1px solid var(--rule); padding-bottom: 8px; }
        .masthead .brand { font-weight: 800; color: var(--accent); letter-spacing: 0.12em; }

        .decision { display: grid; grid-template-columns: 1fr auto; gap: 6px 28px; align-items: center;
          border: 2px solid var(--na); border-left-width: 12px; border-radius: 6px; padding: 18px 24px; margin: 0 0 22px; }
        .decision .kicker { font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.1em; color: var(--muted); font-weight: 700; }
        .decision .verdict { display: block; font-size: 32px; font-weight: 800; line-height: 1.15; text-transform: uppercase;
          letter-spacing: 0.01em; }
        .decision .rule { grid-column: 1 / -1; margin: 4px 0 0; font-size: 13.5px; }
        .decision .score { text-align: right; }
        .decision .score-number { font-size: 40px; font-weight: 800; line-height: 1; font-variant-numeric: tabular-nums; }
        .decision .score-of { font-size: 16px; color: var(--muted); font-weight: 600; }
        .decision-granted { border-color: var(--granted); background: var(--granted-bg); }
        .decision-granted .verdict { color: var(--granted); }
        .decision-conditional { border-color: var(--conditional); background: var(--conditional-bg); }
        .decision-conditional .verdict { color: var(--conditional); }
        .decision-withheld { border-color: var(--withheld); background: var(--withheld-bg); }
        .decision-withheld .verdict { color: var(--withheld); }
        .decision-not-auditable { border-color: var(--na); background: var(--na-bg); }
        .decision-not-auditable .verdict { color: var(--na); }

        .facts { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px 28px; margin: 0; }
        .facts div { border-top: 1px solid var(--rule); padding-top: 5px; }
        .facts dt { font-size: 11px; text-transform: uppercase; letter-spacing: 0.07em; color: var(--muted); }
        .facts dd { margin: 1px 0 0; font-weight: 600; overflow-wrap: anywhere; }

        .badge { display: inline-block; padding: 0 8px; border: 1px solid currentColor; border-radius: 10px;
          font-size: 11px; line-height: 18px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em;
          white-space: nowrap; vertical-align: 1px; }
        .badge-pass, .badge-passed { color: var(--granted); background: var(--granted-bg); }
        .badge-fail, .badge-failed, .badge-knockout, .badge-gate, .badge-major { color: var(--withheld); background: var(--withheld-bg); }
        .badge-knockout, .badge-gate { border-width: 2px; line-height: 16px; }
        .badge-minor { color: var(--conditional); background: var(--conditional-bg); }
        .badge-advisory, .badge-not-applicable { color: var(--na); background: var(--na-bg); }
        .badge-missing-data, .badge-not-evaluable { color: var(--missing); background: var(--missing-bg); }
        .count { color: var(--muted); font-weight: 600; font-size: 13px; }

        .alert { border: 2px solid var(--withheld); border-left-width: 10px; border-radius: 6px; padding: 14px 20px 16px;
          margin: 18px 0; background: var(--withheld-bg); }
        .alert h2 { border: 0; margin: 0 0 8px; padding: 0; color: var(--withheld); }
        .alert ul { margin: 0; padding-left: 20px; }
        .alert li { margin: 2px 0; }
        .referral { border-color: #7d1b16; }
        .referral .notice { font-weight: 600; }
        .referral .elements { display: grid; grid-template-columns: minmax(0, 1fr); gap: 10px; margin-top: 12px; }
        .referral .element { display: grid; grid-template-columns: 190px minmax(0, 1fr); gap: 4px 16px; background: #fff;
          border: 1px solid #e6b9b5; border-radius: 4px; padding: 8px 12px; }
        .referral .element-head p { margin: 0; }
        .referral h3 { margin: 0 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: 0.07em; color: var(--withheld); }
        .referral .element ul { padding-left: 16px; font-size: 12.5px; }
        .referral .element li { margin: 3px 0; overflow-wrap: anywhere; }
        .referral .caution { font-size: 12.5px; color: var(--muted); margin: 10px 0 0; }

        .steps { list-style: none; padding: 0; margin: 0; }
        .steps li { display: grid; grid-template-columns: 36px 120px 84px minmax(0, 1fr); gap: 12px; align-items: baseline;
          padding: 8px 0; border-bottom: 1px solid var(--rule); }
        .step-number { display: inline-block; width: 26px; height: 26px; line-height: 23px; text-align: center; border-radius: 50%;
          border: 1.5px solid var(--accent); color: var(--accent); font-weight: 800; font-size: 13px; }
        .step-name { font-weight: 700; }

        .chart { margin: 6px 0 18px; }
        .theme-chart { display: block; width: 100%; max-width: 860px; height: auto; font-family: inherit;
          print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        .theme-chart .label { font-size: 12.5px; fill: var(--ink); }
        .theme-chart .code { font-size: 13px; font-weight: 800; fill: var(--ink); }
        .theme-chart .value { font-size: 13px; font-weight: 800; fill: var(--ink); }
        .theme-chart .below-threshold { fill: #c62828; }
        .theme-chart .tick { font-size: 11px; fill: var(--muted); }
        .theme-chart .grid { stroke: #e2e7ed; stroke-width: 1; }
        .theme-chart .track { fill: #eef1f4; }
        .theme-chart .bar-granted { fill: #2e7d32; }
        .theme-chart .bar-conditional { fill: #d18b00; }
        .theme-chart .bar-below { fill: #c62828; }
        .theme-chart .bar-plain { fill: #4b6584; }
        .theme-chart .thresholds line { stroke-width: 2; stroke-dasharray: 5 4; }
        .theme-chart .thresholds text { font-size: 11.5px; font-weight: 700; }
        .theme-chart .threshold-granted line { stroke: #1b5e20; }
        .theme-chart .threshold-granted text { fill: #1b5e20; }
        .theme-chart .threshold-conditional line { stroke: #8a5200; }
        .theme-chart .threshold-conditional text { fill: #8a5200; }

        table { width: 100%; border-collapse: collapse; font-size: 13px; margin: 6px 0 12px; }
        th { text-align: left; font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted);
          border-bottom: 2px solid var(--ink); padding: 6px 8px; vertical-align: bottom; }
        td { border-bottom: 1px solid var(--rule); padding: 6px 8px; vertical-align: top; overflow-wrap: anywhere; }
        tbody tr:nth-child(even) td { background: #fafbfc; }
        tfoot td { font-weight: 800; border-top: 2px solid var(--ink); border-bottom: 0; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .nowrap { white-space: nowrap; }
        .id { font-family: var(--mono); font-size: 12.5px; white-space: nowrap; }
        .below { color: var(--withheld); font-weight: 700; }
        .small { font-size: 12px; color: var(--muted); }

        .criterion-card { border: 1px solid var(--rule); border-left: 6px solid var(--na); border-radius: 4px;
          padding: 10px 16px 12px; margin: 10px 0; }
        .criterion-card.group-gate, .criterion-card.group-knockout { border-left-color: var(--withheld); }
        .criterion-card.group-major { border-left-color: #e0625b; }
        .criterion-card.group-minor { border-left-color: #d18b00; }
        .criterion-card.group-missing-data { border-left-color: var(--missing); }
        .card-head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; margin-bottom: 4px; }
        .card-head .title { font-weight: 700; }
        .finding { margin: 8px 0; padding-left: 12px; border-left: 2px solid var(--rule); }
        .finding .message { margin: 0 0 2px; }
        .where { font-size: 12.5px; color: var(--muted); margin: 0; }
        .xpath { display: block; font-family: var(--mono); font-size: 11px; color: var(--muted); overflow-wrap: anywhere; }
        .meta { display: grid; grid-template-columns: 120px minmax(0, 1fr); gap: 3px 14px; margin: 10px 0 0; font-size: 12.5px; }
        .meta dt { color: var(--muted); font-weight: 700; }
        .meta dd { margin: 0; }

        .path { margin: 0; padding-left: 22px; }
        .path li { margin: 6px 0; }

        .problems li { margin: 8px 0; }
        .problems .hint { display: block; color: var(--muted); margin-top: 2px; }

        .provenance td:first-child { width: 14%; }
        .provenance td.digest { width: 52%; }
        .digest { font-family: var(--mono); font-size: 11.5px; overflow-wrap: anywhere; }

        .signoff { border: 1.5px solid var(--ink); border-radius: 6px; padding: 16px 22px 20px; margin-top: 16px; }
        .signoff h2 { margin-top: 4px; }
        .signoff p { font-size: 13px; }
        .signature-lines { display: grid; grid-template-columns: 2fr 2fr 1fr; gap: 28px; margin-top: 26px; }
        .signature-line { border-bottom: 1px solid var(--ink); height: 34px; }
        .signature-caption { font-size: 11px; text-transform: uppercase; letter-spacing: 0.07em; color: var(--muted); margin-top: 4px; }
        .checkbox { display: inline-block; width: 12px; height: 12px; border: 1.5px solid var(--ink); margin: 0 6px 0 14px;
          vertical-align: -1px; }
        footer { margin-top: 30px; padding-top: 10px; border-top: 1px solid var(--rule); font-size: 11.5px; color: var(--muted); }

        @page { size: A4; margin: 14mm 13mm 16mm; }
        @media print {
          body { background: none; font-size: 10pt; }
          .sheet { box-shadow: none; margin: 0; padding: 0; max-width: none; }
          .page-break { break-before: page; }
          h2 { margin: 20px 0 10px; }
          h2, h3 { break-after: avoid; }
          tr, .criterion-card, .finding, .knockouts, .referral .element, .signoff, .steps li, .chart, table.themes { break-inside: avoid; }
          .steps li { padding: 5px 0; }
          .theme-chart { max-width: 150mm; }
          thead { display: table-header-group; }
          tfoot { display: table-row-group; }
          table { font-size: 9pt; }
          a { color: inherit; text-decoration: none; }
        }
        @media (max-width: 720px) {
          .sheet { padding: 20px; }
          .facts, .referral .element { grid-template-columns: minmax(0, 1fr); }
          .steps li { grid-template-columns: 36px minmax(0, 1fr); }
        }
        """
}
