"""The data layer: the course's tables, loaded whole and checked, and what they say about sources and age.

Modules: :mod:`~kzsi_helpers.data.tables` (``load`` and the data package), :mod:`~.errors` (the
error and how it names file, line and column), :mod:`~.descriptor`, :mod:`~.schema` and
:mod:`~.rules` (the checks), :mod:`~.validate` and :mod:`~.cache` (Frictionless, once per
content), :mod:`~.sources` (citations), :mod:`~.freshness` (how old the facts are).
"""
