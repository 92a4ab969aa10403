"""ccfacil: run Club Courage peer-support sessions from a terminal."""

__version__ = "0.1.0"
