"""HTTP for purchase requests (/api/v1/requests/): buyer members and staff only. One module per
resource (requests, their spreadsheet import, duplicate flags); the read shapes are in
purchasing.serializers.

Demand is private: vendors and anonymous visitors get 403/401, members of other
organisations get 404. No response carries anyone's contact details.
"""
