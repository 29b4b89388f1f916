"""resolve: map each attribution's source mention to a canonical speaker."""
from __future__ import annotations

from onrecord.resolve.speakers import resolve_speakers  # noqa: F401
