"""Partnerkit: a partnerships workbench for Wikimedians."""

__version__ = "0.1.0"
