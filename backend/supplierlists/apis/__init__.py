"""HTTP for supplier lists (/api/v1/supplier-lists/): staff only, except the claim of an invitation.
One module per resource (the lists and their rows, the review of possible matches, invitations and
their claim); the read shapes are in supplierlists.serializers.
"""
