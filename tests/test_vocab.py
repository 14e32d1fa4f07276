"""The bundled vocabularies are consistent, and a case may extend them in case.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import VocabularyError
from claimgraph.schema.vocab import Predicate, VocabularyExtension, load_vocabulary
from claimgraph.sources.validation import validate_case


def test_bundled_vocabulary_is_consistent() -> None:
    v = load_vocabulary()
    known = set(v.entity_kinds) | {"any"}
    for p in v.predicates.values():
        assert set(p.subject_kinds) <= known and set(p.object_kinds) <= known, p.id
    assert {"supplies", "part_of", "states", "motivated_by"} <= set(v.predicates)
    assert set(v.reliability) == set("ABCDEF")
    assert v.likelihood_term("highly probable") is v.likelihood["very_likely"]
    assert v.entity_kinds["actor"].abstract and v.is_actor("state")


def test_extension_may_not_redefine() -> None:
    v = load_vocabulary()
    ext = VocabularyExtension(predicates=(Predicate(id="supplies", label="x",
                                                    inverse_label="y"),))
    with pytest.raises(VocabularyError, match="redefines supplies"):
        v.extend(ext)


def _case(root: Path, vocabulary: str, claims: str) -> Path:
    root.mkdir()
    (root / "case.yaml").write_text(f"id: ext\ntitle: Extension\n{vocabulary}")
    (root / "data.yaml").write_text(
        "entities:\n"
        "  - {id: china, name: China, kind: state}\n"
        "  - {id: rosoboron, name: Rosoboronexport, kind: arms_exporter}\n"
        f"claims:\n{claims}")
    return root


VOCAB = """vocabulary:
  entity_kinds:
    - {id: arms_exporter, label: Arms exporter, parent: soe}
  predicates:
    - {id: finances, label: finances, inverse_label: is financed by,
       subject_kinds: [state], object_kinds: [organization]}
"""


def test_case_extends_kinds_and_predicates(tmp_path: Path) -> None:
    claims = ("  - {id: c1, text: China finances it., subject: china, predicate: finances,\n"
              "     object: rosoboron}\n")
    result = validate_case(_case(tmp_path / "c", VOCAB, claims))
    assert [p.code for p in result.problems] == ["no-evidence"]
    assert result.ok


def test_extended_predicate_kinds_are_checked(tmp_path: Path) -> None:
    claims = ("  - {id: c1, text: It finances China., subject: rosoboron, predicate: finances,\n"
              "     object: china}\n")
    result = validate_case(_case(tmp_path / "c", VOCAB, claims))
    lines = [p.format() for p in result.problems if p.severity == "error"]
    assert lines == [
        "data.yaml:5:49: error[kind-not-allowed]: claim 'c1': 'finances' does not take an "
        "arms_exporter as subject ('rosoboron') (hint: allowed subject kinds: state)"]


def test_case_redefining_builtins_is_located(tmp_path: Path) -> None:
    vocab = ("vocabulary:\n  predicates:\n"
             "    - {id: supplies, label: supplies, inverse_label: is supplied by}\n")
    result = validate_case(_case(tmp_path / "c", vocab, "  []\n"))
    errors = [p for p in result.problems if p.severity == "error"]
    # located at the entry itself (line 5), not at `vocabulary:` (line 4)
    assert (errors[0].code, errors[0].file, errors[0].line) == ("vocabulary", "case.yaml", 5)
    assert errors[0].message.startswith("case: predicate 'supplies': the case redefines supplies")
