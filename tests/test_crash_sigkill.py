"""Nothing half-written (issue 16): a build, rebuild, import or drop killed with SIGKILL at
any point leaves the store as it was, or — killed after its flip — as the finished
command would. A real child process is killed (by itself at a named stage, by the test when
its bulk-load files appear, or after a delay), the store is reopened and compared with its
state before: previous cases intact, no partial case visible, no orphan graph or leftover
file once reclaimed. Embedded and remote, including killing ``oxigraph serve`` itself."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from bigstore import BIG_CLAIMS, BIG_ID, copy_store, fingerprint
from store_fixtures import _free_port, _oxigraph_binary

from claimgraph.graph.store import Store, open_store
from claimgraph.graph.store.catalog import CATALOG_GRAPH

pytestmark = pytest.mark.slow
ALPHA = Path(__file__).parent / "fixtures" / "cases" / "store-alpha"

CHILD = textwrap.dedent("""
    import logging, os, signal, sys, time
    from pathlib import Path
    from claimgraph.graph.build import build_case
    from claimgraph.graph.store import open_store

    where, action, target, stage = sys.argv[1:5]
    logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(message)s")

    def point(at):
        print(at, flush=True)
        if at == stage:
            os.kill(os.getpid(), signal.SIGKILL)
        if stage == "hold:" + at:
            time.sleep(600)

    print("opening", flush=True)
    store = open_store(endpoint=where) if where.startswith("http") else open_store(where)
    print("ready", flush=True)
    if action == "build":
        build_case(target, store, fail_point=point, max_patch=0)
    elif action == "patch":
        build_case(target, store, fail_point=point)
    elif action == "drop":
        store.drop_case(target, fail_point=point)
    elif action == "import":
        store.import_rdf(Path(target).read_bytes(), "nquads", name="big.nq", fail_point=point)
    print("done", flush=True)
    store.close()
""")


def run_child(where: str, action: str, target: str | Path, stage: str = "-", *,
              kill_on: str | None = None, delay: float = 0.0,
              watch: Path | None = None) -> tuple[int, list[str]]:
    """Run the child; it kills itself at ``stage``, or the test kills it ``delay`` seconds
    after it printed ``kill_on``, or as soon as ``watch`` holds a ``bulk-*.sst`` file.
    Returns its exit code (-9 when killed) and the stages it reported."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, where, action, str(target), stage],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    seen: list[str] = []
    if watch is not None:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if any(watch.glob("bulk-*.sst")):
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.01)
    elif kill_on is not None:
        for line in proc.stdout:
            seen.append(line.strip())
            if line.startswith(kill_on):
                time.sleep(delay)
                proc.send_signal(signal.SIGKILL)
                break
    out, err = proc.communicate(timeout=300)
    seen += out.split()
    assert proc.returncode in (0, -9), err[-2000:]
    return proc.returncode, seen


def kill_at(path: Path, action: str, target: str | Path, kill: str) -> None:
    """Run ``action`` in a child killed at the stage ``kill``, or at ``bulk-load``: as soon
    as its bulk-load files appear in the store folder."""
    if kill == "bulk-load":
        code, _ = run_child(str(path), action, target, watch=path)
    else:
        code, _ = run_child(str(path), action, target, kill)
    assert code == -9


def settle(path: Path) -> tuple[list[str], str]:
    """What a reader sees right after the crash (every catalogued case whole), then the
    store opened for writing (which reclaims leftovers): case builds and fingerprint."""
    with open_store(path, read_only=True) as reader:
        for info in reader.cases():
            total = 0
            for graph in info.graphs.all():  # no partial case: each graph is all there
                n = int(reader.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> "
                                     "{ ?s ?p ?o } }")[0]["n"] or 0)
                assert n > 0, graph
                total += n
            assert total == info.counts.get("quads", total), info.id
    with open_store(path) as store:
        return _summary(store)


def _summary(store: Store) -> tuple[list[str], str]:
    current = {g for e in store.cases() for g in e.graphs.all()} | {CATALOG_GRAPH}
    assert set(store.named_graphs()) <= current, "an orphan graph survived reclaiming"
    return [f"{c.id}@{c.build}" for c in store.cases()], fingerprint(store)


