"""HTTP layer for /api/v1/organizations/ (and registration under /api/v1/auth/register/): parse
input, call one service or selector, render output. One module per resource; the read shapes are in
organizations.serializers.

Who may see what is decided by organizations.selectors: anyone sees the public directory
(verified vendors, public fields only); an organisation's own members and staff also see its
contacts, documents and private fields. Nothing else ever renders a contact.
"""
