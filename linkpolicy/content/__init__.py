"""Readers for content files: front matter, Markdown links and anchors, heading slugs."""
