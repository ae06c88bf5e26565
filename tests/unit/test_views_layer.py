"""Views orchestrate only: nothing under dashboard/views/ imports webdpro.db (models, plumbing or statuses),
not even inside a function. Reads go through the areas' selectors, writes through their services."""

from __future__ import annotations

import ast
from pathlib import Path

VIEWS = Path(__file__).resolve().parents[2] / "dashboard" / "views"


def _imported_modules(tree: ast.AST, package: str):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:  # ``from webdpro import db``
                yield node.lineno, f"{module}.{alias.name}"


def _touches_db(module: str) -> bool:
    return module == "webdpro.db" or module.startswith("webdpro.db.")


def test_no_view_module_imports_webdpro_db():
    offenders = []
    files = sorted(VIEWS.rglob("*.py"))
    assert len(files) > 20  # the walk found the view modules
    for path in files:
        package = ".".join(path.relative_to(VIEWS.parents[1]).with_suffix("").parts[:-1])
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for lineno, module in _imported_modules(tree, package):
            if _touches_db(module):
                offenders.append(f"{path.relative_to(VIEWS.parents[1])}:{lineno} imports {module}")
    assert not offenders, "Views must not import webdpro.db (use a selector or service):\n" + "\n".join(offenders)


def test_the_check_sees_every_way_of_importing_the_db():
    source = (
        "import webdpro.db\n"
        "from webdpro.db import Order\n"
        "from webdpro import db\n"
        "def f():\n    from webdpro.db.orders import OrderStatus\n"
    )
    found = [module for _, module in _imported_modules(ast.parse(source), "dashboard.views") if _touches_db(module)]
    assert {"webdpro.db", "webdpro.db.Order", "webdpro.db.orders"} <= set(found)
    assert len([m for m in found if m in ("webdpro.db", "webdpro.db.orders")]) >= 3
