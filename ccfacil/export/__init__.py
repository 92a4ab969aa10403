"""Exports for coordinators: session summaries, period reports, DHIS2 payloads, merges.

Pure functions that the CLI (``ccfacil.commands.export``) and later the TUI share:

- ``summary.render(record, fmt, ...)``: one session as md, txt, csv or json;
- ``report.build(records, sites, start, end)`` and ``report.render(report, fmt, ...)``;
- ``dhis2.payload(report_or_records, mapping, ...)``: a DHIS2 dataValueSets payload;
- ``merge.plan(...)`` / ``merge.apply(...)``: bring other devices' json exports in;
- ``write_output(data, out_path)``: standard output, or a file written atomically.

Nothing here imports textual, and nothing writes free-text notes unless asked to.
"""

from __future__ import annotations

from ccfacil.export.output import write_output

__all__ = ["write_output"]
