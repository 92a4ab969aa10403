"""Exports for coordinators: session summaries, period reports, DHIS2 payloads, merges.

Pure functions that the CLI (``ccfacil.commands.export``) and the TUI share:

- ``formats``: the registry of output formats (name, suffix, label, renderers, options);
  ``formats.render_session(name, record, options)`` and ``render_report(...)``;
- ``summary.render(record, fmt, ...)``: one session as md, txt, csv or json;
  ``sessionhtml.render(record, ...)``: as a page to look at or print;
- ``report.build(records, sites, start, end)``, then ``reporttext.render(report, fmt, ...)``;
  ``reporthtml.render(report, ...)``: with charts (inline SVG);
- ``dhis2.payload(report_or_records, mapping, ...)``: a DHIS2 dataValueSets payload;
- ``merge.plan(...)`` / ``merge.apply(...)``: bring other devices' json exports in;
- ``write_output(data, out_path)``: standard output, or a file written atomically.

Nothing here imports textual, and nothing writes free-text notes unless asked to.
"""

from __future__ import annotations

from ccfacil.export.output import write_output

__all__ = ["write_output"]
