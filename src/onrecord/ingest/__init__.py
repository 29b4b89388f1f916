"""ingest: turn paths, directories, stdin and URLs into :class:`InputItem` bytes.

Nothing here interprets the content beyond deciding text vs. HTML and decoding
bytes to text (:mod:`onrecord.ingest.decode`).  Errors are raised as
:class:`onrecord.errors.InputError` with a message that names the input.
"""
from onrecord.ingest.decode import decode_bytes  # noqa: F401
from onrecord.ingest.sources import InputItem, iter_inputs, read_input  # noqa: F401
