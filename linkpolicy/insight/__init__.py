"""Insight for people: site metrics (`stats`), per-page figures, graph export, the HTML report and
link velocity from git history."""
