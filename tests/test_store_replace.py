"""replace_graph: a new graph bulk-loaded under a marker, an existing one changed by its difference."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from policykg.graph import store as store_module
from policykg.graph.store import (
    PENDING,
    STAGING_SUFFIX,
    clean_staging,
    load_graphs,
    open_store,
    replace_graph,
    report_graphs,
)

G = "https://w3id.org/policykg/id/report/x"
OTHER = "https://w3id.org/policykg/id/report/y"


def _nt(*objects: str, graph: str = G) -> bytes:
    escaped = (o.replace("\\", "\\\\").replace('"', '\\"') for o in objects)
    return "".join(f'<{graph}/s> <http://example.org/p> "{o}"@zh .\n' for o in sorted(escaped)).encode("utf-8")


def _objects(store: ox.Store, graph: str) -> set[str]:
    return {q.object.value for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


def test_a_new_graph_is_loaded_and_leaves_no_staging(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    replace_graph(store, G, _nt("甲", "乙"))
    assert _objects(store, G) == {"甲", "乙"}
    assert [g.value for g in store.named_graphs()] == [G]


def test_replacing_keeps_other_graphs_and_applies_the_difference(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    replace_graph(store, OTHER, _nt("丙"))
    replace_graph(store, G, _nt("甲", "乙"))
    replace_graph(store, G, _nt("乙", "丁", 'quote " and \\ backslash'))
    assert _objects(store, G) == {"乙", "丁", 'quote " and \\ backslash'}
    replace_graph(store, G, _nt("乙", "丁", 'quote " and \\ backslash'))  # unchanged: nothing to write
    assert _objects(store, G) == {"乙", "丁", 'quote " and \\ backslash'}
    assert _objects(store, OTHER) == {"丙"}
    assert report_graphs(store) == sorted([G, OTHER])


def test_a_load_killed_midway_is_dropped_by_the_next_build(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    replace_graph(store, OTHER, _nt("丙"))
    # what a kill during the bulk load leaves: the marker, and part of the new graph
    graph, staging = ox.NamedNode(G), ox.NamedNode(G + STAGING_SUFFIX)
    store.add(ox.Quad(graph, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), PENDING, staging))
    store.load(_nt("甲"), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    # and a staging graph of the design before (a copy waiting for its MOVE)
    store.load(_nt("旧"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(OTHER + STAGING_SUFFIX))
    clean_staging(store)
    assert [g.value for g in store.named_graphs()] == [OTHER]
    assert _objects(store, OTHER) == {"丙"}
    replace_graph(store, G, _nt("甲", "乙"))
    assert _objects(store, G) == {"甲", "乙"}


def test_load_graphs_bulk_loads_new_graphs_together_and_replaces_held_ones(tmp_path: Path, monkeypatch) -> None:
    third = "https://w3id.org/policykg/id/report/z"
    store = open_store(tmp_path / "store")
    replace_graph(store, OTHER, _nt("丙", graph=OTHER))
    monkeypatch.setattr(store_module, "BULK_CHUNK", 60)  # several bulk loads, graphs split across them
    load_graphs(
        store,
        [
            (G, _nt("旧")),
            (OTHER, _nt("丁", "ends with a dot .", graph=OTHER)),  # held: changed by its difference
            (third, _nt(*(f"第{i}条 ." for i in range(12)), graph=third)),
            (G, _nt("甲", 'quote " and \\ backslash .')),  # given twice: the later triples count
        ],
    )
    assert _objects(store, G) == {"甲", 'quote " and \\ backslash .'}
    assert _objects(store, OTHER) == {"丁", "ends with a dot ."}
    assert _objects(store, third) == {f"第{i}条 ." for i in range(12)}
    assert sorted(g.value for g in store.named_graphs()) == sorted([G, OTHER, third])  # no staging left
    assert {q.subject.value for q in store.quads_for_pattern(None, None, None, ox.NamedNode(third))} == {third + "/s"}


def test_the_build_loader_loads_reports_while_they_come_and_frees_them(tmp_path: Path) -> None:
    import contextlib

    from policykg.build import BuiltReport, _StoreLoader

    def report(graph: str, *objects: str) -> BuiltReport:
        return BuiltReport([], "x.txt", graph, {}, _nt(*objects, graph=graph), len(objects), 0.0, "")

    built = [report(G, "甲"), report(OTHER, "乙", "丙"), report(G, "丁")]  # G twice: the later one counts
    with contextlib.ExitStack() as held:
        loader = _StoreLoader.start(held, tmp_path / "store")
        for b in built:
            loader.put(b)
        loader.finish(built, [])
    store = open_store(tmp_path / "store")
    assert _objects(store, G) == {"丁"} and _objects(store, OTHER) == {"乙", "丙"}
    assert [b.ntriples for b in built] == [b"", b"", b""]  # loaded, then dropped from memory


def test_a_busy_store_stops_a_corpus_build_before_any_work(tmp_path: Path, monkeypatch) -> None:
    import argparse

    import pytest

    from policykg.build import build_command
    from policykg.extract.errors import StoreBusy

    def busy(store_dir: Path, wait_seconds: float = 600.0):
        raise StoreBusy(f"the store {store_dir} is locked by another build")

    monkeypatch.setattr(store_module, "write_lock", busy)
    reports = [tmp_path / "a.txt", tmp_path / "b.txt"]  # never read: the lock comes first
    args = argparse.Namespace(reports=reports, out=tmp_path / "out", jobs=1, no_store=False, store=tmp_path / "s")
    with pytest.raises(StoreBusy):
        build_command(args)
    assert not (tmp_path / "out").exists()  # no staging folder, no empty --out left behind
