"""pipeline-tui: keep a lost client from becoming a lost income."""

__version__ = "0.1.0"
