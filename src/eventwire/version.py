"""eventwire's version, in one place (the package, the CLI and the coder's version read it)."""

__version__ = "0.1.0"
