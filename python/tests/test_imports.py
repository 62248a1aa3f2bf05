"""The package's modules import each other without a circle (issue 13)."""

import ast
import pathlib

import cipin


def _graph() -> dict[str, set[str]]:
    root = pathlib.Path(cipin.__file__).parent
    graph: dict[str, set[str]] = {}
    for path in root.glob("*.py"):
        if path.stem == "__init__":
            continue
        deps: set[str] = set()
        # Every import in the file, at module level or inside a function.
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.startswith("cipin."):
                    deps.add(node.module.split(".")[1])
                elif node.module == "cipin":
                    deps.update(alias.name for alias in node.names)
            elif isinstance(node, ast.Import):
                deps.update(a.name.split(".")[1] for a in node.names if a.name.startswith("cipin."))
        graph[path.stem] = deps
    return graph


def test_no_import_circle() -> None:
    graph = _graph()
    assert "_segmenter" in graph and "_tables" in graph
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(graph.get(m, ())):
            if state.get(d) == 1:
                raise AssertionError("import circle: " + " -> ".join([*path, m, d]))
            if d in graph and state.get(d) is None:
                visit(d, [*path, m])
        state[m] = 2

    for m in sorted(graph):
        if state.get(m) is None:
            visit(m, [])


def test_segmenter_methods_are_the_functions() -> None:
    seg = cipin.Segmenter()
    texts = ["我们发展经济，我们发展"]
    assert seg.frequency(texts).equals(cipin.frequency(texts, segmenter=seg))
    assert seg.segment(texts).equals(cipin.segment(texts, segmenter=seg))
