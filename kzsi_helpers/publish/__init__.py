"""Publishing: the static HTML site with its search, the printable handouts and the student edition.

Modules: :mod:`~kzsi_helpers.publish.site` (the whole site), :mod:`~.site_languages` (the site's
languages, their switch and words), :mod:`~.site_pages` (one language's pages), :mod:`~.pages` (one
lesson's page), :mod:`~.site_maps` (one copy of Leaflet per site), :mod:`~.search` (the offline
search index), :mod:`~.handouts` and :mod:`~.pdf` (A4 pages and PDFs), :mod:`~.student` and
:mod:`~.student_edition` (the student edition), :mod:`~.report` and :mod:`~.report_files` (the class
report from handed-in lessons: it reads their check records and never runs their code). Templates
are in ``templates/`` beside them.
"""
