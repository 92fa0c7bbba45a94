"""Signals: crawler hits from access logs, Search Console indexing and performance, and
analytics landing pages, joined to the link graph by normalised URL.

Data flows one way: ``sources`` recognises each file and streams it into a
:class:`~.collect.Collector` (one record per normalised URL, never per line), ``join``
maps those URLs onto the site's pages and clusters, and ``render`` prints the typed
:class:`~.model.SignalsResult`.
"""