def no_leftover_files(path: Path) -> None:
    assert not list(path.glob("bulk-*.sst")), "bulk-load files left"
    assert not list(path.glob(".claimgraph-readers/*")), "reader snapshots left"


@pytest.fixture(scope="module")
def states(alpha_store: Path, full_store: Path) -> dict[str, tuple[list[str], str]]:
    """The reference states: alpha only, and alpha plus the big case."""
    with open_store(alpha_store, read_only=True) as a, open_store(full_store,
                                                                  read_only=True) as f:
        return {"alpha": _summary(a), "full": _summary(f)}


# -- embedded: a fresh build of a big case next to a small one ----------------------------
@pytest.mark.parametrize("kill", ["validating", "bulk-load", "before-flip", "after-flip"])
def test_killed_build(kill: str, alpha_store: Path, big_case: Path, tmp_path: Path,
                      states: dict[str, tuple[list[str], str]]) -> None:
    path = copy_store(alpha_store, tmp_path / "s")
    if kill == "validating":
        code, seen = run_child(str(path), "build", big_case, kill_on="ready", delay=0.1)
        assert "before-load" not in seen
        assert code == -9
    else:
        kill_at(path, "build", big_case, kill)
    builds, fp = settle(path)
    if kill == "after-flip":  # the new case is whole; the old state plus it
        assert [b.split("@")[0] for b in builds] == [BIG_ID, "store-alpha"]
        with open_store(path, read_only=True) as store:
            assert store.case_info(BIG_ID).counts["claims"] == BIG_CLAIMS
    else:
        assert (builds, fp) == states["alpha"]
    no_leftover_files(path)


# -- embedded: rebuild, in-place update, drop, import, cleanup ----------------------------
@pytest.mark.parametrize("kill", ["bulk-load", "after-flip"])
def test_killed_rebuild(kill: str, full_store: Path, big_case_edited: Path, tmp_path: Path,
                        states: dict[str, tuple[list[str], str]]) -> None:
    path = copy_store(full_store, tmp_path / "s")
    kill_at(path, "build", big_case_edited, kill)
    builds, fp = settle(path)
    if kill == "after-flip":
        assert builds[0] != states["full"][0][0] and builds[1] == states["full"][0][1]
        with open_store(path, read_only=True) as store:
            [(text,)] = [tuple(r.values()) for r in store.query(
                "SELECT ?t WHERE { ?c <http://schema.org/text> ?t "
                "FILTER(CONTAINS(?t, '(edited)')) }", case=BIG_ID)]
            assert text and text.endswith("(edited)")
    else:
        assert (builds, fp) == states["full"]
    no_leftover_files(path)


def test_killed_in_place_update(full_store: Path, tmp_path: Path, fixture_case,
                                states: dict[str, tuple[list[str], str]]) -> None:
    path = copy_store(full_store, tmp_path / "s")
    case = fixture_case("store-alpha")
    data = case / "data.yaml"
    data.write_text(data.read_text().replace("Russia denies receiving", "Russia rejects"))
    code, seen = run_child(str(path), "patch", case, "before-flip")
    assert code == -9 and "before-load" not in seen  # the in-place path, not fresh graphs
    assert settle(path) == states["full"]


@pytest.mark.parametrize("kill", ["after-flip", 0.1])
def test_killed_drop(kill: str | float, full_store: Path, tmp_path: Path,
                     states: dict[str, tuple[list[str], str]]) -> None:
    path = copy_store(full_store, tmp_path / "s")
    if isinstance(kill, str):
        code, _ = run_child(str(path), "drop", BIG_ID, kill)
    else:
        code, _ = run_child(str(path), "drop", BIG_ID, kill_on="ready", delay=kill)
    assert code in (-9, 0)
    assert settle(path) in (states["full"], states["alpha"])
    if kill == "after-flip":
        assert settle(path) == states["alpha"]
    no_leftover_files(path)


