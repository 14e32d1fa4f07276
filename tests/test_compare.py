"""``claimgraph compare`` and the ``--tag`` filter from the user's side: the bundled case
built into a real on-disk store, its two analyses compared in text and JSON; the link
rules (same entity, same_as, overlaps, part_of, membership claims, shared members) on a
written fixture; the exact errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.errors import AnalysisError
from claimgraph.graph.analytics.compare import compare
from claimgraph.graph.analytics.motives import support_profiles
from claimgraph.graph.analytics.selection import select_claims, with_tags
from claimgraph.graph.cli import main
from claimgraph.schema.models import Case

REPO = Path(__file__).parent.parent
BUNDLED = REPO / "cases" / "china-russia-nitrocellulose"
CASE = "china-russia-nitrocellulose"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("compare") / "store"
    assert main(["--store", str(path), "build", str(BUNDLED)]) == 0
    return str(path)


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "220")


def run(capsys: pytest.CaptureFixture[str], store: str, *args: str) -> tuple[int, str, str]:
    code = main(["--store", store, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_the_two_analyses_of_the_bundled_case_as_json(capsys, store: str) -> None:
    code, out, err = run(capsys, store, "compare", "analysis-1", "analysis-2", "--case", CASE,
                         "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    left, right = data["left"], data["right"]
    assert (left["kind"], left["ident"], right["ident"]) == ("tag", "analysis-1", "analysis-2")
    assert left["claims"] == 43 and right["claims"] == 44
    groups_1 = [g["id"] for g in left["groups"]]
    groups_2 = [g["id"] for g in right["groups"]]
    assert {"a1-pla-hawks", "a1-left-nationalists", "a1-state-economic-interests"} <= set(groups_1)
    assert {"a2-ccp-hardliners", "a2-nationalist-intellectuals",
            "a2-military-industrial-complex"} <= set(groups_2)
    hawks = next(g for g in left["groups"] if g["id"] == "a1-pla-hawks")
    assert {m["id"] for m in hawks["motives"]} >= {"combat-lessons", "counterbalance-west",
                                                    "taiwan-preparation"}
    assert all(m["claims"] for m in hawks["motives"])  # every motive with its claims
    # "officers within the General Staff Department": a sub-group, never the department
    assert {m["id"] for m in hawks["members"]} >= {"academy-of-military-sciences",
                                                    "gsd-senior-officers"}
    assert "pla-general-staff-department" not in {m["id"] for m in hawks["members"]}
    # planners "tied to" the NDRC and the MIIT: linked, never members through them
    economic = next(g for g in left["groups"] if g["id"] == "a1-state-economic-interests")
    members = {m["id"] for m in economic["members"]}
    assert {"ndrc-policy-planners", "miit-policy-planners"} <= members
    assert not members & {"ndrc", "miit"}
    links = {(x["left"], x["relation"], x["right"]) for x in data["links"]}
    # the analyses draw their groups differently: overlap, never identity (issue 12)
    assert {("a1-pla-hawks", "overlaps", "a2-ccp-hardliners"),
            ("a1-left-nationalists", "overlaps", "a2-nationalist-intellectuals"),
            ("a1-state-economic-interests", "overlaps", "a2-military-industrial-complex")
            } <= links
    assert not [x for x in data["links"] if x["relation"] == "same_as"]
    pair = next(p for p in data["pairs"] if p["left"] == "a1-pla-hawks")
    assert "counterbalance-west" in pair["motives_both"]
    assert "combat-lessons" in pair["motives_left_only"]
    assert "study-western-sanctions" in pair["motives_right_only"]
    assert {"target": "china-support-for-russia", "stance": "for"} in pair["targets_both"]
    assert "study-western-sanctions" in data["motives"]["right_only"]
    assert "counterbalance-west" in data["motives"]["both"]


def test_compare_prints_groups_links_and_motives(capsys, store: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "600")  # one line per cell
    code, out, _ = run(capsys, store, "compare", "analysis-1", "analysis-2", "--case", CASE)
    assert code == 0
    assert out.startswith("Compare Analysis 1: three interlocking forces with Analysis 2")
    for text in ("Chinese Military Establishment", "CCP “Hardliners” and Security Apparatus",
                 "Linked groups (each keeps its own claims; nothing is merged)", "overlaps",
                 "Studying Western sanction tactics",
                 "Over both sides", "only analysis-2", "denied by"):
        assert text in out, text


def test_compare_sources_and_claimants_and_its_errors(capsys, store: str) -> None:
    code, out, _ = run(capsys, store, "compare", "claimant:lin-jian", "claimant:article",
                       "--case", CASE, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["left"]["kind"] == "claimant" and data["left"]["claims"] >= 1
    code, out, err = run(capsys, store, "compare", "analysis-9", "analysis-2", "--case", CASE)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"error: 'analysis-9' is no tag, source or claimant of case '{CASE}'",
        "hint: give a tag (analysis-1, analysis-2), a source id or the id of who makes claims"]
    code, _, err = run(capsys, store, "compare", "tag:analysis-1", "analysis-1", "--case", CASE)
    assert code == 1 and "select the same claims" in err
    code, _, err = run(capsys, store, "compare", "tag:nope", "analysis-1", "--case", CASE)
    assert code == 1 and "hint: use one of: analysis-1, analysis-2" in err


def test_tag_filter_of_timeline_and_neighbours(capsys, store: str) -> None:
    code, out, _ = run(capsys, store, "neighbours", "xi-jinping", "--case", CASE, "--tag",
                       "analysis-2", "--format", "json")
    assert code == 0
    claims = {c for r in json.loads(out)["rows"] for c in r["claims"] + r["reversed"]}
    assert claims and all(c.startswith("a2-") for c in claims), claims
    code, out, _ = run(capsys, store, "timeline", "--case", CASE, "--tag", "analysis-2",
                       "--format", "json")
    assert code == 0
    assert [r["claim"] for r in json.loads(out)["rows"]] == ["a2-purges-weaken-technocrats",
                                                            "a2-technocrats-weakened"]
    code, _, err = run(capsys, store, "timeline", "--case", CASE, "--tag", "analysis-3")
    assert code == 1
    assert "hint: use one of: analysis-1, analysis-2" in err


def test_denials_read_as_denials_in_neighbours_and_timeline(capsys, store: str) -> None:
    code, out, _ = run(capsys, store, "neighbours", "china", "--case", CASE,
                       "--include-denied")
    assert code == 0
    flat = " ".join(out.replace("│", " ").split())
    # the Chinese government (part of China) denies for China
    assert "cn-gov-no-lethal-weapons (China denies supplying Russia · Lethal weapons" in flat
    # Lin Jian is not recorded as part of China: who denies it is named, not China
    assert "(China denied by Lin Jian: supplies Russia · Lethal weapons" in flat
    assert "China supplies Russia · Lethal weapons" not in flat
    # the article denies that China pursues neutrality: China denies nothing here
    assert "China denies pursuing" not in flat
    code, out, _ = run(capsys, store, "timeline", "--case", CASE, "--include-denied",
                       "--format", "json")
    row = next(r for r in json.loads(out)["rows"] if r["claim"] == "lin-jian-no-lethal-weapons")
    assert (row["label"], row["start"], row["end"]) == ("denied by Lin Jian: supplies", None,
                                                        "2025-04-30")
    code, out, _ = run(capsys, store, "audit", CASE, "--limit", "0")
    flat = " ".join(out.split())
    assert ("cn-gov-no-lethal-weapons China does not supply lethal weapons to either side of "
            "the war (Russia or Ukraine). — a denial: China denies supplying Russia") in flat


# -- the link rules, on a written case ----------------------------------------------------
def _case() -> Case:
    def claim(cid: str, s: str, p: str, o: str, tag: str, **kw: object) -> dict:
        return {"id": cid, "text": cid, "subject": s, "predicate": p, "object": o,
                "tags": [tag], **kw}
    return Case.model_validate({
        "meta": {"id": "w", "title": "W", "tags": [{"id": "one", "label": "One"},
                                                   {"id": "two", "label": "Two"}]},
        "entities": [
            {"id": "hawks", "name": "Hawks", "kind": "group"},
            {"id": "hard", "name": "Hardliners", "kind": "group", "overlaps": ["hawks"]},
            {"id": "cell", "name": "A cell", "kind": "group", "part_of": ["hard2"]},
            {"id": "hard2", "name": "Security apparatus", "kind": "group"},
            {"id": "club", "name": "Club", "kind": "group"},
            {"id": "club2", "name": "Club two", "kind": "group"},
            {"id": "paper", "name": "A paper", "kind": "media_outlet"},
            {"id": "ru", "name": "Russia", "kind": "state"},
            {"id": "m1", "name": "Rivalry", "kind": "motive"},
            {"id": "m2", "name": "Profits", "kind": "motive"}],
        "claims": [
            claim("o1", "hawks", "supports", "ru", "one", motives=["m1"]),
            claim("o2", "cell", "opposes", "ru", "one"),
            claim("o3", "club", "supports", "ru", "one", motives=["m2"]),
            claim("o4", "paper", "member_of", "club", "one"),
            claim("o5", "hawks", "motivated_by", "m2", "one", polarity="denied"),
            claim("t1", "hard", "supports", "ru", "two", motives=["m1", "m2"]),
            claim("t2", "hard2", "supports", "ru", "two"),
            claim("t3", "club2", "supports", "ru", "two", motives=["m2"]),
            claim("t4", "paper", "member_of", "club2", "two"),
            claim("t5", "club2", "member_of", "hawks", "two")]})


def test_link_rules_and_nothing_is_merged() -> None:
    case = _case()
    cmp = compare(case, "one", "two")
    links = {(x.left, x.relation, x.right) for x in cmp.links}
    assert links == {("hawks", "overlaps", "hard"), ("cell", "part_of", "hard2"),
                     ("club", "shares members", "club2"),
                     ("hawks", "has member (member_of)", "club2")}
    hawks = cmp.left.group("hawks")
    assert hawks is not None and hawks.motives == ["m1"]  # a denied motive is no motive
    pair = next(p for p in cmp.pairs if (p.left, p.right) == ("hawks", "hard"))
    assert (pair.motives_both, pair.motives_right_only) == (["m1"], ["m2"])
    # each side keeps its own claims: nothing of "two" is read into a group of "one"
    assert {c for g in cmp.left.groups for c in g.profile.claims} <= {"o1", "o2", "o3"}
    cell = next(p for p in cmp.pairs if p.left == "cell")
    assert (cell.targets_left_only, cell.targets_right_only) == ([("ru", "against")],
                                                                 [("ru", "for")])


def test_selection_by_tag_source_and_claimant() -> None:
    case = _case()
    assert [c.id for c in with_tags(case, ["two"]).claims] == ["t1", "t2", "t3", "t4", "t5"]
    assert with_tags(case, None) is case
    with pytest.raises(AnalysisError, match="no claim of case 'w' carries the tag 'three'"):
        with_tags(case, ["three"])
    assert select_claims(case, "claimant:hawks").claim_ids == ()
    profiles = support_profiles(case, select_claims(case, "one").claims(case))
    assert [p.actor for p in profiles] == ["club", "hawks", "cell"]
