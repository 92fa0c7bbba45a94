"""Backlink exports reviewed against `domains.backlinks`, and the disavow file."""
