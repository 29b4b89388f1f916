"""events: who did what to whom and when; cross-article analysis.

- :func:`extract_events` fills ``record.events`` (a pipeline stage, on the one parse);
- :func:`attach_whom` fills each statement's addressee, channel, targets with stance and
  ``said_on`` (:mod:`.whom`);
- :mod:`.timex` resolves time expressions against the publication date;
- :mod:`.cross` works over many records: timeline, contradictions, network, duplicates.
"""
from onrecord.events.extract import ActionEvent, EventContext, extract_events  # noqa: F401
from onrecord.events.whom import attach_whom  # noqa: F401
