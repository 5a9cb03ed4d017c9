"""Who is asking: the client address as far as the configured proxies can be trusted."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address. With NUM_PROXIES = 0 (the default) only the socket's address counts:
    X-Forwarded-For is written by the client and never believed. Behind N trusted proxies, the
    address the outermost of them saw is the N-th from the right of X-Forwarded-For."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    proxies: int = settings.NUM_PROXIES
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-min(proxies, len(hops))] if hops else remote
