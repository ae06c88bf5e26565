"""``manage.py makemessages`` (``make messages``): Django's, plus the gettext calls made inside f-strings.

xgettext 0.21 reads an f-string as one plain string, so ``f"{_('Add to cart')}"`` would never reach the
catalogues and a re-extraction would drop msgids the pages still use (:mod:`webdpro.devtools.fstring_msgids`).
Each locale directory's POT file gets those entries too, before ``msguniq`` merges duplicates.
"""

from __future__ import annotations

import os

from django.core.management.commands import makemessages

from webdpro.devtools.fstring_msgids import pot_entries


class Command(makemessages.Command):
    def process_locale_dir(self, locale_dir, files):
        super().process_locale_dir(locale_dir, files)
        if self.domain != "django" or locale_dir is makemessages.NO_LOCALE_DIR:
            return
        extra = []
        for translatable in files:
            if translatable.file.endswith(".py"):
                path = os.path.normpath(translatable.path)
                with open(translatable.path, encoding="utf-8") as source:
                    entries = pot_entries(path.replace(os.sep, "/"), source.read())
                if entries:
                    extra.append(entries)
        if not extra:
            return
        potfile = os.path.join(locale_dir, f"{self.domain}.pot")
        if not os.path.exists(potfile):  # no plain gettext call in this directory's files: only ours
            with open(potfile, "w", encoding="utf-8") as pot:
                pot.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        with open(potfile, "a", encoding="utf-8") as pot:
            pot.write("\n" + "\n".join(extra))
