"""Languages: the active language and its catalogs (``runtime``, ``translation``), dates and
numbers (``fmt``), and the translators' tools (extract, update, check, review sheets, the Babel
extractor).  Kept empty so that importing one part does not load the others: start-up stays quick."""
