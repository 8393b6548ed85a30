"""Trade between Kazakhstan and Slovenia: the tables and charts of lessons 05-07, and the yearly importer.

Modules: :mod:`~kzsi_helpers.trade.tables` (balance, change, the mirror table),
:mod:`~.charts` (Kazakhstan's statistics), :mod:`~.compare` (charts that compare sources),
:mod:`~.formats` (reading Eurostat and Kazakh files), :mod:`~.amounts` (figures with separators),
:mod:`~.import_rows` (the rows an import adds) and :mod:`~.importer` (``import-trade``).
"""
