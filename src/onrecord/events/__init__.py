"""events: who did what to whom and when; cross-article analysis.

- :func:`extract_events` fills ``record.events`` (a pipeline stage, on the one parse);
- :mod:`.timex` resolves time expressions against the publication date;
- :mod:`.cross` works over many records: timeline, contradictions, network, duplicates.
"""
from onrecord.events.extract import ActionEvent, extract_events  # noqa: F401
