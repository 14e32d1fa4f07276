"""Hostile RDF given to `import` and `check` (issue 16): entity bombs and external entities
refused before parsing, deep nesting and remote JSON-LD contexts refused with a clear error,
file size limited — on real processes, so that an abort or a hang shows."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.graph.shacl import check_rdf
from claimgraph.graph.store import open_store

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def entity_bomb() -> str:
    """The 'billion laughs' as RDF/XML: about 700 bytes that expand to 10**9 characters."""
    levels = ['<!ENTITY a "aaaaaaaaaa">']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f'<!ENTITY {name} "{("&" + prev + ";") * 10}">')
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n ' + "\n ".join(levels) + "\n]>\n"
            f'<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/">\n'
            '  <rdf:Description rdf:about="http://example.org/a"><ex:p>&i;</ex:p>'
            "</rdf:Description>\n</rdf:RDF>\n")


XXE = (f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n'
       f'<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/">\n'
       '<rdf:Description rdf:about="http://example.org/a"><ex:p>&x;</ex:p></rdf:Description>'
       "\n</rdf:RDF>\n")


def _limited() -> None:  # the child may not take the machine down if the guard is missing
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process, memory-capped, with a deadline."""
    return subprocess.run([sys.executable, "-m", "claimgraph", *args], capture_output=True,
                          text=True, timeout=timeout, preexec_fn=_limited)


def test_entity_bomb_is_refused_by_import_and_check(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(entity_bomb())
    assert bomb.stat().st_size < 1000
    start = time.monotonic()
    done = cli("--store", str(tmp_path / "s"), "import", str(bomb))
    assert done.returncode == 1, done.stderr[-500:]
    assert "DOCTYPE" in done.stderr and "refused" in done.stderr
    assert "Traceback" not in done.stderr
    done = cli("check", str(bomb))
    assert done.returncode == 1 and "DOCTYPE" in done.stdout + done.stderr
    assert time.monotonic() - start < 30
    with open_store(tmp_path / "s") as store:
        assert store.cases() == [] and store.named_graphs() == []


@pytest.mark.parametrize("fmt", ["rdfxml"])
def test_external_entities_are_refused_before_parsing(tmp_path: Path, fmt: str) -> None:
    with open_store(tmp_path / "s") as store, pytest.raises(ClaimgraphError) as exc:
        store.import_rdf(XXE.encode(), fmt, name="xxe.rdf")
    assert "DOCTYPE" in exc.value.message and exc.value.hint
    with pytest.raises(ClaimgraphError, match="DOCTYPE"):
        check_rdf(XXE, fmt="rdfxml")


def test_deep_json_ld_is_refused_by_check_and_import(tmp_path: Path) -> None:
    deep = tmp_path / "deep.jsonld"
    deep.write_text('{"@id": "urn:a", "urn:p": ' + "[" * 100_000 + "]" * 100_000 + "}")
    done = cli("check", str(deep))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "nests more than 64 levels" in done.stdout
    done = cli("--store", str(tmp_path / "s"), "import", str(deep))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "nests more than 64 levels" in done.stderr


def test_deep_turtle_given_to_check_is_a_clear_error(tmp_path: Path) -> None:
    deep = tmp_path / "deep.ttl"
    deep.write_text("<urn:a> <urn:p> " + "( " * 20_000 + ")" * 20_000 + " .")
    with pytest.raises(ClaimgraphError, match="nests too deeply"):
        check_rdf(deep)


@pytest.mark.parametrize("context", ["http://127.0.0.1:9/context.jsonld",
                                     {"@import": "http://127.0.0.1:9/c.jsonld"}])
def test_remote_json_ld_contexts_are_refused(tmp_path: Path, context: object) -> None:
    doc = json.dumps({"@context": context, "@id": "urn:x:a", "urn:x:p": "v"}).encode()
    with open_store(tmp_path / "s") as store:
        with pytest.raises(ClaimgraphError) as exc:
            store.import_rdf(doc, "jsonld", name="remote.jsonld")
        assert "remote @context" in exc.value.message and "never fetches" in exc.value.message
        assert store.cases() == []
    with pytest.raises(ClaimgraphError, match="remote @context"):
        check_rdf(doc.decode(), fmt="jsonld")


def test_the_claimgraph_context_is_read_from_the_package(tmp_path: Path) -> None:
    doc = json.dumps({"@context": "https://w3id.org/claimgraph/context.jsonld",
                      "@id": "urn:x:c1", "@type": "Claim"}).encode()
    with open_store(tmp_path / "s") as store:
        [entry] = store.import_rdf(doc, "jsonld", name="mine.jsonld")
        rows = store.query("SELECT ?t WHERE { <urn:x:c1> a ?t }", case=entry.id)
    assert rows == [{"t": "https://w3id.org/claimgraph/ns#Claim"}]


def test_rdf_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.nt"
    big.write_text("".join(f"<urn:x:s{i}> <urn:x:p> \"{i}\" .\n" for i in range(200)))
    done = subprocess.run([sys.executable, "-m", "claimgraph", "--store", str(tmp_path / "s"),
                           "import", str(big)], capture_output=True, text=True,
                          env={**_env(), "CLAIMGRAPH_MAX_FILE_SIZE": "1K"})
    assert done.returncode == 1 and "more than the limit of 1K" in done.stderr
    assert "CLAIMGRAPH_MAX_FILE_SIZE=" in done.stderr
    monkeypatch.setenv("CLAIMGRAPH_MAX_FILE_SIZE", "1K")
    with pytest.raises(ClaimgraphError, match="more than the limit"):
        check_rdf(big)


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)
