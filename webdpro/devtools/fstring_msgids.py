"""The gettext calls inside f-string expressions, for the catalogues.

Views that build their rows as Python strings (``dashboard/views/owner/order_page.py``,
``dashboard/views/storefront/product_info.py`` …) call ``_("Add to cart")`` inside f-strings. xgettext 0.21,
which ``makemessages`` runs, reads an f-string as one plain string and never sees those calls, so a
``make messages`` would drop their msgids from every catalogue and the pages would fall back to English.
:func:`pot_entries` finds them with Python's own parser and writes them as POT entries, which
``dashboard/management/commands/makemessages.py`` adds to what xgettext found (``msguniq`` then merges the
two).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
PGETTEXT = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
PYTHON_FORMAT = re.compile(r"%(\([A-Za-z_]\w*\))?[sdif]")


@dataclass(frozen=True)
class Msgid:
    line: int
    msgid: str
    plural: str | None = None
    context: str | None = None


def _text(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _msgid(call: ast.Call) -> Msgid | None:
    name = getattr(call.func, "id", getattr(call.func, "attr", ""))
    texts = [_text(arg) for arg in call.args]
    if name in PGETTEXT:
        context, texts = (texts[0] if texts else None), texts[1:]
        if context is None:
            return None
    elif name in GETTEXT:
        context = None
    else:
        return None
    if not texts or not texts[0]:
        return None
    plural = texts[1] if name.startswith(("ngettext", "npgettext")) and len(texts) > 1 else None
    return Msgid(call.lineno, texts[0], plural, context)


def msgids(source: str) -> list[Msgid]:
    """Every gettext call with literal text in ``source``, wherever it is (the catalogue checks read these)."""
    found = {m for call in ast.walk(ast.parse(source)) if isinstance(call, ast.Call) and (m := _msgid(call))}
    return sorted(found, key=lambda m: (m.line, m.msgid))


def in_fstrings(source: str) -> list[Msgid]:
    """Every gettext call with literal text inside an f-string's ``{…}`` in ``source``, in line order."""
    found = set()
    for joined in (node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.JoinedStr)):
        for value in (v for v in joined.values if isinstance(v, ast.FormattedValue)):
            for call in (node for node in ast.walk(value) if isinstance(node, ast.Call)):
                msgid = _msgid(call)
                if msgid is not None:
                    found.add(msgid)
    return sorted(found, key=lambda m: (m.line, m.msgid))


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def pot_entries(path: str, source: str) -> str:
    """The POT entries (no header) of the f-string gettext calls of the file at ``path``."""
    out = []
    for m in in_fstrings(source):
        lines = [f"#: {path}:{m.line}"]
        if PYTHON_FORMAT.search(m.msgid) or (m.plural and PYTHON_FORMAT.search(m.plural)):
            lines.append("#, python-format")
        if m.context is not None:
            lines.append(f"msgctxt {_quoted(m.context)}")
        lines.append(f"msgid {_quoted(m.msgid)}")
        if m.plural is not None:
            lines += [f"msgid_plural {_quoted(m.plural)}", 'msgstr[0] ""', 'msgstr[1] ""']
        else:
            lines.append('msgstr ""')
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)
