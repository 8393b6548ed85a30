"""The course's languages: every word a reader sees in another language than English comes from here.

English is the source. Each other language is a set of gettext PO catalogues:

- ``kzsi_helpers/i18n/locale/<lang>/messages.po``: the helper package's own words (exercise
  feedback, hints, chart and map labels, the freshness line);
- ``kzsi_helpers/i18n/locale/<lang>/data.po``: the text columns of the data tables, keyed by
  table, row id and column;
- ``translations/<lang>/<lesson>.po`` (in the course folder): each lesson's Markdown, paragraph by
  paragraph, and the text inside its code cells.

Modules
-------
- ``language``: which language is in force (``KZSI_LANG``, or the lesson folder's name), and the
  languages the course ships.
- ``messages``: ``gettext`` (imported as ``_``) and ``N_`` for the helper package's words.
- ``formats``: dates and numbers as each language writes them, from CLDR (Babel).
- ``catalog``: reading and writing PO files, with errors that name the file and the line.
- ``invariants``: what a translation must keep (numbers, years, code spans, links, placeholders).
- ``datatext``: the data tables' text columns in the current language.
- ``lessons``: a lesson's catalogue from its Markdown and code, and a translated lesson from it.
- ``build``: ``translate`` (update the catalogues) and ``execute --lang`` (build and run a language).
"""
