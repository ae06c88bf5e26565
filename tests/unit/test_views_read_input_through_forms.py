"""Every user input is parsed by a Django form: no module under dashboard/views/ (nor anywhere else in
dashboard/ or webdpro/: middleware, template tags, context processors) reads ``request.POST`` or
``request.GET`` by hand (``.get``, ``.getlist``, ``[...]``, ``in``, ``.items()``, ``.copy()``, handing the
QueryDict to a service or a template, binding it to a name).

The walk is over the syntax tree (``ast``), so a read is found whatever its spacing or line breaks. A use of
``request.POST`` / ``request.GET`` (or ``self.request.…``, or ``getattr(request, "POST")``) is allowed only
where it is:

* the data of a form: the first positional argument, or ``data=``, of a call whose callee is a form class
  (its name ends in ``Form``: ``PayoutForm(request.POST)``, ``store_forms.SectionsForm(request.POST, …)``) or
  a function of a forms module (the callee's module name ends in ``forms``: ``store_forms.parse("theme",
  request.POST)``, a factory that picks the Form class of an editor card and binds it). ``request.POST or
  None`` in that place counts too.

No QueryDict-level use is let through, not even ``request.GET.urlencode()`` for a link back to the same list:
links are built from the form's cleaned values, so a link never carries a value the page did not accept.

Templates do not read ``request.GET`` / ``request.POST`` either: the view hands in cleaned values (``q``,
``is_first_page``…).

No module is exempt.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (ROOT / "dashboard", ROOT / "webdpro")
TEMPLATE_READ = re.compile(r"\brequest\.(?:GET|POST)\b")
QUERY_DICTS = {"POST", "GET"}


def _is_request(node: ast.AST) -> bool:
    """``request`` or ``<something>.request`` (``self.request`` in a class-based view)."""
    return (isinstance(node, ast.Name) and node.id == "request") or (
        isinstance(node, ast.Attribute) and node.attr == "request"
    )


def _query_dict_uses(tree: ast.AST):
    """Every node that stands for request.POST / request.GET: the attribute, or ``getattr(request, "POST")``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in QUERY_DICTS and _is_request(node.value):
            yield node
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) >= 2
            and _is_request(node.args[0])
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in QUERY_DICTS
        ):
            yield node


def _is_form_class(func: ast.AST) -> bool:
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name.endswith("Form")


def _is_forms_module_function(func: ast.AST) -> bool:
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id.endswith("forms")


def _is_form_data(node: ast.AST, parents: dict) -> bool:
    parent = parents.get(node)
    if isinstance(parent, ast.BoolOp) and isinstance(parent.op, ast.Or) and parent.values[0] is node:
        node, parent = parent, parents.get(parent)  # ``request.POST or None``
    if isinstance(parent, ast.keyword):
        return parent.arg == "data" and _is_form_class(getattr(parents.get(parent), "func", None))
    if not isinstance(parent, ast.Call) or node not in parent.args:
        return False
    return (_is_form_class(parent.func) and parent.args[0] is node) or _is_forms_module_function(parent.func)


def hand_reads(source: str) -> list[int]:
    """Line numbers of the reads of request.POST / request.GET that are not a form's data."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    return sorted(node.lineno for node in _query_dict_uses(tree) if not _is_form_data(node, parents))


def _modules() -> dict[str, list[int]]:
    files = sorted(path for package in PACKAGES for path in package.rglob("*.py"))
    assert sum("/views/" in path.as_posix() for path in files) > 20  # the walk found the view modules
    return {path.relative_to(ROOT).as_posix(): hand_reads(path.read_text(encoding="utf-8")) for path in files}


def test_views_read_request_post_and_get_only_through_forms():
    offenders = [f"{name}:{line}" for name, lines in _modules().items() for line in lines]
    assert not offenders, (
        "Parse the input with a Django form (SomeForm(request.POST), valid_data(form)), see dashboard/forms.py:\n"
        + "\n".join(offenders)
    )


def test_no_template_reads_the_query_string_or_the_post():
    found = [
        f"{path.relative_to(ROOT)}:{text[: m.start()].count(chr(10)) + 1}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for text in [path.read_text()]
        for m in TEMPLATE_READ.finditer(text)
    ]
    assert not found, "Hand the template a cleaned value from the view's form:\n" + "\n".join(found)


def test_the_template_check_sees_a_read():
    assert TEMPLATE_READ.search('{% if request.GET.cursor %}<a href="?q={{ request.GET.q }}">')
    assert not TEMPLATE_READ.search("{% if not is_first_page %}{{ request.user.name }}{{ request.path }}")


def test_the_guard_catches_hand_reads():
    source = """
def view(request):
    a = request.POST.get("plan", "")
    b = request.GET.getlist("ids")
    c = request.GET["q"]
    d = "x" in request.POST
    services.change_plan(request.POST)
    data = request.POST
    e = int(
        request.GET.get("size", "20")
    )
    f = getattr(request, "GET").get("q")
    g = self.request.POST.copy()
    h = Helper(request.POST)
    i = PlanForm(initial={"plan": request.GET.get("plan")})
    link = "?" + request.GET.urlencode()
    return render(request, "x.html", {"posted": request.POST})
"""
    assert hand_reads(source) == [3, 4, 5, 6, 7, 8, 10, 12, 13, 14, 15, 16, 17]


def test_the_guard_lets_form_data_through():
    source = """
def view(request):
    form = PlanForm(request.POST)
    filters = DeskFilterForm(request.GET).desk_filters()
    card = store_forms.parse("theme", request.POST)
    other = store_forms.SectionsForm(request.POST, kinds=[], auto_id="f-%s")
    maybe = PlanForm(request.POST or None)
    named = PlanForm(data=request.POST)
    data = valid_data(PauseForm(request.POST))
    method = request.method
"""
    assert hand_reads(source) == []
