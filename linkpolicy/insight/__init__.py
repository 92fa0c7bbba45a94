"""Insight for people: site metrics (`stats`), per-page figures, graph export and the HTML report."""
