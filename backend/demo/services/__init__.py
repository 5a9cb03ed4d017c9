"""The demo data generator, one module a part of the data set (import from the module itself):

- ``data``: the fixed names, places and texts the generator draws from;
- ``context``: the random generator and reference data every step shares;
- ``parties``: vendors, buyers, their contacts and users, the demo staff account;
- ``products``: products and their certificates;
- ``requests``: purchase requests;
- ``seed``: ``demo_seed``, which runs the steps in order.

Within the package each module imports only those listed above it (a contract in pyproject.toml).
"""
