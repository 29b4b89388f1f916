"""onrecord: who said what, to or about whom, when — from news and commentary pages."""
from onrecord.model import Record  # noqa: F401

__version__ = "0.1.0"


def analyze(text_or_path, content_type=None):
    """Analyze one document (path, URL or text) → :class:`~onrecord.model.Record`.

    A string that looks like a path but names no file is an error; see analyze_text."""
    from onrecord.pipeline import analyze as _analyze

    return _analyze(text_or_path, content_type=content_type)


def analyze_text(text, content_type=None):
    """Analyze ``text`` itself, never read as a path or URL → :class:`~onrecord.model.Record`."""
    from onrecord.pipeline import analyze_text as _analyze_text

    return _analyze_text(text, content_type=content_type)


def analyze_many(inputs, jobs: int = 1, **kw):
    """Stream :class:`~onrecord.pipeline.Outcome` for many inputs (paths, URLs, InputItems)."""
    from onrecord.pipeline import analyze_many as _many

    return _many(inputs, jobs=jobs, **kw)


__all__ = ["Record", "analyze", "analyze_text", "analyze_many", "__version__"]
