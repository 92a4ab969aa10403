"""Compile the gettext catalogs into the wheel (``.mo`` files are never committed)."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._tmp = tempfile.TemporaryDirectory()
        out = Path(self._tmp.name)
        for po in sorted(Path(self.root, "locales").glob("*/LC_MESSAGES/*.po")):
            lang = po.parent.parent.name
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=lang, abort_invalid=True)
            for message in list(catalog):  # as ccfacil.i18n.catalogs.drop_unfinished_plurals:
                # write_mo would fill an empty plural form with the English msgid
                if message.id and isinstance(message.string, (tuple, list)) and \
                        not all(message.string):
                    catalog.delete(message.id, context=message.context)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            target = out / lang / f"{po.stem}.mo"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(buffer.getvalue())
            build_data["force_include"][str(target)] = (
                f"ccfacil/_data/locales/{lang}/LC_MESSAGES/{po.stem}.mo")

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            tmp.cleanup()
