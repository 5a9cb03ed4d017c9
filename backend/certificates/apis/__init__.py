"""HTTP for force-majeure certificates (/api/v1/certificates/…): one module per resource (applications
and their review, their evidence files, the certificates issued); the read shapes are in
certificates.serializers.

Members of a verified organisation apply and follow their applications; staff review them
in a queue ordered by time left; anybody may verify a certificate by its number (rate-limited).
"""
