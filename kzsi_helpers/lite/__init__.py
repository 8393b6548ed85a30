"""The browser edition: the course as a static JupyterLite site that runs offline.

- :mod:`kzsi_helpers.lite.pyodide_dist`: the Pyodide files, fetched once and verified;
- :mod:`kzsi_helpers.lite.wheels`: the pure-Python wheels added to Pyodide (the course's own too);
- :mod:`kzsi_helpers.lite.build`: the site build (``python -m kzsi_helpers lite``);
- :mod:`kzsi_helpers.lite.lessons`: the lessons as the browser reads them (their language marked on
  every cell, the note in place of stored maps);
- :mod:`kzsi_helpers.lite.serve`: a local web server for it (``python -m kzsi_helpers serve``).
"""
