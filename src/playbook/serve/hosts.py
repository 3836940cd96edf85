"""Which ``Host`` headers the preview server answers, and the addresses it can be reached at.

A page on another name whose DNS later points at this machine (DNS rebinding) must not read the
playbook, so a request is answered only for a name the server knows. Bound to loopback, that is
``localhost`` and its addresses. Bound beyond it (``--host 0.0.0.0``, a LAN address), a phone or a
remote dev box reaches it by an IP literal or by this machine's own name, and neither can be
rebound: a rebinding attack needs a name its author controls. Any other name has to be named with
``--allow-host`` (Vite's ``allowedHosts``); a leading dot allows a domain and its subdomains.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from typing import Iterable

from msgspec import Struct

from playbook.layout import LOCAL_HOSTS

# A Host header: a name or a bracketed IPv6 literal, and maybe a port.
HOST = re.compile(r"(\[[0-9a-f:.]+\]|[^\[\]:/@#?\s]+)(?::([0-9]{1,5}))?")
WILDCARDS = ("0.0.0.0", "::", "")  # bind addresses that listen on every interface


class HostPolicy(Struct, frozen=True):
    """The Host names a server answers: local names always; with ``exposed``, IP literals too;
    and ``names`` (exact) and ``domains`` (``.example.com``: it and every subdomain)."""

    exposed: bool = False
    names: frozenset[str] = frozenset()
    domains: tuple[str, ...] = ()

    def allows(self, host_header: str | None) -> bool:
        """Whether a request with this ``Host`` header may be answered."""
        if not host_header:
            return True  # HTTP/1.0 without Host: no name for a rebinding page to use
        match = HOST.fullmatch(host_header.strip().lower())
        if match is None or (match.group(2) is not None and not 0 < int(match.group(2)) < 65536):
            return False  # not a name and a port at all: no browser sends that
        name = match.group(1)
        if name in LOCAL_HOSTS or name.endswith(".localhost"):
            return True
        if self.exposed and _ip_literal(name):
            return True
        return name in self.names or any(name == d[1:] or name.endswith(d) for d in self.domains)


LOCAL_ONLY = HostPolicy()


def host_policy(bind: str, allowed: Iterable[str] = ()) -> HostPolicy:
    """Return the policy of a server bound to ``bind``, with the ``--allow-host`` names ``allowed``."""
    exposed = not is_loopback(bind)
    names = {name.lower().strip("[]") for name in allowed if not name.startswith(".")}
    domains = tuple(name.lower() for name in allowed if name.startswith(".") and len(name) > 1)
    if exposed:
        names |= machine_names()
        if bind not in WILDCARDS and not _ip_literal(bind):
            names.add(bind.lower())  # --host NAME: the name the server was asked to listen on
    return HostPolicy(exposed, frozenset(names), domains)


def is_loopback(bind: str) -> bool:
    """Whether an address to bind to reaches this machine only."""
    if bind in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(bind.strip("[]")).is_loopback
    except ValueError:
        return False


def machine_names() -> set[str]:
    """Return this machine's own names: its host name, its mDNS name and its fully qualified name."""
    host = socket.gethostname().lower()
    names = {host, f"{host}.local", socket.getfqdn().lower()} if host else set()
    return {name for name in names if name and name not in LOCAL_HOSTS}


def preview_urls(bind: str, port: int) -> tuple[str | None, list[str]]:
    """Return the Local URL (None when the server does not listen on loopback) and the Network
    URLs a server bound to ``bind`` on ``port`` answers at, as Vite prints them."""

    def url(address: str) -> str:
        return f"http://[{address}]:{port}/" if ":" in address else f"http://{address}:{port}/"

    if is_loopback(bind):
        return url(bind.strip("[]")), []
    if bind not in WILDCARDS:
        return None, [url(bind.strip("[]"))]
    local = "::1" if bind == "::" else "127.0.0.1"
    return url(local), [url(address) for address in network_addresses()]


def network_addresses() -> list[str]:
    """Return this machine's IPv4 addresses other than loopback: those of its name, and the one
    it routes from (a UDP socket's connect sends nothing)."""
    found: list[str] = []
    try:
        found += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    except OSError:
        pass
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: a route is chosen, no packet leaves
            found.append(probe.getsockname()[0])
    except OSError:
        pass  # no network at all
    return [a for a in dict.fromkeys(found) if not ipaddress.ip_address(a).is_loopback and a != "0.0.0.0"]


def _ip_literal(name: str) -> bool:
    """Whether ``name`` is an IP address written out: dotted-quad IPv4 or bracketed IPv6
    (``127.1`` and ``2130706433`` are not: the standard library refuses them, as it should)."""
    try:
        ipaddress.ip_address(name[1:-1] if name.startswith("[") and name.endswith("]") else name)
    except ValueError:
        return False
    return True
