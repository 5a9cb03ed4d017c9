"""Writes for supplier lists, one module a step (import from the module itself):

- ``workers``: enqueueing the tasks after commit, and beat's catch-up of lost ones;
- ``uploads``: upload, parse and column mapping, and allowing a list's vendors to be matched;
- ``resolve``: resolving the rows against known organisations (create, merge, hold for review);
- ``review``: staff decisions on the rows held for review;
- ``claims``: claim invitations and the claim.

Within the package each module imports only those listed above it (a contract in pyproject.toml).
"""
