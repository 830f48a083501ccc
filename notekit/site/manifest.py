"""The site's manifest: what a build wrote and what each person page was made from, so that
the next build renders again only what changed and deletes only what it wrote.

Every person page has a fingerprint of everything it shows. The costly part of it, what the
notes feeding the page say (the notes that mention the person, their ties and where links
lead), is kept with the list of those notes and the digest of every note of the vault. A
build on the same day and settings, with the same notes (none added or removed), works that
part out again only for the pages fed by a note whose bytes changed, before or after the
change; every other page keeps it, and its whole fingerprint with it, since the rest is made of
those notes, the day and the config. Anything else (a new day, another config, a note added,
removed or renamed, a person's name, an org's size) makes every page's anew.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from notekit.read.files import read_regular

MANIFEST = ".notekit-site.json"
EMPTY_MANIFEST = b'{"pages": {}, "files": {}}\n'


@dataclass
class Inputs:
    """What the person pages of a build were made from."""

    base: str  # the digest of what every page depends on alike
    notes: list[tuple[str, str]]  # every note's path and digest, sorted by path
    pages: dict[str, tuple[str, list[int]]]  # page -> digest of its notes' part, those notes

    def changed_notes(self, base: str, digests: dict[str, str]) -> set[str] | None:
        """The notes whose bytes changed since; None when every page must be worked out anew
        (what all depend on changed, or a note was added or removed)."""
        then = dict(self.notes)
        if base != self.base or then.keys() != digests.keys():
            return None
        return {path for path, digest in then.items() if digests[path] != digest}

    def pages_fed_by(self, changed: set[str]) -> set[str]:
        """The pages that one of these notes fed when they were made."""
        places = {n for n, (path, _) in enumerate(self.notes) if path in changed}
        return {page for page, (_, fed) in self.pages.items() if not places.isdisjoint(fed)}

    @classmethod
    def of_json(cls, data: object) -> Inputs | None:
        """The inputs as a manifest holds them; None for anything of another shape (a
        manifest of an older build, or one notekit did not write): every page anew then."""
        if not isinstance(data, dict):
            return None
        base, notes, pages = data.get("base"), data.get("notes"), data.get("pages")
        if not (isinstance(base, str) and isinstance(notes, list) and isinstance(pages, dict)):
            return None
        if not all(_is_pair(item) for item in notes):
            return None
        kept: dict[str, tuple[str, list[int]]] = {}
        for page, value in pages.items():
            if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)):
                return None
            fed = value[1]
            if not (isinstance(fed, list) and _are_places(fed, len(notes))):
                return None
            kept[page] = (value[0], fed)
        return cls(base, [(path, digest) for path, digest in notes], kept)


def _is_pair(item: object) -> bool:
    return (
        isinstance(item, list)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], str)
    )


def _are_places(items: list[object], count: int) -> bool:
    """Whether these are places in a list of `count` notes (ten thousand pages' lists are
    checked at every build: the cheapest check that holds)."""
    if not all(type(n) is int for n in items):
        return False
    places: list[int] = items  # type: ignore[assignment]
    return not places or (min(places) >= 0 and max(places) < count)


@dataclass
class Manifest:
    pages: dict[str, str]  # person page -> fingerprint of its inputs
    files: dict[str, str]  # every file written -> digest of what was written
    inputs: Inputs | None = None


def read_manifest(out: Path) -> Manifest:
    """The manifest of the site in `out`; an empty one when it is missing or unreadable."""
    try:
        data = json.loads(read_regular(out / MANIFEST).decode("utf-8"))
    except (OSError, ValueError):
        return Manifest({}, {})
    if not isinstance(data, dict):
        return Manifest({}, {})
    pages, files = data.get("pages"), data.get("files")
    return Manifest(
        pages if isinstance(pages, dict) else {},
        files if isinstance(files, dict) else {},
        Inputs.of_json(data.get("inputs")),
    )


def manifest_pieces(version: str, manifest: Manifest) -> Iterator[str]:
    """The manifest as written, compact (the inputs of ten thousand pages are many: 16 MB at
    50,000 people), a part at a time so that it is never held whole: the pieces join into
    `json.dumps` of the whole with sorted keys, and a new line."""
    yield '{"files":'
    yield _compact(manifest.files)
    if manifest.inputs is not None:
        yield ',"inputs":{"base":'
        yield _compact(manifest.inputs.base)
        yield ',"notes":'
        yield _compact(manifest.inputs.notes)
        yield ',"pages":'
        yield _compact(manifest.inputs.pages)
        yield "}"
    yield ',"pages":'
    yield _compact(manifest.pages)
    yield ',"version":'
    yield _compact(version)
    yield "}\n"


def _compact(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
