"""Display reads: plain, portable SQL through a :class:`~pipeline_tui.store.reader.Reader`.

One module per noun (deals, activities, missions…). Each function takes the reader of the
caller's read transaction and returns typed rows: the domain's facts where the numbers need them,
else a frozen dataclass of the module. Nothing here imports SQLAlchemy: on a SQLite file at the
current schema these queries run through ``sqlite3`` alone (``store.reader``).
"""
