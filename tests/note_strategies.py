"""Generated notes for the property tests of everything that writes to notes: arbitrary
front-matter (keys, comments, quoting, flow and block lists, unicode, empty values), arbitrary
bodies, LF or CRLF, with or without a BOM and a final newline."""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from notekit.read.config import Config
from notekit.read.fields import FieldReader
from notekit.write.edit import BOM

READER = FieldReader(Config())
SETTINGS = settings(
    max_examples=int(os.environ.get("NOTEKIT_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

words = st.text(
    alphabet=st.characters(
        codec="utf-8", categories=["L", "N", "Zs"], exclude_characters="\u2028\u2029\x85"
    ),
    min_size=1,
    max_size=12,
).map(lambda s: " ".join(s.split()) or "x")
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))
keys = st.one_of(
    st.sampled_from(
        [
            "name",
            "company",
            "Role",
            "tags",
            "aliases",
            "status",
            "cadence",
            "email",
            "Last Contact",
            "last_contacted",
            "lastContact",
            "next-contact",
            "follow_up_on",
            "nextFollowUp",
            "Reconnect On",
            "birthday",
            "type",
        ]
    ),
    st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True),
)


# the strategies the generators below draw from, built once: a strategy built inside a
# composite is built and validated again for every example, which costs more than the test
COMMENTS = st.sampled_from(["", "", " # note", "  # ünïcode"])
DATE_FORMS = st.sampled_from(["{}", "'{}'", '"{}"', "{} 09:30", ""])
KINDS = st.sampled_from(["plain", "single", "double", "flow", "block", "empty"])
ITEMS = st.lists(words, min_size=1, max_size=3)
INDENTS = st.sampled_from(["  ", "", "    "])
KEY_LISTS = st.lists(keys, max_size=8, unique_by=lambda k: READER.field_of(k) or k.lower())
AFTER_VALUE = st.lists(st.sampled_from(["", "   ", "  # why this date"]), max_size=2)
BODY = st.lists(
    st.one_of(
        words,
        st.just(""),
        st.sampled_from(["## Log", "## Notes", "# Title", "```", "> quote", "- [ ] a task"]),
        st.builds(lambda d, w: f"- {d.isoformat()} call: {w}", dates, words),
        st.builds(lambda w: f"- {w}", words),
    ),
    max_size=10,
)
NEWLINES = st.sampled_from(["\n", "\r\n"])


@st.composite
def value_lines(draw: st.DrawFn, key: str) -> list[str]:
    """One key and its value in some YAML style; date-ish keys get date-ish values."""
    comment = draw(COMMENTS)
    if READER.field_of(key) in ("last_contact", "next_contact"):
        date = draw(dates).isoformat()
        form = draw(DATE_FORMS)
        return [f"{key}: {form.format(date) if form else ''}{comment}".rstrip()]
    kind = draw(KINDS)
    items = draw(ITEMS)
    if kind == "plain":
        return [f"{key}: {items[0]}{comment}"]
    if kind == "single":
        return [f"{key}: '{items[0]}'{comment}"]
    if kind == "double":
        return [f'{key}: "{items[0]}"{comment}']
    if kind == "flow":
        return [f"{key}: [{', '.join(items)}]{comment}"]
    if kind == "block":
        indent = draw(INDENTS)
        return [f"{key}:{comment}", *(f"{indent}- {item}" for item in items)]
    return [f"{key}:{comment}"]


@st.composite
def notes(draw: st.DrawFn, with_front_matter: bool = True) -> bytes:
    chosen = draw(KEY_LISTS)
    front: list[str] = []
    for key in chosen:
        if draw(st.booleans()) and draw(st.booleans()):
            front.append("# a comment line")
        front.extend(draw(value_lines(key)))
        # what may follow a value and belongs to nobody: a blank, an indented comment
        front.extend(draw(AFTER_VALUE))
    body = draw(BODY)
    lines = (["---", *front, "---"] if with_front_matter else []) + body
    newline = draw(NEWLINES)
    text = newline.join(lines)
    if draw(st.booleans()):
        text += newline
    data = text.encode("utf-8")
    return (BOM.encode() + data) if draw(st.booleans()) else data
