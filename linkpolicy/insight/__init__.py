"""Figures about the site as a whole, for people rather than for pass/fail."""
