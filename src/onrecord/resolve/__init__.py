"""resolve: map each attribution's source mention to a canonical speaker."""
from __future__ import annotations

from onrecord.resolve.assign import resolve_speakers  # noqa: F401
