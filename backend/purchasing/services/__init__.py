"""Writes for purchase requests, one module a sub-domain (import from the module itself):

- ``coercion``: single values coerced from JSON or spreadsheet cells;
- ``lookups``: the category (by id, slug or HS code) and standards a request names;
- ``validation``: a request's values checked as a whole, the same for the API and spreadsheets;
- ``transitions``: status moves along REQUEST_TRANSITIONS, with their audit events;
- ``duplicates``: flagging requests that look like one need, merging or dismissing a flag;
- ``requests``: create, update and delete from the API;
- ``imports``: spreadsheet import and the import jobs a worker runs.

Within the package each module imports only those listed above it (a contract in
pyproject.toml). The one name re-exported here is the status move that matching calls from
another app, so that its import stays ``purchasing.services`` while matching's own module
is being split; new callers import ``purchasing.services.transitions``.
"""

from purchasing.services.transitions import purchase_request_transition

__all__ = ["purchase_request_transition"]
