"""Reports: rendering only. Each module turns scanned items into one output format.

Every renderer is ``render(items, out) -> Tally``: it consumes ``(Record, Scan)``
results and input problems one at a time, in input order, and returns the counts
for the closing summary. Heavy renderers (html, terminal) are imported lazily by
the command line.
"""
