"""Getting data in and out (issue 7): plain functions over a ``Store``, called by the CLI and TUI.

- ``linkedin.import_linkedin``: LinkedIn's Connections.csv → contacts and clients;
- ``csv_import.import_csv``: contacts, deals or activities from a spreadsheet, mapped by header;
- ``json_io``: the whole database as versioned JSON (``write_json_export``) and back into an empty
  database (``import_json``), losslessly;
- ``csv_export.export_csv``: one CSV file per table, formulas neutralised;
- ``ics.build_calendar``: due activities as an iCalendar file;
- ``forget``: erase a contact's personal data for good.

Every import is one transaction (a crash leaves the database as it was), writes in bulk, and
reports progress through an optional ``progress(done, total)`` callback; files are read by
``reading`` and rows matched by ``directory``.
"""
