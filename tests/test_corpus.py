"""Every dev report builds: structure found, figures found, and the graph satisfies the SHACL shapes."""

from __future__ import annotations

import pytest
from conftest import dev_reports

from policykg.extract.records import FORWARD_PARTS
from policykg.graph.rdf import extraction_to_graph
from policykg.ontology import validate
from policykg.pipeline import extract_file

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.mark.parametrize("path", dev_reports(), ids=lambda p: p.name)
def test_dev_report_builds_and_conforms(path) -> None:
    ex = extract_file(path)
    assert ex.meta.place_code and ex.meta.plan_year
    assert any(s.part in FORWARD_PARTS for s in ex.sections if s.level == 1)
    assert len(ex.quantities) >= 20
    assert any(q.kind == "target" for q in ex.quantities)
    assert ex.tasks and all(t.lead for t in ex.tasks)
    assert ex.places and any(p.adcode == ex.meta.place_code for p in ex.places)
    result = validate(extraction_to_graph(ex))
    assert result.conforms, str(result)[:2000]
