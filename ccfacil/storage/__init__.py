"""Where sessions are kept: the repository protocol and its TinyDB implementation, the
crash-safe journal, recovery, the folder lock, the save policy, the settings file and the
site's referral text.
Plain Python: never imports Textual."""
