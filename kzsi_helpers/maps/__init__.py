"""Maps: offline, deterministic folium maps of the course's places, and distances on the Earth.

Modules: :mod:`~kzsi_helpers.maps.offline` (Leaflet inlined, stable ids, escaping),
:mod:`~.basemap` (``offline_map``: the world drawn from ``data/``), :mod:`~.markers` (one circle
per place, popups, legend), :mod:`~.places` (``memorial_map``, ``countries_map``), :mod:`~.geo`
(``distance_km``).
"""
