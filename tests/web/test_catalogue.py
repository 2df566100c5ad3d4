"""Every text the office shows exists in Dutch: each message id used in a template or in the web
code has a translation in the Dutch catalogue."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

import waarborg.web

WEB = Path(waarborg.web.__file__).parent
SINGLE = re.compile(r"""(?<![A-Za-z_])_\(\s*"((?:[^"\\]|\\.)+)"|(?<![A-Za-z_])_\(\s*'((?:[^'\\]|\\.)+)'""")
PLURAL = re.compile(r'ngettext\(\s*"(.*?)",\s*"(.*?)"')


def _used_ids() -> set[str]:
    ids: set[str] = set()
    for path in [*WEB.rglob("*.html"), *WEB.rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        ids |= {a or b for a, b in SINGLE.findall(text)}
        ids |= {singular for singular, _ in PLURAL.findall(text)}
    return ids


def test_every_message_id_has_a_dutch_translation() -> None:
    with (WEB / "locale" / "nl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale="nl")
    translated = {
        (message.id[0] if isinstance(message.id, tuple) else message.id)
        for message in catalogue if message.id and message.string and all(message.string if isinstance(
            message.string, tuple) else [message.string])
    }
    used = _used_ids()
    assert len(used) > 150
    assert sorted(used - translated) == []
