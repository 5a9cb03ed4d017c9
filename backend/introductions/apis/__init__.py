"""HTTP for introductions (/api/v1/introductions/), notifications (/api/v1/notifications/)
and the staff dashboard (/api/v1/stats/), one module each; the introductions' read shapes are in
introductions.serializers.

An introduction is the one place where an organisation's contacts are shown to another
organisation: to the other party of an approved proposal (and to staff). Everyone else
gets 404 for it; notifications and stats never carry contacts.
"""
