"""serve: the HTTP API and web UI over a store (``create_app``)."""
