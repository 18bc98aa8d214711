"""The import layering, written down once: arrows point down the pipeline.

ground (model, errors, folding, geodesy) -> data (config, articles, gazetteer, store, sources) ->
stages (recognition, resolution, geometry, boundaries, incidents, in pipeline order) ->
outputs -> pipeline, scale-out, ingest, watch, evaluation -> CLI.

A module imports only from its own layer or the ones below. The data layer imports no
stage. A stage imports no later stage, and of an earlier stage only its package (what its
``__init__`` exports), never its internals. Every import counts, inside functions and
``TYPE_CHECKING`` blocks too: a circle dodged by a late import is still a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GEO = Path(__file__).resolve().parent.parent / "geo"

# Each layer's top-level parts of the ``geo`` package, lowest first.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("ground", ("geo", "geo.model", "geo.errors", "geo.folding", "geo.geodesy")),
    ("data", ("geo.config", "geo.articles", "geo.gazetteer", "geo.store", "geo.sources")),
    ("stages", ("geo.recognition", "geo.resolution", "geo.geometry", "geo.boundaries", "geo.incidents")),
    ("outputs", ("geo.outputs",)),
    ("runs", ("geo.pipeline", "geo.scaleout", "geo.ingest", "geo.watch", "geo.evaluation", "geo.event_evaluation")),
    ("cli", ("geo.cli", "geo.__main__")),
]
STAGES = LAYERS[2][1]


def _part(module: str) -> str:
    """The layer part a module belongs to: ``geo.resolution.context`` -> ``geo.resolution``."""
    parts = [p for _, ps in LAYERS for p in ps]
    return max((p for p in parts if module == p or module.startswith(p + ".")), key=len)


def _layer(module: str) -> int:
    part = _part(module)
    return next(i for i, (_, ps) in enumerate(LAYERS) if part in ps)


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(GEO.rglob("*.py")):
        rel = path.relative_to(GEO.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(module: str, path: Path) -> list[tuple[int, str]]:
    """(line, imported geo module) for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            # "from geo.recognition import components" imports a submodule
            found += [(node.lineno, f"{base}.{a.name}") for a in node.names if f"{base}.{a.name}" in MODULES]
    return [(line, name) for line, name in found if name == "geo" or name.startswith("geo.")]


MODULES = _modules()


def _violations(module: str, path: Path) -> list[str]:
    out = []
    mine, my_part = _layer(module), _part(module)
    for line, target in _imports(module, path):
        if target not in MODULES and target.rpartition(".")[0] in MODULES:
            target = target.rpartition(".")[0]  # "from geo.model import Place"
        theirs, their_part = _layer(target), _part(target)
        shown = path.relative_to(GEO.parent) if path.is_relative_to(GEO.parent) else path
        where = f"{shown}:{line} imports {target}"
        if theirs > mine:
            out.append(f"{where}: a later layer ({LAYERS[theirs][0]} above {LAYERS[mine][0]})")
        elif my_part in STAGES and their_part in STAGES and their_part != my_part:
            if STAGES.index(their_part) > STAGES.index(my_part):
                out.append(f"{where}: a later stage")
            elif target != their_part:
                out.append(f"{where}: another stage's internals (import from {their_part})")
    return out


def test_every_module_has_a_layer():
    for module in MODULES:
        assert _layer(module) >= 0


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_pipeline(module):
    assert _violations(module, MODULES[module]) == []


def test_the_check_sees_a_violation(tmp_path):
    """The check itself: an upward import, a late one inside a function, and a stage's
    internals are each caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from geo.outputs.webmap import build_map\n"
                   "from geo.resolution.context import Weights\n")
    found = _violations("geo.geometry.bad", bad)
    assert any("a later layer" in v for v in found)
    assert any("another stage's internals" in v for v in found)
    # Within its own stage a module may import any of its siblings.
    assert [v for v in _violations("geo.resolution.bad", bad) if "internals" in v] == []
