"""Which URLs may be fetched: http and https only, and never a private, loopback, link-local,
multicast or reserved address unless the configuration allows it.

The host is resolved here and every address it resolves to is checked, so a public name that
points at 127.0.0.1 or at a cloud metadata address (169.254.169.254) is refused like the address
itself. The fetcher checks every redirect hop again.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

ALLOW_ENV_VAR = "FRONTWIRE_FETCH_ALLOW"
SCHEMES = ("http", "https")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedURL(ValueError):
    """A URL frontwire will not fetch; the message says why."""


def parse_networks(values: list[str] | str | None) -> tuple[Network, ...]:
    """``127.0.0.1``, ``10.0.0.0/8``, ``::1`` (one string may hold several, comma-separated)."""
    if isinstance(values, str):
        values = [values]
    networks = []
    for value in values or []:
        for part in value.split(","):
            if part.strip():
                try:
                    networks.append(ipaddress.ip_network(part.strip(), strict=False))
                except ValueError:
                    raise ValueError(f"not an IP address or network: {part.strip()!r}") from None
    return tuple(networks)


def _unmapped(address: Address) -> Address:
    # ::ffff:127.0.0.1 reaches 127.0.0.1: judge the IPv4 address it carries.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _forbidden_kind(address: Address) -> str | None:
    for kind in ("loopback", "link_local", "multicast", "private", "reserved", "unspecified"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    # Shared address space (100.64.0.0/10, carrier-grade NAT) is not "private" to Python, nor public.
    if not address.is_global:
        return "non-global"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """``allowed``: networks fetched even though they are not public (one's own mirror, a test server)."""
    allowed: tuple[Network, ...] = field(default_factory=tuple)

    @classmethod
    def from_config(cls, allow: list[str] | None = None) -> "AddressPolicy":
        """Networks named on the command line plus those of ``$FRONTWIRE_FETCH_ALLOW``."""
        return cls(parse_networks(allow) + parse_networks(os.environ.get(ALLOW_ENV_VAR)))

    def check(self, url: str) -> None:
        """Raise ``RefusedURL`` unless ``url`` is http(s) to a host whose every address may be fetched."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise RefusedURL(f"not a URL: {exc}") from None
        if parts.scheme.lower() not in SCHEMES:
            raise RefusedURL(f"scheme {parts.scheme or '(none)'!r} refused: only http and https are fetched")
        if not parts.hostname:
            raise RefusedURL("no host in the URL")
        if parts.username or parts.password:
            raise RefusedURL("credentials in the URL refused")
        for address in self.resolve(parts.hostname, port or (443 if parts.scheme.lower() == "https" else 80)):
            self.check_address(address, parts.hostname)

    def check_address(self, address: Address, host: str) -> None:
        address = _unmapped(address)
        if any(address in network for network in self.allowed):
            return
        kind = _forbidden_kind(address)
        if kind:
            shown = host if host == str(address) else f"{host} ({address})"
            raise RefusedURL(f"{shown} is a {kind} address: refused unless allowed "
                             f"(--allow-address or ${ALLOW_ENV_VAR})")

    @staticmethod
    def resolve(host: str, port: int) -> list[Address]:
        try:
            return [_unmapped(ipaddress.ip_address(host.strip("[]")))]
        except ValueError:
            pass
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise RefusedURL(f"cannot resolve {host}: {exc}") from None
        # A scoped IPv6 address comes back as fe80::1%eth0: the scope is not part of the address.
        return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
