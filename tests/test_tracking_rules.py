"""Tracking status rules without any corpus: judge() at its boundaries, project names, and two
hand-written consecutive reports run through the real pipeline and the `policykg track` command.

The thresholds are the documented ones (graph/tracking.py): met at or past the target (左右: 5%
slack), partly from 80% of it (a ceiling: up to target / 0.8), else not met.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from cli_helpers import run_cli
from hypothesis import given
from hypothesis import strategies as st
from tracking_fixtures import REPORT_N, REPORT_N1

from policykg.extract.errors import ExitCode
from policykg.extract.project_identity import match_key, same_project
from policykg.graph.export import TRACKING_COLUMNS
from policykg.graph.tracking import MET, NOT_MET, PARTLY, judge, track


@pytest.mark.parametrize(
    ("target", "result", "comparator", "ceiling", "status"),
    [
        # growth / level targets: at or above is met
        (6.5, 6.5, "=", False, MET),  # exactly at the target
        (10, 10, ">=", False, MET),
        (10, 12, "~", False, MET),
        (8, 7.6, "~", False, MET),  # 左右: exactly 5% below is still met
        (8, 7.59, "~", False, PARTLY),
        (10, 9.99, "=", False, PARTLY),
        (10, 9, "=", False, PARTLY),
        (10, 8, "=", False, PARTLY),  # exactly 80% is partly (the golds' line)
        (10, 7.99, "=", False, NOT_MET),
        (6.5, 3.8, "~", False, NOT_MET),  # 58% of the target
        (100.8, 97.9, "=", False, PARTLY),
        (8, 6.3, "~", False, NOT_MET),
        (11, 9.1, "=", False, PARTLY),  # 82.7% of the target
        (5, -2, "=", False, NOT_MET),  # growth promised, a fall reported
        # ceilings (控制在, 以内, 不超过): at or below is met
        (3, 3, "=", True, MET),  # a ceiling met exactly
        (3, 3, "<=", True, MET),
        (3, 1, "~", True, MET),
        (3, 3.15, "~", True, MET),  # a ceiling with 左右: 5% over is still met
        (3, 3.16, "~", True, PARTLY),
        (3, 3.01, "<=", True, PARTLY),
        (8, 10, "<=", True, PARTLY),  # exactly target / 0.8
        (8, 10.01, "<=", True, NOT_MET),
        (3, 5, "=", True, NOT_MET),
        # reductions (下降3%): the size of the fall counts
        (-3, -3, ">=", False, MET),
        (-3, -15.3, ">=", False, MET),
        (-3, -2.4, ">=", False, PARTLY),  # a fall of exactly 80% of the promised one
        (-3, -2.39, ">=", False, NOT_MET),
        (-3, -1, ">=", False, NOT_MET),
        (-3, 1, ">=", False, NOT_MET),  # a rise where a fall was promised
        # a target of 0 (零增长, 零事故)
        (0, 0, "=", False, MET),
        (0, 5, "=", False, MET),
        (0, -1, "=", False, NOT_MET),
        (0, 0, "<=", True, MET),
        (0, 0.1, "<=", True, NOT_MET),
    ],
)
def test_judge_at_the_boundaries(target: float, result: float, comparator: str, ceiling: bool, status: str) -> None:
    assert judge(target, result, comparator, ceiling) == status


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("京雄高速公路二期工程", "京雄高速"),
        ("京雄高速", "京雄高速"),
        ("平庆铁路", "平庆铁路"),
        ("“平庆”铁路项目", "平庆铁路"),
        ("华润雪花啤酒迁建项目", "华润雪花啤酒"),
        ("第二幼儿园改扩建工程", "第二幼儿园"),
        ("污水处理厂三期", "污水处理厂"),
        ("工程", "工程"),  # a name that would strip to nothing stays as it is
    ],
)
def test_project_key(name: str, key: str) -> None:
    assert match_key(name) == key


def test_same_project() -> None:
    assert same_project("京雄高速公路二期工程", "京雄高速")
    assert same_project("华润雪花迁建", "华润雪花啤酒迁建项目")
    assert not same_project("雄商高铁", "雄忻高铁")
    assert not same_project("第一中学", "第一中学附属小学新校区")  # inside, but far from covering it


EXPECTED = {
    "7%左右": MET,  # growth 7% against 7%左右
    "不超过3%": MET,  # a ceiling met exactly
    "控制在4.5%以内": PARTLY,  # 4.6% over a 4.5% ceiling, within 4.5/0.8
    "3%": MET,  # a reduction of 3% achieved exactly
    "8%": PARTLY,  # 7.2 of 8 is 90%: at least 80%
}


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("pair")
    old, new = root / "city-2021.txt", root / "city-2022.txt"
    old.write_text(REPORT_N, encoding="utf-8")
    new.write_text(REPORT_N1, encoding="utf-8")
    return old, new


def test_hand_written_pair_through_the_pipeline(pair: tuple[Path, Path]) -> None:
    from policykg.track import load

    links = track(load(pair[0]), load(pair[1]))
    quantities = {x.target_surface: x.status for x in links if x.kind == "quantity"}
    assert quantities == EXPECTED
    (railway,) = [x for x in links if x.kind == "project"]
    assert (railway.metric, railway.status) == ("平庆铁路", MET)
    assert "平庆铁路开工建设" in railway.result_evidence


def test_track_command(pair: tuple[Path, Path], tmp_path: Path) -> None:
    result = run_cli("track", *pair, "--out", tmp_path / "o")
    assert result.returncode == 0, result.stderr
    assert "6 links (5 targets, 1 projects): met=4 not_met=0 partly=2 no_statement=0" in result.stdout
    with (tmp_path / "o" / "tracking.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[: len(TRACKING_COLUMNS)] == list(TRACKING_COLUMNS)
    assert {r["target_surface"]: r["status"] for r in rows if r["kind"] == "quantity"} == EXPECTED
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["tracking.csv"]


def test_track_refuses_a_pair_in_the_wrong_order(pair: tuple[Path, Path], tmp_path: Path) -> None:
    result = run_cli("track", pair[1], pair[0], "--out", tmp_path / "o")
    assert result.returncode == ExitCode.USAGE
    assert result.stderr.startswith("policykg: error: ") and result.stderr.count("\n") == 1
    assert "not later than" in result.stderr
    assert not (tmp_path / "o").exists()


@given(
    st.text(alphabet=list("东西南北城高速公路铁桥港园"), min_size=2, max_size=8),
    st.text(alphabet=list("一二期“”至-·改扩新项目工程建设"), max_size=4),
    st.sampled_from(["", "项目", "工程", "建设项目", "“”"]),
)
def test_one_shared_project_node_is_always_one_project_to_tracking(stem: str, rest: str, tail: str) -> None:
    """The graph's identity (shared_key) never splits what tracking would match (same_project)."""
    from policykg.extract.project_identity import shared_key

    name = stem + rest
    other = name + tail
    if shared_key(name) == shared_key(other):
        assert same_project(name, other)
