"""Serving a stored upload over the API: private, never sniffed, sandboxed."""

from typing import Any

from django.http import FileResponse
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.views import APIView


# An endpoint whose success response is a stored file. (No docstring: the schema would show it
# as the description of every subclass that has none.)
class FileApi(APIView):
    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The success response is the file itself, whatever the client accepts; errors stay JSON.
        return super().perform_content_negotiation(request, force=True)


def file_response(field: Any, *, filename: str, content_type: str, inline: bool) -> FileResponse:
    """``field``'s file as a private download, or with ``inline`` a view that the web app's own
    pages may frame (callers pass ``inline`` only for PDFs and images whose content was checked
    on upload); 404 if the stored file is missing. Never sniffed, never cached, no scripts."""
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise exceptions.NotFound("The stored file is missing.") from exc
    response = FileResponse(handle, as_attachment=not inline, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    if inline:
        # Framed by our own pages only (the middleware's default is DENY). Chromium's PDF viewer
        # does not run in a sandboxed document, so PDFs get no `sandbox`; scripts stay off for
        # both kinds.
        response["X-Frame-Options"] = "SAMEORIGIN"
        sandbox = "" if content_type == "application/pdf" else "; sandbox"
        response["Content-Security-Policy"] = (
            f"default-src 'none'; img-src 'self'; frame-ancestors 'self'{sandbox}"
        )
    else:
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
