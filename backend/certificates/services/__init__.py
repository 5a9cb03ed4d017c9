"""Writes for force-majeure applications and certificates, one module a sub-domain (import
from the module itself):

- ``applications``: the member's application, from draft to submitted;
- ``pdf_generation``: the certificate's PDF made by a worker, and beat's catch-up;
- ``decisions``: staff decisions (more information, reject, approve and issue) and revocation.

Within the package each module imports only those listed above it (a contract in pyproject.toml).
"""
