"""A session: the anonymous record it leaves, the running session (phases, turns, clocks),
its revisions, schema and checks, resume after a crash.  Plain Python: never imports Textual."""
