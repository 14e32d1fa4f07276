"""Source readers (.txt, .md, .html, .pdf behind a registry), with a real PDF made here."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.errors import SourceReadError
from claimgraph.sources.anchoring import anchor
from claimgraph.sources.documents import known_suffixes, read_source, register_reader
from claimgraph.sources.readers import html_to_text


def make_pdf(pages: list[str]) -> bytes:
    """A real PDF, one page per string, drawn by matplotlib's PDF backend (TrueType text)."""
    import matplotlib

    matplotlib.use("pdf")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    buf = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}), \
            PdfPages(buf, metadata={"CreationDate": None}) as pdf:
        for text in pages:
            fig = plt.figure(figsize=(6, 2))
            fig.text(0.05, 0.5, text)
            pdf.savefig(fig)
            plt.close(fig)
    return buf.getvalue()


def test_txt_hash_is_of_the_bytes_and_newlines_are_normalised(tmp_path: Path) -> None:
    raw = "\ufeffLine one\r\nLine two\rLine three".encode()
    p = tmp_path / "a.txt"
    p.write_bytes(raw)
    doc = read_source(p)
    assert doc.text == "Line one\nLine two\nLine three"
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert (doc.media_type, doc.page_starts, doc.page_of(3)) == ("text/plain", (), None)


def test_markdown_is_kept_as_written(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("# Title\n\n*Exports* doubled.\n", encoding="utf-8")
    doc = read_source(p)
    assert doc.text == "# Title\n\n*Exports* doubled.\n" and doc.media_type == "text/markdown"


def test_html_main_text_without_chrome_or_script(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_text("<html><head><title>T</title><style>p{}</style></head><body>"
                 "<nav>Home | About</nav><header>Site</header>"
                 "<main><h1>Exports</h1><p>China&nbsp;sold <b>1,300</b> t &amp; more."
                 "<script>alert(1)</script></p><p>Second   para.</p></main>"
                 "<footer>© site</footer></body></html>", encoding="utf-8")
    doc = read_source(p)
    assert doc.text == "Exports\nChina\u00a0sold 1,300 t & more.\nSecond para."
    assert doc.media_type == "text/html"
    assert anchor(doc.text, "China sold 1,300 t").status == "normalised"


def test_pdf_text_with_page_numbers(tmp_path: Path) -> None:
    p = tmp_path / "report.pdf"
    p.write_bytes(make_pdf(["China exported 700 tonnes in 2022.",
                            "Exports more than doubled in 2023."]))
    doc = read_source(p)
    assert doc.media_type == "application/pdf"
    assert doc.text == "China exported 700 tonnes in 2022.\fExports more than doubled in 2023."
    assert doc.page_starts == (0, 35)
    a = anchor(doc.text, "more than doubled")
    assert a.status == "exact" and doc.page_of(a.start or 0) == 2
    assert doc.page_of(0) == 1


def test_unknown_type_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(SourceReadError) as exc:
        read_source(tmp_path / "a.docx")
    assert exc.value.message == ("cannot read 'a.docx': no reader for '.docx' files (known: "
                                 ".htm, .html, .markdown, .md, .pdf, .txt)")
    assert exc.value.hint == "convert it to .txt, or register a reader for the type"


def test_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("caf\u00e9".encode("latin-1"))
    with pytest.raises(SourceReadError, match=r"not UTF-8 \(byte 3\)") as exc:
        read_source(p)
    assert exc.value.hint == "save the text as UTF-8"


def test_registering_a_reader(tmp_path: Path) -> None:
    register_reader([".rot13"], lambda data: (data.decode().upper(), "text/x-test", ()))
    try:
        p = tmp_path / "a.rot13"
        p.write_bytes(b"abc")
        assert read_source(p).text == "ABC" and ".rot13" in known_suffixes()
    finally:
        from claimgraph.sources import documents

        documents._READERS.pop(".rot13", None)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_html_reader_never_fails_and_is_deterministic(markup: str) -> None:
    out = html_to_text(markup)
    assert out == html_to_text(markup)
    assert "\n\n" not in out and out == out.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_txt_round_trip(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    p = tmp_path_factory.mktemp("t") / "a.txt"
    p.write_bytes(text.encode("utf-8"))
    expected = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assert read_source(p).text == expected
