"""What a value must look like, and the hint a case writer gets when it does not.

Each constrained string type of the models is declared once here as a :class:`TextPattern`
(its regular expression, what it is called in a message, the hint); the models use
``pattern.regex``, and the case loader finds the pattern a pydantic
``string_pattern_mismatch`` error reports in :data:`TEXT_PATTERNS`. The models' own
validators raise pydantic errors of their own types (``interval_order``, ``language_tag``
…), whose hints are :data:`ERROR_HINTS`. So a hint is chosen by the error's type and the
field's declared pattern, never by reading the wording of a message.

Examples
--------
>>> TEXT_PATTERNS[DATE.regex].what
'a date'
>>> ERROR_HINTS["interval_order"]
'put the earlier date first: START/END, e.g. 2021/2023'
"""

from __future__ import annotations

from typing import NamedTuple

from .dates import PARTIAL_DATE_PATTERN, TIME_PATTERN

__all__ = [
    "CASE_ID",
    "COLOR",
    "DATE",
    "ERROR_HINTS",
    "GRADE",
    "ID",
    "LANGUAGE",
    "NAME",
    "SHA256",
    "TEXT_PATTERNS",
    "TIME",
    "URL",
    "TextPattern",
]


class TextPattern(NamedTuple):
    """A constrained string type: its regular expression, what it is called in a message
    (``'05/2025' is not a date``) and the hint for a value that does not match."""

    regex: str
    what: str
    hint: str


_DATE_HINT = "write a date as YYYY, YYYY-MM or YYYY-MM-DD (an interval as START/END)"

ID = TextPattern(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", "a valid id",
                 "ids use letters, digits, '-', '_' and '.', and start with a letter or digit")
CASE_ID = TextPattern(r"^[a-z0-9][a-z0-9_\-]*$", "a valid case id",
                      "a case id uses lowercase letters, digits, '-' and '_'")
SAME_AS = TextPattern(r"^(?:[a-z0-9][a-z0-9_\-]*:)?[A-Za-z0-9][A-Za-z0-9_.\-]*$",
                      "an id, or CASE:ID for a record of another case",
                      "write the id of a record of this case (china), or the other case's id, "
                      "a colon and the record's id there (china-russia-nitrocellulose:china)")
NAME = TextPattern(r"^[a-z][a-z0-9_]*$", "a lowercase name (e.g. wikidata, think_tank)",
                   "use lowercase letters, digits and '_', starting with a letter")
DATE = TextPattern(PARTIAL_DATE_PATTERN, "a date", _DATE_HINT)
TIME = TextPattern(TIME_PATTERN, "a date or an interval", _DATE_HINT)
URL = TextPattern(r"^https?://\S+$", "a URL", "a URL must start with http:// or https://")
LANGUAGE = TextPattern(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$",
                       "a language tag (e.g. en, zh-Hans)",
                       "use a BCP 47 language tag, e.g. en, zh-Hans")
GRADE = TextPattern(r"^[A-Z]$", "a reliability grade", "use an Admiralty grade A-F")
SHA256 = TextPattern(r"^[0-9a-f]{64}$", "a SHA-256 hex digest",
                     "64 lowercase hex digits, as `sha256sum` prints them")
COLOR = TextPattern(r"^#[0-9a-fA-F]{6}$", "a colour", "write a colour as #rrggbb, e.g. #1f77b4")

TEXT_PATTERNS: dict[str, TextPattern] = {p.regex: p for p in (
    ID, CASE_ID, SAME_AS, NAME, DATE, TIME, URL, LANGUAGE, GRADE, SHA256, COLOR)}
"""Every constrained string type of the models and vocabularies, by its regular expression."""

ERROR_HINTS: dict[str, str] = {
    "date_syntax": _DATE_HINT,
    "date_range": _DATE_HINT,
    "interval_open": "give at least one end: START/.., ../END or START/END",
    "interval_order": "put the earlier date first: START/END, e.g. 2021/2023",
    "language_tag": LANGUAGE.hint,
}
"""Hints for the error types the models' own validators raise (see
:class:`claimgraph.schema.dates.DateError` and :func:`claimgraph.schema.models.bcp47_case`)."""
