"""Every problem code claimgraph reports, each with what it means.

A :class:`~claimgraph.errors.Problem` carries one :class:`ProblemCode`; the code is what
``claimgraph validate`` prints in ``error[dangling-ref]`` and what ``--format json`` gives
as ``"code"``, so tools can rely on it. A code that is not declared here cannot be
reported (``Problem`` refuses it, mypy flags it, and ``tests/test_problem_codes.py`` fails);
the README's table of codes is generated from this enumeration
(``python -m claimgraph.problemcodes``) and a test keeps it current.

The ``shacl-*`` codes are the constraint components of the W3C SHACL Core and SHACL-SPARQL
recommendation (``sh:MinCountConstraintComponent`` -> ``shacl-MinCount``): ``claimgraph
check`` reports a failed shape under the component that failed.

Examples
--------
>>> ProblemCode.of("dangling-ref") is ProblemCode.DANGLING_REF
True
>>> ProblemCode.DANGLING_REF.description
'a reference names no entity, source or claim of the case'
>>> ProblemCode.shacl("sh:MinCountConstraintComponent")
<ProblemCode.SHACL_MIN_COUNT: 'shacl-MinCount'>
>>> ProblemCode.of("dangling")
Traceback (most recent call last):
...
ValueError: 'dangling' is not a valid ProblemCode
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ProblemCode", "markdown_table"]


class ProblemCode(StrEnum):
    """The code of a reported problem; ``description`` says what it means."""

    description: str

    def __new__(cls, value: str, description: str) -> ProblemCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    # -- reading case files -----------------------------------------------------------
    NO_CASE = "no-case", "the path is not a case folder (not a folder, or no case.yaml in it)"
    IO = "io", "a case file cannot be read (permissions, a broken link)"
    ENCODING = "encoding", "a case file is not UTF-8"
    IGNORED_FILE = "ignored-file", "a data file sits in a sub-folder, where it is not read"
    YAML_SYNTAX = "yaml-syntax", "the file is not valid YAML (or holds more than one document)"
    YAML_KEY = "yaml-key", "a mapping key is not a plain word (a list, a mapping or an alias)"
    YAML_ALIAS = "yaml-alias", \
        "an alias refers to a value that contains it, or aliases expand far beyond the file"
    DUPLICATE_KEY = "duplicate-key", "a key appears twice in one mapping"
    JSON_SYNTAX = "json-syntax", "a JSON Lines line is not one complete JSON object"
    UNKNOWN_SECTION = "unknown-section", \
        "a top-level key other than entities, sources and claims, or a JSON Lines file " \
        "whose name does not say which records it holds"
    # -- the schema of a record ---------------------------------------------------------
    SCHEMA = "schema", \
        "a value has the wrong type or form (a date, an interval, a URL, a grade, a number, a list …)"
    UNKNOWN_FIELD = "unknown-field", "a field the record type does not have (often a typo)"
    MISSING_FIELD = "missing-field", "a required field is missing"
    # -- cross-checks -------------------------------------------------------------------
    DUPLICATE_ID = "duplicate-id", "an id names two records (one namespace per case)"
    DANGLING_REF = "dangling-ref", "a reference names no entity, source or claim of the case"
    IDENTITY_OVERLAP = "identity-overlap", \
        "two entities are said to be both the same (same_as) and only overlapping (overlaps)"
    SELF_REF = "self-ref", "a claim supports, contradicts or challenges itself; an entity is same_as or overlaps itself"
    CYCLE = "cycle", "part_of or broader goes round in a circle, or a source cites itself"
    UNKNOWN_KIND = "unknown-kind", "an entity or source kind that is not in the vocabulary"
    ABSTRACT_KIND = "abstract-kind", "a kind that only groups other kinds (e.g. organization)"
    KIND_NOT_ALLOWED = "kind-not-allowed", \
        "the predicate does not take an entity of this kind as subject or object"
    KIND_MISMATCH = "kind-mismatch", "a country that is not a state, or a motive that is not a motive"
    UNKNOWN_PREDICATE = "unknown-predicate", "a predicate that is not in the vocabulary"
    SHARED_ALIAS = "shared-alias", \
        "two entities share an alias (or one's alias is the other's name), so that name " \
        "finds both in `why`, `neighbours` and `claims --subject` (not reported for same_as)"
    UNKNOWN_GRADE = "unknown-grade", "a reliability grade other than A-F"
    UNKNOWN_TERM = "unknown-term", "a confidence that is not an ICD 203 likelihood term"
    UNKNOWN_RATING = "unknown-rating", "a verdict rating that is not in the ratings vocabulary"
    VOCABULARY = "vocabulary", "the case's own vocabulary (case.yaml `vocabulary:`) is inconsistent"
    NO_EVIDENCE = "no-evidence", "a claim has no evidence, so it counts as unsourced"
    PATH_OUTSIDE = "path-outside", "a source's text path leads outside the case folder"
    MISSING_FILE = "missing-file", "a source's text file does not exist"
    # -- source texts and quotes --------------------------------------------------------
    SOURCE_READ = "source-read", \
        "a source text cannot be read (unknown file type, not UTF-8, a missing optional reader)"
    QUOTE_NOT_FOUND = "quote-not-found", \
        "a quote does not occur in its source's text (the hint shows the closest passage)"
    QUOTE_AMBIGUOUS = "quote-ambiguous", \
        "a quote occurs several times in its source and no `occurrence:` says which"
    SOURCE_CHANGED = "source-changed", \
        "a source text changed since its quotes were anchored (sha256 or anchors.lock.json)"
    # -- recorded selectors and quote-only sources (texts kept out of the case) ----------
    SELECTOR_INVALID = "selector-invalid", \
        "an evidence's recorded selectors contradict themselves (start >= end, end - start " \
        "is not the quote's length, a prefix longer than the text before it ...)"
    SELECTOR_MISMATCH = "selector-mismatch", \
        "the source text is present and the recorded selectors do not point at the quote " \
        "(or its prefix/suffix)"
    SELECTOR_MISSING = "selector-missing", \
        "a quote of a quote-only source records no position (start/end): nothing locates it"
    QUOTE_ONLY_INCOMPLETE = "quote-only-incomplete", \
        "a quote-only source records no `text:` path or no `sha256:` of the text as read"
    TEXT_HASH_MISMATCH = "text-hash-mismatch", \
        "the local copy of a quote-only source is not the text the quotes were read in " \
        "(its sha256 differs from the recorded one)"
    TEXT_NOT_PRESENT = "text-not-present", \
        "a quote-only source's text is not in the local folder: the checks that need it " \
        "were skipped (a note, not an error)"
    # -- limits and unsafe text (raise a limit with its CLAIMGRAPH_MAX_* variable) -------
    TOO_LARGE = "too-large", "a file is larger than the file-size limit"
    TOO_MANY = "too-many", "a case holds more records than the record limit"
    TOO_LONG = "too-long", "a value is longer than the string-length limit"
    TOO_DEEP = "too-deep", "values are nested deeper than the nesting limit"
    CONTROL_CHAR = "control-char", \
        "a value holds a control character (ESC, BEL …) that could rewrite a reader's terminal"
    BIDI_CHAR = "bidi-char", \
        "a value holds a bidirectional control (U+202E …): it may display in another order"
    NOT_A_FILE = "not-a-file", "a source's text path is a folder, a FIFO or another non-file"
    # -- what the quotes say against what the claim says -----------------------------
    UNKNOWN_TAG = "unknown-tag", \
        "a claim carries a tag case.yaml does not declare under `tags:` (when it declares some)"
    RELAYS_NOT_CITED = "relays-not-cited", \
        "evidence relays a source its quoting document does not cite (add it to `cites:`)"
    UNHEDGED_MODAL = "unhedged-modal", \
        "a supporting quote hedges (could, may, risk, is expected to …) but the claim has no confidence"
    QUANTITY_MISMATCH = "quantity-mismatch", \
        "the number in a claim's text, its quantity and the number in its quote disagree"
    CONTRADICTION_SCOPE = "contradiction-scope", \
        "a declared `contradicts` links claims that can both be true (other predicate, a " \
        "subject, object or item the denial does not cover, times apart, compatible " \
        "quantities): `challenges` is the weaker relation"
    # -- imports of other formats (ClaimReview, FollowTheMoney, CSV) --------------------
    IMPORT_SKIPPED = "import-skipped", \
        "an imported record is already in the case (or is no kind of record claimgraph keeps): left out"
    IMPORT_INCOMPLETE = "import-incomplete", \
        "an imported record lacks what claimgraph needs (a name, a rating, the claim reviewed): left out or read partly"
    RATING_UNKNOWN = "rating-unknown", \
        "an imported rating's words are not in the ratings vocabulary's word table: read by its value"
    NO_CLAIMREVIEW = "no-claimreview", \
        "the imported file holds no schema.org ClaimReview"
    NO_JSONLD = "no-jsonld", \
        "the HTML page holds no JSON-LD script"
    REMOTE_CONTEXT = "remote-context", \
        "a JSON-LD @context or @import names a document on the network, which is never fetched"
    FTM_SHAPE = "ftm-shape", \
        "a FollowTheMoney line is not an entity (no id, schema or properties)"
    CSV_SYNTAX = "csv-syntax", \
        "a CSV file cannot be read as CSV"
    CSV_COLUMNS = "csv-columns", \
        "a CSV row has more cells than the header names, or a cell under no known column"
    CSV_NO_ID = "csv-no-id", \
        "a CSV row names no claim id"
    DUPLICATE_COLUMN = "duplicate-column", \
        "a CSV header names one column twice"
    UNKNOWN_COLUMN = "unknown-column", \
        "a CSV header names a column that is no claim or evidence field (often a typo)"
    MISSING_COLUMN = "missing-column", \
        "a CSV file has no id column, or no header at all"
    CSV_CONFLICT = "csv-conflict", \
        "two rows of one claim disagree on a claim column"
    # -- RDF given to `claimgraph check` ------------------------------------------------
    RDF_READ = "rdf-read", "an RDF file cannot be read or parsed"
    SHACL_CLASS = "shacl-Class", "SHACL sh:class: a value is not an instance of the class"
    SHACL_DATATYPE = "shacl-Datatype", "SHACL sh:datatype: a literal has another datatype"
    SHACL_NODE_KIND = "shacl-NodeKind", "SHACL sh:nodeKind: an IRI, blank node or literal expected"
    SHACL_MIN_COUNT = "shacl-MinCount", "SHACL sh:minCount: too few values"
    SHACL_MAX_COUNT = "shacl-MaxCount", "SHACL sh:maxCount: too many values"
    SHACL_MIN_EXCLUSIVE = "shacl-MinExclusive", "SHACL sh:minExclusive: a value too small"
    SHACL_MIN_INCLUSIVE = "shacl-MinInclusive", "SHACL sh:minInclusive: a value too small"
    SHACL_MAX_EXCLUSIVE = "shacl-MaxExclusive", "SHACL sh:maxExclusive: a value too large"
    SHACL_MAX_INCLUSIVE = "shacl-MaxInclusive", "SHACL sh:maxInclusive: a value too large"
    SHACL_MIN_LENGTH = "shacl-MinLength", "SHACL sh:minLength: a string too short"
    SHACL_MAX_LENGTH = "shacl-MaxLength", "SHACL sh:maxLength: a string too long"
    SHACL_PATTERN = "shacl-Pattern", "SHACL sh:pattern: a string of the wrong form"
    SHACL_LANGUAGE_IN = "shacl-LanguageIn", "SHACL sh:languageIn: a literal in another language"
    SHACL_UNIQUE_LANG = "shacl-UniqueLang", "SHACL sh:uniqueLang: two values in one language"
    SHACL_EQUALS = "shacl-Equals", "SHACL sh:equals: two properties differ"
    SHACL_DISJOINT = "shacl-Disjoint", "SHACL sh:disjoint: two properties share a value"
    SHACL_LESS_THAN = "shacl-LessThan", "SHACL sh:lessThan: a value not less than another"
    SHACL_LESS_THAN_OR_EQUALS = "shacl-LessThanOrEquals", \
        "SHACL sh:lessThanOrEquals: a value greater than another (e.g. an anchor's end before its start)"
    SHACL_NOT = "shacl-Not", "SHACL sh:not: a value conforms to a shape it must not"
    SHACL_AND = "shacl-And", "SHACL sh:and: a value fails one of the shapes"
    SHACL_OR = "shacl-Or", "SHACL sh:or: a value conforms to none of the shapes"
    SHACL_XONE = "shacl-Xone", "SHACL sh:xone: a value conforms to none or several of the shapes"
    SHACL_NODE = "shacl-Node", "SHACL sh:node: a value does not conform to the node shape"
    SHACL_PROPERTY = "shacl-Property", "SHACL sh:property: a property shape fails"
    SHACL_QUALIFIED_MIN_COUNT = "shacl-QualifiedMinCount", \
        "SHACL sh:qualifiedMinCount: too few values of the qualified shape"
    SHACL_QUALIFIED_MAX_COUNT = "shacl-QualifiedMaxCount", \
        "SHACL sh:qualifiedMaxCount: too many values of the qualified shape"
    SHACL_CLOSED = "shacl-Closed", "SHACL sh:closed: a property the shape does not allow"
    SHACL_HAS_VALUE = "shacl-HasValue", "SHACL sh:hasValue: a required value is missing"
    SHACL_IN = "shacl-In", "SHACL sh:in: a value not in the allowed list"
    SHACL_SPARQL = "shacl-SPARQL", "SHACL-SPARQL sh:sparql: a SPARQL-based constraint fails"

    @classmethod
    def of(cls, value: str) -> ProblemCode:
        """The declared code spelled ``value``; ValueError when there is none."""
        return cls(value)  # type: ignore[call-arg]  # a lookup by value, not __new__

    @classmethod
    def shacl(cls, component: str) -> ProblemCode:
        """The code of a SHACL constraint component, by its IRI or compact name."""
        name = component.rsplit("#", 1)[-1].rsplit(":", 1)[-1]
        return cls.of("shacl-" + name.removesuffix("ConstraintComponent"))


def markdown_table() -> str:
    """The README's table of codes (``python -m claimgraph.problemcodes`` prints it)."""
    rows = ["| code | what it means |", "|---|---|"]
    rows += [f"| `{c.value}` | {c.description} |" for c in ProblemCode
             if not c.value.startswith("shacl-")]
    shacl = ", ".join(f"`{c.value}`" for c in ProblemCode if c.value.startswith("shacl-"))
    rows.append(f"| {shacl} | `claimgraph check`: the SHACL constraint component that failed |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's helper
    print(markdown_table(), end="")
