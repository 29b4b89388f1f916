"""Which network addresses onrecord may fetch from (server-side request forgery guard).

A feed decides which links ``onrecord ingest`` fetches, and any server decides where
its redirects lead, so by default a fetch may reach only public addresses over
http(s).  Decided here:

- the scheme must be ``http`` or ``https``;
- every address a host name resolves to must be globally routable: loopback,
  private (RFC 1918, ULA), link-local (169.254/16, e.g. cloud metadata services),
  shared (100.64/10), multicast, reserved and unspecified addresses are refused,
  also when written as IPv4-mapped IPv6 or as a bare integer;
- the check runs on every request, so on every redirect, and again when the
  connection is opened: the socket connects to the very address that was checked
  (no second DNS lookup an attacker could answer differently).

``allow_private=True`` (``--allow-private``) lifts the address check, for a local
archive or an intranet feed; the scheme check stays.  Limit: through an HTTP proxy
(``HTTP(S)_PROXY``) the proxy resolves the name, so only the local resolution of
the target is checked.
"""
from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
from typing import Optional

import httpcore
import httpx

from onrecord.errors import OnrecordError

ALLOWED_SCHEMES = ("http", "https")
ALLOW_HINT = "use --allow-private to fetch from loopback or private networks"


class BlockedURL(OnrecordError):
    """A fetch was refused: the URL's scheme or address is not allowed."""


def address_is_public(ip: str) -> bool:
    """Whether ``ip`` is a globally routable unicast address."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    if addr.version == 6 and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    if addr.version == 6 and addr.sixtofour is not None:
        addr = addr.sixtofour
    return bool(addr.is_global) and not (addr.is_multicast or addr.is_reserved
                                         or addr.is_unspecified or addr.is_loopback
                                         or addr.is_link_local or addr.is_private)


def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (numeric hosts as themselves)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise httpx.ConnectError(f"cannot resolve {host!r}: {e}") from None
    out: list[str] = []
    for *_, sockaddr in infos:
        if str(sockaddr[0]) not in out:
            out.append(str(sockaddr[0]))
    return out


def check_host(host: str, port: int) -> str:
    """The first address of ``host`` if every address it resolves to is public."""
    addrs = resolve(host, port)
    bad = [a for a in addrs if not address_is_public(a)]
    if bad or not addrs:
        raise BlockedURL(f"refused to connect to {host} ({', '.join(bad) or 'no address'}): "
                         f"not a public address; {ALLOW_HINT}")
    return addrs[0]


def check_url(url: str | httpx.URL, allow_private: bool = False) -> None:
    """Raise :class:`BlockedURL` unless ``url`` may be fetched under this policy."""
    u = httpx.URL(str(url)) if not isinstance(url, httpx.URL) else url
    if u.scheme not in ALLOWED_SCHEMES:
        raise BlockedURL(f"refused to fetch {str(u)[:200]!r}: only http and https URLs are "
                         "fetched")
    if not u.host:
        raise BlockedURL(f"refused to fetch {str(u)[:200]!r}: the URL has no host")
    if not allow_private:
        check_host(u.host, u.port or (443 if u.scheme == "https" else 80))


class _GuardedBackend(httpcore.SyncBackend):
    """Opens TCP connections only to public addresses, to the address it checked."""

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        ip = check_host(host, port)
        return super().connect_tcp(ip, port, timeout=timeout, local_address=local_address,
                                   socket_options=socket_options)


@functools.lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    """One verifying TLS context for every client: loading the CA bundle costs 0.1-0.4 s of
    CPU, which a feed paid once per entry (a client is made per fetch)."""
    return httpx.create_ssl_context()


def guarded_client(allow_private: bool = False, timeout: Optional[float] = None,
                   headers: Optional[dict] = None) -> httpx.Client:
    """An httpx client that follows redirects and applies the policy to each hop."""
    transport = httpx.HTTPTransport(verify=_tls_context())
    if not allow_private:
        transport._pool._network_backend = _GuardedBackend()  # httpcore's documented hook

    def on_request(request: httpx.Request) -> None:
        check_url(request.url, allow_private)

    return httpx.Client(follow_redirects=True, timeout=timeout, headers=headers,
                        transport=transport, event_hooks={"request": [on_request]})
