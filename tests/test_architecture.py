"""The shape of the code: what the design promises and a reviewer cannot see at once."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from bounced import smtp

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bounced"

# DESIGN.md: parse, classify, policy and verp take data and return data.
PURE_MODULES = [
    "bounced/address.py",
    "bounced/classify.py",
    "bounced/classify/",
    "bounced/explain.py",
    "bounced/interchange.py",
    "bounced/notices.py",
    "bounced/pacing.py",
    "bounced/parse/",
    "bounced/policy.py",
    "bounced/reasons.py",
    "bounced/report.py",
    "bounced/signing.py",
    "bounced/verp.py",
]
IO_MODULES = {
    "aiosmtpd",
    "aiosmtplib",
    "asyncio",
    "fastapi",
    "httpx",
    "psycopg",
    "shutil",
    "smtplib",
    "socket",
    "sqlalchemy",
    "subprocess",
    "urllib.request",
}
# Synchronous SQLAlchemy calls that must never run on the event loop.
SYNC_DB_CALLS = {
    "begin",
    "begin_nested",
    "commit",
    "connect",
    "exec_driver_sql",
    "execute",
    "scalar",
    "scalars",
}


def _python_files(*prefixes: str) -> list[Path]:
    files = []
    for prefix in prefixes:
        path = ROOT / prefix
        if path.is_dir():
            files.extend(sorted(path.rglob("*.py")))
        elif path.exists():
            files.append(path)
    return files


def test_every_package_is_listed_in_pyproject():
    """Packages are listed, not discovered: a new one must be added to the list."""
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in PACKAGE.rglob("__init__.py")
        if "__pycache__" not in path.parts
    }
    found |= {"bounced.migrations", "bounced.migrations.versions"}

    assert listed == found


@pytest.mark.parametrize(
    "path", _python_files(*PURE_MODULES), ids=lambda p: str(p.relative_to(ROOT))
)
def test_pure_modules_import_no_io(path):
    """The functional core stays pure, so it is testable with data alone."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module)
    offending = {
        name
        for name in imported
        if name in IO_MODULES or name.split(".")[0] in IO_MODULES
    }

    assert offending == set()


def _sync_calls_in_async(tree: ast.AST) -> list[str]:
    found = []

    def visit(node: ast.AST, in_async: bool, awaited: set[int]) -> None:
        if isinstance(node, ast.AsyncFunctionDef):
            in_async = True
        elif isinstance(node, ast.FunctionDef | ast.Lambda):
            in_async = False  # a nested def is what run_in_executor runs
        if isinstance(node, ast.Await):
            awaited = awaited | {id(node.value)}
        if (
            in_async
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SYNC_DB_CALLS
            and id(node) not in awaited
        ):
            found.append(f"line {node.lineno}: .{node.func.attr}()")
        for child in ast.iter_child_nodes(node):
            visit(child, in_async, awaited)

    visit(tree, False, set())
    return found


@pytest.mark.parametrize(
    "path", _python_files("bounced/"), ids=lambda p: str(p.relative_to(ROOT))
)
def test_no_synchronous_database_call_runs_on_the_event_loop(path):
    """Inside `async def`, database work is handed to an executor, never called."""
    assert _sync_calls_in_async(ast.parse(path.read_text())) == []


def test_the_sync_call_check_can_fail():
    """The check above finds a blocking call when there is one."""
    tree = ast.parse(
        "async def f(engine):\n    with engine.begin() as c:\n        c.execute(1)\n"
    )

    assert _sync_calls_in_async(tree) == ["line 2: .begin()", "line 3: .execute()"]


REPLY_CONSTANTS = {
    name: value for name, value in vars(smtp).items() if name.startswith("REPLY_")
}


@pytest.mark.parametrize("name", sorted(REPLY_CONSTANTS))
def test_reply_constants_match_their_names_and_classes(name):
    """REPLY_550_... starts with 550, and its enhanced status is of the same class."""
    value = REPLY_CONSTANTS[name]
    code = re.match(r"REPLY_(\d{3})_", name)[1]
    assert value.startswith(code + " ")
    enhanced = re.match(r"\d{3} (\d)\.\d{1,3}\.\d{1,3} ", value)
    assert enhanced is not None, "every reply carries an enhanced status (RFC 3463)"
    assert enhanced[1] == code[0]


def test_every_api_router_is_registered_once():
    """A module of bounced/api/ that defines `router` is in ROUTERS, once."""
    import importlib

    from bounced.api import ROUTERS

    modules = [
        importlib.import_module(f"bounced.api.{path.stem}")
        for path in sorted((PACKAGE / "api").glob("*.py"))
        if path.stem != "__init__"
    ]
    defined = [m.router for m in modules if hasattr(m, "router")]

    assert len(defined) == len(ROUTERS)
    assert {id(r) for r in defined} == {id(r) for r in ROUTERS}
