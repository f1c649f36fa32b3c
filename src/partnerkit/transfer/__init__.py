"""Import and export of partners, contacts and partnerships.

reading.py turns a CSV, XLSX or JSON file into a table; columns.py says which columns each
kind of record has and suggests a mapping; values.py reads single cells; matching.py decides
when two organisations are the same; planning.py builds the preview (errors, warnings,
duplicates and each row's action) without writing; services.py applies it through the
partners' and partnerships' services; exports.py writes the same columns back out.
"""
