"""The method of "Partnerships for Wikimedians" as plain Python.

Nothing in this package imports Django: the catalogues and rules here are plain data and pure
functions, usable from a notebook or a script as well as from the web application.
"""
