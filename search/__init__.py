"""MedMatch's search package: the only code that talks to the search engine.

Callers use the functions in ``search.engine`` (and, later, the document and
query builders); the raw client never leaves this package.
"""