@pytest.fixture(scope="module")
def big_export(full_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "big.nq"
    with open_store(full_store, read_only=True) as store:
        out.write_bytes(store.export("nquads", case=BIG_ID))
    return out


def test_killed_import(alpha_store: Path, big_export: Path, tmp_path: Path,
                       states: dict[str, tuple[list[str], str]]) -> None:
    path = copy_store(alpha_store, tmp_path / "s")
    kill_at(path, "import", big_export, "bulk-load")
    assert settle(path) == states["alpha"]
    no_leftover_files(path)


def test_killed_cleanup_after_a_crash(full_store: Path, big_case_edited: Path, tmp_path: Path,
                                      states: dict[str, tuple[list[str], str]]) -> None:
    """A build killed after its flip leaves the superseded graphs; the next writer
    reclaims them — and is killed while doing it; the one after finishes the job."""
    path = copy_store(full_store, tmp_path / "s")
    assert run_child(str(path), "build", big_case_edited, "after-flip")[0] == -9
    code, seen = run_child(str(path), "open", "-", kill_on="reclaiming", delay=0.05)
    assert code == -9 and "ready" not in seen  # killed while reclaiming on open
    builds, _ = settle(path)
    assert [b.split("@")[0] for b in builds] == [BIG_ID, "store-alpha"]
    assert builds[1] == states["full"][0][1]
    no_leftover_files(path)


# -- remote --------------------------------------------------------------------------------
def _remote_alpha(url: str, alpha_export: bytes) -> tuple[list[str], str]:
    store = open_store(endpoint=url)
    store.update("CLEAR ALL")
    store.import_rdf(alpha_export, "nquads", name="alpha.nq")
    return _summary(store)


@pytest.fixture(scope="module")
def alpha_export(alpha_store: Path) -> bytes:
    with open_store(alpha_store, read_only=True) as store:
        return store.export("nquads")


def _reclaimed(url: str) -> tuple[list[str], str]:
    store = open_store(endpoint=url)
    store.reclaim()  # what `claimgraph gc --endpoint` does: orphans, the dead build's lock
    return _summary(store)


@pytest.mark.parametrize("kill", ["loaded:data", "after-flip", "posting"])
def test_killed_remote_build(kill: str, oxigraph_server: str, big_case: Path,
                             alpha_export: bytes) -> None:
    before = _remote_alpha(oxigraph_server, alpha_export)
    if kill == "posting":
        code, _ = run_child(oxigraph_server, "build", big_case, kill_on="before-load",
                            delay=0.15)
    else:
        code, _ = run_child(oxigraph_server, "build", big_case, kill)
    assert code == -9
    reader = open_store(endpoint=oxigraph_server)
    visible = [c.id for c in reader.cases()]
    assert visible == ([BIG_ID, "store-alpha"] if kill == "after-flip" else ["store-alpha"])
    after = _reclaimed(oxigraph_server)
    if kill == "after-flip":
        assert after[0][1] == before[0][0]
        assert reader.case_info(BIG_ID).counts["claims"] == BIG_CLAIMS
    else:
        assert after == before


def test_killing_the_server_mid_build(big_case: Path, alpha_export: bytes,
                                      tmp_path: Path) -> None:
    """`oxigraph serve` killed -9 while a build posts its data, and after its first graph
    is in; restarted on the same folder, the store is the one before (after reclaiming)."""
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("the `oxigraph` server binary is not installed")
    location = tmp_path / "server"
    port = _free_port()
    url = f"http://127.0.0.1:{port}/query"

    def serve() -> subprocess.Popen[bytes]:
        proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind",
                                 f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                open_store(endpoint=url, timeout=2).cases()
                return proc
            except Exception:
                time.sleep(0.1)
        proc.kill()
        raise RuntimeError("oxigraph serve did not start")

    server = serve()
    try:
        before = _remote_alpha(url, alpha_export)
        for stage in ("before-load", "hold:loaded:data"):
            proc = subprocess.Popen([sys.executable, "-c", CHILD, url, "build", str(big_case),
                                     stage], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
            assert proc.stdout is not None
            wanted = "before-load" if stage == "before-load" else "loaded:data"
            for line in proc.stdout:
                if line.strip() == wanted:
                    time.sleep(0.15 if stage == "before-load" else 0)
                    server.send_signal(signal.SIGKILL)
                    server.wait()
                    break
            proc.kill()
            proc.communicate()
            server = serve()
            assert [c.id for c in open_store(endpoint=url).cases()] == ["store-alpha"]
            assert _reclaimed(url) == before
    finally:
        server.kill()
        server.wait()
