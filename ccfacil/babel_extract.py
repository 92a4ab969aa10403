"""Kept for the ``babel.extractors`` entry point and mapping files written before the
extractor moved to :mod:`ccfacil.i18n.babel_extract`."""

from ccfacil.i18n.babel_extract import extract_deck, extract_python  # noqa: F401
