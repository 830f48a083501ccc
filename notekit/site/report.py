"""The static HTML report (SPEC §7): Jinja2 templates inside the package, no network at all.

Autoescaping is on for every value. The site depends only on the vault and `today`, so the same
input gives the same bytes. Building is incremental: each person page has a fingerprint of
everything it shows, kept in a manifest beside the pages, and is rendered again only when that
changes; a file is rewritten only when its bytes differ; pages of people who are gone are
deleted (only files the manifest lists: nothing else in the folder is touched).
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import hashlib
import heapq
import html
import itertools
import operator
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote

from notekit import __version__
from notekit.core.dates import add_days
from notekit.core.errors import SiteError
from notekit.core.model import Opportunity, ParsedNote, Person, Problem
from notekit.core.syntax import HIDDEN, TEXT, body_lines, note_lines, without_comments
from notekit.core.words import counted
from notekit.present import views
from notekit.read.files import (
    create_exclusive,
    flush_to_disk,
    folder_lock,
    open_regular,
    read_regular,
    replace_atomic,
)
from notekit.read.vault import DailyNotes, attachments
from notekit.rules.check import check_vault
from notekit.rules.contact import last_heard
from notekit.rules.due import FollowUp, follow_up
from notekit.rules.engagement import STATUSES, Tally, reciprocity, stats
from notekit.rules.match import fold
from notekit.rules.moments import moment_text
from notekit.rules.network import Graph, tie_inputs, ties
from notekit.rules.orgs import history_lines, org_matcher
from notekit.rules.plan import week_plan
from notekit.rules.week import is_week_note, week_of
from notekit.site import charts, network
from notekit.site.drafts import USER_TEMPLATES, Draft, DraftTemplates, mailto, render_draft
from notekit.site.manifest import (
    EMPTY_MANIFEST,
    MANIFEST,
    Inputs,
    Manifest,
    manifest_pieces,
    read_manifest,
)
from notekit.site.templating import Markup, bytecode_folder, page_environment
from notekit.store import parallel
from notekit.store.index import Index
from notekit.store.kept import kept_or_made
from notekit.store.reading import read_bytes

ASSETS = ("style.css", "app.js")
WEEK_LIST = 20  # items of each list on the week page: it stays small however large the vault
CONNECTIONS = 12  # ties listed on a person page, the strongest first
SPLIT_FROM = 100  # person pages to render from which a second process renders half of them
_TEMPLATES = (
    "base.html",
    "index.html",
    "people.html",
    "person.html",
    "problems.html",
    "network.html",
    *ASSETS,
    *(f"draft/{name}.md" for name in ("_parts", "email", "linkedin", "message")),
)
_SPECIAL = re.compile(r"[&<>\"']")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PATH = operator.attrgetter("path")
_SOURCE = operator.attrgetter("source")


def _escape(text: str) -> str:
    """For markup built outside templates: quotes too, as Jinja's escaping. Most text has
    nothing to escape, and looking is cheaper than replacing."""
    return html.escape(text) if _SPECIAL.search(text) else text


_OWN_PAGE = re.compile(r"people/[a-z0-9-]+\.html")


@dataclass
class BuildResult:
    index_html: Path
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Carried:
    """What a long-running caller (`watch`) hands from one build to the next, each part with
    what it was made from, used while that is unchanged: the ties between people and the
    backlinks (in a vault of linked notes they cost more than the rest of a rebuild up to the
    edited page), and the manifest it wrote."""

    ties: tuple[object, Graph] | None = None
    manifest: tuple[object, Manifest] | None = None  # as written, with its file's stat
    # everyone's backlinks, with what links resolved by and each note's digest
    backlinks: tuple[object, dict[str, str], Backlinks] | None = None


@dataclass(frozen=True)
class Backlink:
    source: str
    line: int | None
    context: str  # the linking line as written: made plain only for a page that is rendered


Backlinks = dict[str, list[Backlink]]  # person path -> the notes that link them, by path


def build_site(
    index: Index,
    today: dt.date,
    out_dir: Path,
    force: bool = False,
    carried: Carried | None = None,
) -> BuildResult:
    """Write (or bring up to date) the site in `out_dir`; a folder holding files notekit did
    not write is refused (SiteError) unless `force`. `carried`: what the previous build of
    this process left for this one, filled in for the next."""
    return _Site(index, today, out_dir, carried).build(force)


class _Site:
    def __init__(
        self, index: Index, today: dt.date, out_dir: Path, carried: Carried | None = None
    ) -> None:
        self.index = index
        self.today = today
        self.out = out_dir
        self.carried = carried
        self.env = page_environment(bytecode_folder(index.vault))
        self.env.filters["plain"] = views.plain
        self.env.filters["mailto"] = mailto
        self.env.globals["moment_text"] = moment_text
        self.env.globals["counted"] = counted
        self.env.globals["waiting_text"] = views.waiting_text
        self.env.globals["rest_text"] = views.rest_text
        self._follows: dict[str, FollowUp] = {}  # worked out as asked for (`follow`)
        self._heard: dict[str, dt.date | None] = {}
        self.slugs = _slugs(index.people)
        self.vault_name = index.vault.name
        self._obsidian_vault = f"obsidian://open?vault={quote(self.vault_name, safe='')}&file="
        self.result = BuildResult(out_dir / "index.html")
        self.version = _template_version()
        self.render_markdown: Callable[[str], str] | None = None
        self.files: dict[str, str] = {}  # each file of the site -> digest of what it holds
        self._target_pages: dict[str, str | None] = {}
        self.unsynced = False  # person pages were written without an fsync each (`_pages`)
        self.inputs: Inputs | None = None  # what the person pages were made from
        self._backlinks: Backlinks | None = None
        self._backlinks_for: set[str] | None = None  # whose backlinks are needed; None: all
        self._writing: list[Callable[[], None]] = []  # second processes keeping what was made

    def backlinks(self, person: Person) -> list[Backlink]:
        """The notes that link the person, each once: found for the people whose pages are
        worked out, not the whole vault's, when an edit changed a few."""
        if self._backlinks is None:
            self._backlinks = self._find_backlinks()
        return self._backlinks.get(person.path, [])

    def _find_backlinks(self) -> Backlinks:
        """Those of the people asked for; in a build that carries them (`watch`), everyone's,
        found again only in the notes that changed since the previous build, as long as
        every link leads where it did."""
        if self.carried is None:
            return _backlinks(self.index, self.index.notes.values(), self._backlinks_for)
        notes = self.index.notes
        leads = (
            self.index.config.fingerprint,
            self.index.paths,
            [(p.path, p.name, p.aliases) for p in self.index.people],
        )
        digests = {path: note.digest for path, note in notes.items()}
        kept = self.carried.backlinks
        if kept is not None and kept[0] == leads:
            changed = {path for path, digest in digests.items() if kept[1][path] != digest}
            found = _backlinks_replaced(self.index, kept[2], [notes[path] for path in changed])
        else:
            found = _backlinks(self.index, notes.values())
        self.carried.backlinks = (leads, digests, found)
        return found

    def _want_backlinks(self, paths: set[str]) -> None:
        """Make sure the backlinks of these people are found."""
        wanted = self._backlinks_for
        if wanted is None or paths <= wanted:
            return
        self._backlinks_for = wanted | paths
        self._backlinks = None

    @functools.cached_property
    def problems(self) -> list[Problem]:
        """Every problem of the vault: for the lists and the week page, which come after the
        person pages (an edit's page is written first)."""
        return check_vault(self.index, self.today, attachments(self.index.vault))

    def _common(self) -> dict[str, Any]:
        """What the lists and the week page all show."""
        return {
            "title": self.index.config.report_title,
            "today": self.today,
            "problem_count": len(self.problems),
            "root": "",
        }

    def follow(self, person: Person) -> FollowUp:
        """The person's follow-up state; after an edit only the pages worked out again ask
        before the lists, which ask for everyone's."""
        found = self._follows.get(person.path)
        if found is None:
            found = self._follows[person.path] = follow_up(person, self.index, self.today)
        return found

    @functools.cached_property
    def follows(self) -> dict[str, FollowUp]:
        return {p.path: self.follow(p) for p in self.index.people}

    def last_heard(self, person: Person) -> dt.date | None:
        """When I last heard from the person: how fresh the tie is."""
        if person.path not in self._heard:
            self._heard[person.path] = last_heard(person, self.index, self.today)
        return self._heard[person.path]

    @functools.cached_property
    def heard(self) -> dict[str, dt.date | None]:
        return {p.path: self.last_heard(p) for p in self.index.people}

    @functools.cached_property
    def graph(self) -> Graph:
        """Who knows whom: for the network page and each person's connections; the previous
        build's when nothing ties are made of changed."""
        inputs = tie_inputs(self.index, self.today)
        if self.carried is None:
            graph, written = kept_or_made(
                self.index.vault, "ties", inputs, lambda: ties(self.index, self.today)
            )
            self._writing.append(written)
            return graph
        if self.carried.ties is not None and self.carried.ties[0] == inputs:
            return self.carried.ties[1]
        graph = ties(self.index, self.today)
        self.carried.ties = (inputs, graph)
        return graph

    def connections(self, person: Person) -> list[tuple[Person, float, list[str]]]:
        """The person's strongest ties: who, how strong, and the evidence."""
        people = self.index.person_at
        found = [
            (other, tie.strength, tie.evidence)
            for path, tie in self.graph.get(person.path, {}).items()
            if (other := people(path)) is not None
        ]
        found.sort(key=lambda item: (-item[1], item[0].name.casefold()))
        return found[:CONNECTIONS]

    def write_link(self, person: Person, draft: Draft | None = None) -> str | None:
        """Where to write to them: a `mailto:` holding the email draft when the note has an
        address, else their LinkedIn profile; nowhere when their note says not to write."""
        if not person.may_be_asked:
            return None
        if person.emails:
            return mailto(person.emails[0], draft or self.draft(person, "email"))
        if person.linkedin and person.linkedin.startswith(("https://", "http://")):
            return person.linkedin
        return None

    @functools.cached_property
    def draft_templates(self) -> DraftTemplates:
        """The vault's draft templates, looked up once (a SiteError when they lead out of it)."""
        return DraftTemplates.of(self.index.vault)

    def draft(
        self, person: Person, channel: str | None = None, raw: bytes | None = None
    ) -> Draft | None:
        """The draft `notekit draft` writes to them, framed by the reason to write; None when
        the note has too little, says not to write to them, or the vault's template cannot be
        used. `raw`: the note's bytes, when they were read already."""
        from notekit.rules.draft import draft_facts
        from notekit.store.reading import note_parts, read_parts

        if not person.may_be_asked:
            return None
        parts = (
            note_parts(raw, self.index.note_of(person), self.index.fields)
            if raw is not None
            else read_parts(self.index.vault, person.path, self.index.fields)
        )
        facts = draft_facts(
            person,
            parts,
            self.index.interactions_of(person),
            self.index,
            self.today,
            channel,
            written_in=self.draft_templates.written_in,
        )
        try:
            return render_draft(facts, self.draft_templates) if facts.enough else None
        except SiteError:
            return None  # a template of the vault's that cannot be used: no draft

    def page_of(self, person: Person | None, prefix: str = "") -> str | None:
        return f"{prefix}{self._rel(person.path)}" if person else None

    def _page_of_target(self, target: str) -> str | None:
        """The page a link target leads to, if it is a person's: looked up once per build (the
        same names come from many notes), and kept with this build alone (`watch` makes one
        build after another in one process)."""
        if target not in self._target_pages:
            self._target_pages[target] = self.page_of(self.index.resolve(target).person)
        return self._target_pages[target]

    def link_to(self, person: Person) -> Markup:
        """A link to the person's page: a template macro costs several times more, and the
        week page holds thousands of them in a large vault."""
        return Markup('<a href="%s">%s</a>') % (self.page_of(person), person.name)

    def obsidian(self, path: str) -> str:
        """The link that opens the note in Obsidian (a page has several)."""
        return self._obsidian_vault + quote(path[:-3] if path.endswith(".md") else path, safe="")

    def build(self, force: bool) -> BuildResult:
        check_output(self.out, self.index.vault)
        self.out.mkdir(parents=True, exist_ok=True)
        with folder_lock(self.out):  # one build of a folder at a time
            if not force:
                _refuse_foreign(self.out)  # as another build may just have left it
            if not (self.out / MANIFEST).is_file():  # the folder is notekit's from now on
                _write_if_changed(self.out / MANIFEST, EMPTY_MANIFEST)
            try:
                return self._build()
            finally:
                for written in self._writing:  # what is kept for the next build
                    written()

    def _build(self) -> BuildResult:
        people_dir = self.out / "people"
        if people_dir.is_symlink():
            raise SiteError(f"{people_dir} is a symbolic link; notekit writes only real folders")
        people_dir.mkdir(exist_ok=True)
        old = self._prior_manifest()
        self.files = dict(old.files)
        (pages, (written, files)), (overview, overview_files) = parallel.both(
            lambda: self._pages(old), self._overview
        )
        self.files.update(files)
        self.files.update(overview_files)
        self.result.written = sorted([*written, *overview])
        for stale in sorted(old.pages.keys() - pages.keys()):
            if self._remove_own(stale):
                self.result.removed.append(stale)
            self.files.pop(stale, None)
        manifest = Manifest(pages, self.files, self.inputs)
        if self.unsynced:
            flush_to_disk()  # the manifest vouches for the pages: they reach the disk first
        _replace_if_changed(self.out / MANIFEST, manifest_pieces(self.version, manifest))
        if self.carried is not None:
            self.carried.manifest = (_file_stat(self.out / MANIFEST), manifest)
        return self.result

    def _prior_manifest(self) -> Manifest:
        """The manifest of the site: the one this process wrote last, as long as the file is
        still that one (another build of the folder may have come between)."""
        kept = self.carried.manifest if self.carried is not None else None
        if kept is not None and kept[0] == _file_stat(self.out / MANIFEST):
            return kept[1]
        return read_manifest(self.out)

    def _remove_own(self, rel: str) -> bool:
        """Delete a page of the site that is no longer needed: only a person page that the
        manifest lists and that still holds exactly what notekit wrote there."""
        digest = self.files.get(rel)
        if digest is None or not _OWN_PAGE.fullmatch(rel):
            return False
        path = self.out / rel
        try:
            if path.is_symlink() or _file_digest(read_regular(path)) != digest:
                return False
            path.unlink()
        except OSError:
            return False
        return True

    def _pages(self, old: Manifest) -> tuple[dict[str, str], Written]:
        """Every file but index.html (built beside): the fingerprint of each person page, what
        was written, and the digest of each file. Many pages to render (a first build) are
        rendered half here and half in a second process, and not synced one by one: thousands
        of fsyncs would cost more than the rendering; one flush before the manifest does."""
        pages, todo, kept = self._fingerprints(old)
        if len(todo) < SPLIT_FROM:
            done = _joined(self._person_pages(todo), self._lists())
        else:
            self.unsynced = True
            _ = self.graph  # worked out here, once: the second process takes it as it forks
            half = len(todo) // 2
            done = _joined(
                *parallel.both(
                    lambda: _joined(
                        self._person_pages(todo[half:], durable=False),
                        self._lists(),
                    ),
                    lambda: self._person_pages(todo[:half], durable=False),
                )
            )
        return pages, (done[0], {**kept, **done[1]})

    def _fingerprints(self, old: Manifest) -> tuple[dict[str, str], list[Person], Files]:
        """Each person page's fingerprint; the people whose page must be rendered again (its
        fingerprint changed, or the file is gone); and the digests of pages kept that a site
        from before digests were kept lacks. What the notes feeding a page say is worked out
        again only for the pages a changed note feeds (`site.manifest`)."""
        present = set(os.listdir(self.out / "people"))
        notes = sorted((path, note.digest) for path, note in self.index.notes.items())
        base = self._fingerprint_base.hexdigest()
        prior = old.inputs
        changed = prior.changed_notes(base, dict(notes)) if prior is not None else None
        again = None
        if prior is not None and changed is not None:
            again = self._fed_by(changed) | prior.pages_fed_by(changed)
            # the first to ask for backlinks: those of the pages worked out again alone
            if self.carried is None:  # which finds everyone's at little cost
                self._backlinks_for = {
                    p.path for p in self.index.people if self._rel(p.path) in again
                }
        place = {path: n for n, (path, _) in enumerate(notes)}
        parts: dict[str, tuple[str, list[int]]] = {}
        pages: dict[str, str] = {}
        todo: list[Person] = []
        kept: Files = {}
        for person in self.index.people:
            rel = self._rel(person.path)
            part = None if prior is None or again is None or rel in again else prior.pages.get(rel)
            fingerprint = old.pages.get(rel) if part is not None else None
            if part is None:
                said, fed = self._notes_part(person)
                part = (said, sorted({place[path] for path in fed}))
            if fingerprint is None:  # else the rest of it is made of those notes and the base
                fingerprint = self._fingerprint(person, part[0])
            parts[rel] = part
            pages[rel] = fingerprint
            if old.pages.get(rel) != fingerprint or self.slugs[person.path] not in present:
                todo.append(person)
            elif rel not in self.files:
                try:
                    kept[rel] = _file_digest(read_regular(self.out / rel))
                except OSError:  # something else in the page's place: the page is written
                    todo.append(person)
        self._want_backlinks({person.path for person in todo})
        self.inputs = Inputs(base, notes, parts)
        return pages, todo, kept

    def _rel(self, path: str) -> str:
        """The site's file of the person at `path`."""
        return f"people/{self.slugs[path]}"

    def _fed_by(self, changed: set[str]) -> set[str]:
        """The pages these notes feed as they are now: their own person's, those of the people
        they link to (a task's or an entry's links among them), and those of their person's
        ties."""
        resolve = self.index.resolve
        found: set[str] = set()
        for path in changed:
            note = self.index.notes[path]
            if self.index.person_at(path) is not None:
                found.add(path)
                found.update(self.graph.get(path, {}))  # `knows`, orgs: no link needed
            targets = (link.target for link in note.links if not link.in_code)
            found.update(p.path for target in targets if (p := resolve(target).person))
        return {self._rel(path) for path in found}

    def _person_pages(self, people: list[Person], durable: bool = True) -> Written:
        """Render and write these people's pages: what was written, and each one's digest."""
        written: list[str] = []
        files: Files = {}
        template = self.env.get_template("person.html")
        for person in people:
            rel = self._rel(person.path)
            html = template.render(**self._person_context(person))
            files[rel] = self._write(rel, html, written, durable)
        return written, files

    def _lists(self) -> Written:
        """people.html, network.html, problems.html and the assets (the ties between people
        are worked out here, where both need them)."""
        written: list[str] = []
        files: Files = {}
        common = self._common()
        here = f"<!--rows {os.urandom(16).hex()}-->"  # no note can say it: the rows go there
        page = self.env.get_template("people.html").render(
            **common, rows=Markup(here), tags=self._all_tags()
        )
        head, tail = page.split(here)
        files["people.html"] = self._write_streamed(
            "people.html", itertools.chain([head], _lines(self._people_rows()), [tail]), written
        )
        files["network.html"] = self._write(
            "network.html",
            self.env.get_template("network.html").render(**common, **self._network_context()),
            written,
        )
        files["problems.html"] = self._write(
            "problems.html",
            self.env.get_template("problems.html").render(
                **common, problems=self.problems, obsidian=self.obsidian
            ),
            written,
        )
        for asset in ASSETS:
            text = resources.files("notekit.site").joinpath(f"templates/{asset}").read_text("utf-8")
            files[asset] = self._write(asset, text, written)
        return written, files

    def _overview(self) -> Written:
        """index.html, the week: what was written, and its digest."""
        index_html = self.env.get_template("index.html").render(
            **self._common(), **self._week_context()
        )
        written: list[str] = []
        return written, {"index.html": self._write("index.html", index_html, written)}

    def _network_context(self) -> dict[str, Any]:
        found = network.picture(
            self.index, self.graph, self.heard, self.today, lambda p: self.page_of(p)
        )
        people = self.index.person_at
        strongest = heapq.nsmallest(
            network.LISTED,
            (
                (-tie.strength, a, b)
                for a, others in self.graph.items()
                for b, tie in others.items()
                if a < b and not network.only_colleagues(tie)  # the boxes show those
            ),
        )
        return {
            "page": "network",
            "picture": found,
            "strongest": [
                (one, two, self.graph[a][b])
                for _, a, b in strongest
                if (one := people(a)) and (two := people(b))
            ],
            "who": self.link_to,
        }

    def _write(self, rel: str, text: str, written: list[str], durable: bool = True) -> str:
        """Write one file of the site when its content changed; the digest of the content."""
        data = text.encode("utf-8")
        if _write_if_changed(self.out / rel, data, durable):
            written.append(rel)
        return _file_digest(data)

    def _write_streamed(self, rel: str, chunks: Iterable[str], written: list[str]) -> str:
        """`_write` for a page too large to hold whole (people.html: 30 MB at 50,000 people),
        written as it is made."""
        changed, digest = _replace_if_changed(self.out / rel, chunks)
        if changed:
            written.append(rel)
        return digest

    def _week_context(self) -> dict[str, Any]:
        index, today = self.index, self.today
        week = week_of(index, today, index.interactions_of, self.follows)
        follows = list(self.follows.values())
        dates = [d for p in index.people for d in index.contact_dates_of(p)]
        found_plan = week_plan(index, today)
        return {
            "week_name": week.name,
            "week_start": week.start,
            "week_end": week.end,
            "plan": found_plan,
            "plan_context": {
                p.person.path: views.context_line(p.person, index.interactions_of(p.person), today)
                for p in found_plan.picks
            },
            "reach_of": views.reach_via,
            "write_link": {p.person.path: self.write_link(p.person) for p in found_plan.picks},
            "shown": WEEK_LIST,
            "report": week.report,
            "no_cadence": views.no_cadence_hint(week.report),
            "promises": [(p.due, p.people, p.text) for p in week.promises],
            "recent": week.recent,
            "figures": {
                "people": len(index.people),
                "contacted_30": _contacted_within(follows, today, 30),
                "contacted_90": _contacted_within(follows, today, 90),
                "overdue": week.overdue,
            },
            "weekly": charts.weekly_interactions(dates, today),
            "freshness": charts.freshness(follows, self.heard, today),
            **self._working(),
            "context_of": lambda person, today: views.context_line(
                person, index.interactions_of(person), today
            ),
            "who": self.link_to,
        }

    def _working(self) -> dict[str, Any]:
        """ "Is it working?": the last six months by month, goals for them, opportunities."""
        today = self.today
        start = dt.date(today.year, today.month, 1)
        for _ in range(charts.MONTHS - 1):
            start = (start - dt.timedelta(days=1)).replace(day=1)
        found = stats(self.index, today, start, today, by="month")
        by_month = dict(found.groups)
        months = []
        day = start
        while day <= today:
            key = day.strftime("%Y-%m")
            months.append((day.strftime("%b %Y"), (by_month.get(key) or Tally()).as_dict()))
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        kinds: dict[str, dict[str, int]] = {}
        still_open: list[tuple[dt.date, Person, Opportunity]] = []
        for path, chances in self.index.opportunities.items():
            for chance in chances:
                if start <= chance.date <= today:
                    counts = kinds.setdefault(chance.kind, dict.fromkeys(STATUSES, 0))
                    counts[chance.status] += 1
                if chance.status == "open" and (person := self.index.person_at(path)):
                    still_open.append((chance.date, person, chance))
        still_open.sort(key=lambda item: (item[0], item[1].name.casefold()), reverse=True)
        return {
            "working": found,
            "working_total": found.total.as_dict(),
            "monthly": charts.monthly_engagement(months),
            "month_names": [name for name, _ in months],
            "opportunity_kinds": sorted(kinds.items()),
            "open_opportunities": [(person, chance) for _, person, chance in still_open],
        }

    def _people_rows(self) -> Iterator[str]:
        """The rows of people.html, built here rather than in the template: a vault of ten
        thousand people would otherwise spend most of a rebuild in the template loop. Every
        value goes through `html.escape`, as autoescaping would. Made one at a time, as the
        page is written."""
        for person in self.index.people:
            follow = self.follows[person.path]
            last = views.iso(follow.last_contact) or ""
            due = views.iso(follow.due) or ""
            state = ""
            if follow.due and follow.due <= self.today:
                state = "overdue" if follow.due < self.today else "today"
            shown_due = due or ("" if person.followed_up else (person.status or "inactive"))
            search = fold(
                " ".join(
                    [
                        person.name,
                        *person.aliases,
                        person.company or "",
                        person.role or "",
                        person.context or "",
                        *person.tags,
                        *person.history,
                    ]
                )
            )
            name, company, context = (
                _escape(person.name),
                _escape(person.company or ""),
                _escape(person.context or ""),
            )
            tags = _escape(", ".join(person.tags))
            yield (
                f'<tr data-search="{_escape(search)}" '
                f'data-tags="|{_escape("|".join(person.tags)).lower()}|" '
                f'data-state="{state}" data-name="{name.lower()}" '
                f'data-company="{company.lower()}" '
                f'data-tags-sort="{tags.lower()}" data-context="{context.lower()}" '
                f'data-last="{last}" data-due="{due}">'
                f'<td class="name"><a href="{_escape(self.page_of(person) or "")}">'
                f"{name}</a></td><td>{company}</td>"
                f'<td class="tags">{tags}</td><td class="context">{context}</td>'
                f'<td class="date">{last or "never"}</td>'
                f'<td class="date {state}">{_escape(shown_due)}</td></tr>'
            )

    def _all_tags(self) -> list[str]:
        return sorted({t.lower() for p in self.index.people for t in p.tags})

    def _fingerprint(self, person: Person, said: str) -> str:
        """Changes whenever anything the person's page shows may have changed: what the notes
        feeding it say (`said`, from `_notes_part`), the follow-up state, and the day while a
        message of theirs or mine may still be answered."""
        follow = self.follow(person)
        dates = self.index.contact_dates_of(person)  # the touches are among them
        window = add_days(self.today, -self.index.config.reply_days - 1)
        data = repr(
            (
                said,
                follow.due,
                follow.reason,
                follow.last_contact,
                self.last_heard(person),
                # the give and take changes with the day while a reply window is open
                self.today if dates and dates[-1] >= window else None,
            )
        )
        digest = self._fingerprint_base.copy()
        digest.update(data.encode())
        return digest.hexdigest()

    def _notes_part(self, person: Person) -> tuple[str, set[str]]:
        """What the notes feeding the person's page say, as a digest, and those notes: the
        content of each note that mentions them and the page it is shown as (another
        person's, whose file name a namesake can move), where their links lead, and their
        ties."""
        notes = self.index.notes
        sources = sorted(
            {i.source for i in self.index.interactions_of(person)}
            | {t.source for t in self.index.tasks_of(person)}
            | {b.source for b in self.backlinks(person)}
            | {person.path}
        )
        targets = sorted(
            {link.target for link in notes[person.path].links if not link.in_code}
            | {*person.introduced_by, *person.knows}
        )
        tied = self.graph.get(person.path, {})
        data = repr(
            (
                self.slugs[person.path],
                [(s, notes[s].digest, self.slugs.get(s)) for s in sources],
                [(t, self._page_of_target(t)) for t in targets],
                # each tie's evidence is made of the notes above (what links or mentions the
                # person) and the other person's note, whose content stands for it; the
                # strength also weighs how many share an org (`_fingerprint_base`)
                [(other, tie.strength, notes[other].digest) for other, tie in sorted(tied.items())],
            )
        )
        said = hashlib.blake2b(data.encode(), digest_size=12).hexdigest()
        return said, {*sources, *tied}

    @functools.cached_property
    def _fingerprint_base(self) -> Any:  # noqa: ANN401 - hashlib's blake2b has no public type
        """What every page depends on alike, hashed once: templates (notekit's and the vault's
        own draft templates), day, config, vault, which notes are daily notes, everyone's
        names (a memory that names someone of the vault is kept out of their draft) and how
        many were at each org (the ties between any two there weigh it)."""
        own = self.index.vault / USER_TEMPLATES
        drafts = (
            sorted(
                (p.relative_to(own).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
                for p in own.rglob("*")  # a language's folder too
                if p.is_file()
            )
            if own.is_dir()
            else []
        )
        names = sorted((p.name, *p.aliases) for p in self.index.people)
        org = org_matcher(self.index.config)
        orgs = collections.Counter(
            org(stint.org) for p in self.index.people for stint in p.known_stints
        )
        shared = (
            self.version,
            self.today,
            self.index.config.fingerprint,
            self.vault_name,
            DailyNotes(self.index.vault, self.index.config).settings,
            drafts,
            names,
            sorted(orgs.items()),
        )
        return hashlib.blake2b(repr(shared).encode(), digest_size=12)

    def _person_context(self, person: Person) -> dict[str, Any]:
        """Everything a person page shows, as plain data."""
        follow = self.follow(person)
        detail = views.person_detail(
            follow,
            self.last_heard(person),
            self.index.interactions_of(person),
            self.index.tasks_of(person),
        )
        detail["interactions"] = [
            dict(
                item,
                href=self._source_href(item["source"]),
                planned=item["date"] > self.today.isoformat(),
            )
            for item in reversed(detail["interactions"])
        ]
        detail["tasks"] = [dict(t, href=self._source_href(t["source"])) for t in detail["tasks"]]
        detail["history"] = history_lines(person, self.index.config, self.today)
        unknown = [  # people they know who have no note; the others are among the connections
            name
            for name in (*person.introduced_by, *person.knows)
            if self.index.resolve(name).person is None
        ]
        connections = [
            {"name": other.name, "href": self.page_of(other, "../"), "evidence": evidence}
            for other, _, evidence in self.connections(person)
        ]
        try:
            raw = read_bytes(self.index.vault, person.path)
        except OSError:
            raw = None
        draft = self.draft(person, "email" if person.emails else None, raw)
        return {
            "body_html": self._body_html(person, raw) if raw is not None else "",
            "opportunities": [
                {"date": o.date.isoformat(), "kind": o.kind, "status": o.status, "text": o.text}
                for o in self.index.opportunities.get(person.path, ())
                if o.status == "open"
            ],
            "draft": draft,
            "write": self.write_link(person, draft if person.emails else None),
            "not_to_write": None if person.may_be_asked else person.status,
            "title": self.index.config.report_title,
            "today": self.today.isoformat(),
            "root": "../",
            "person": detail,
            "give_and_take": views.reciprocity_text(reciprocity(person, self.index, self.today)),
            "unknown": unknown,
            "connections": connections,
            "backlinks": [
                {
                    "source": b.source,
                    "line": b.line,
                    "context": views.plain(b.context),
                    "href": self._source_href(b.source),
                }
                for b in self.backlinks(person)
            ],
            "obsidian": self.obsidian(person.path),
        }

    def _source_href(self, source: str) -> str:
        page = self.page_of(self.index.person_at(source), "../")
        return page or self.obsidian(source)

    def _body_html(self, person: Person, raw: bytes) -> str:
        note = self.index.note_of(person)
        lines = note_lines(raw.decode("utf-8", errors="replace").removeprefix("\ufeff"))
        lines = lines[note.body_start - 1 :] if note.has_front_matter else lines
        if any("<!--" in line for line in lines):  # left out, as a preview leaves comments
            lines = [  # (raw HTML is not rendered: a comment would show as text)
                without_comments(line) if kind == TEXT and "<!--" in line else line
                for _, line, kind in body_lines(lines)
                if kind != HIDDEN
            ]
        if self.render_markdown is None:
            from notekit.site.markdown import make_renderer  # only when a person page is written

            self.render_markdown = make_renderer(
                lambda t: self.page_of(self.index.resolve(t).person, "../")
            )
        return self.render_markdown("\n".join(lines))


Files = dict[str, str]  # each file of the site written or kept -> the digest of its bytes
Written = tuple[list[str], Files]  # what a part of a build wrote, and the digests of its files


def _joined(one: Written, two: Written) -> Written:
    return [*one[0], *two[0]], {**one[1], **two[1]}


def _contacted_within(follows: list[FollowUp], today: dt.date, days: int) -> int:
    since = today - dt.timedelta(days=days)
    return sum(1 for f in follows if f.last_contact and f.last_contact >= since)


def _backlinks(
    index: Index, notes: Iterable[ParsedNote], only: set[str] | None = None
) -> Backlinks:
    """These notes as backlinks of each person they link (of `only`, when given), by person
    path: each note once, by its first link to them."""
    found: dict[str, dict[str, Backlink]] = {}
    resolve = index.links.resolve  # once per link of the vault: tens of thousands
    for note in notes:
        source = note.path
        if is_week_note(source, index.config):
            continue  # a weekly review names everyone due: it mentions nobody in particular
        for link in note.links:
            if link.in_code:
                continue
            person = resolve(link.target).person
            if person is None or person.path == source:
                continue
            if only is not None and person.path not in only:
                continue
            linking = found.get(person.path)
            if linking is None:
                linking = found[person.path] = {}
            if source not in linking:
                linking[source] = Backlink(source, link.line or None, link.context)
    return {path: sorted(links.values(), key=_SOURCE) for path, links in found.items()}


def _backlinks_replaced(index: Index, found: Backlinks, changed: list[ParsedNote]) -> Backlinks:
    """Everyone's backlinks `found` before these notes changed, with what they say now (the
    links of every other note lead where they did)."""
    if not changed:
        return found
    gone = {note.path for note in changed}
    replaced = {
        path: kept
        for path, links in found.items()
        if (kept := [b for b in links if b.source not in gone])
    }
    for path, links in _backlinks(index, changed).items():
        replaced[path] = sorted([*replaced.get(path, []), *links], key=_SOURCE)
    return replaced


def _slugs(people: list[Person]) -> dict[str, str]:
    """A readable, stable file name per person; a number tells namesakes apart."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for person in sorted(people, key=_PATH):
        stem = person.stem
        if not stem.isascii():
            stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
        base = _NOT_SLUG.sub("-", stem.lower()).strip("-") or "person"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[person.path] = f"{slug}.html"
    return slugs


def _template_version() -> str:
    digest = hashlib.sha256(__version__.encode())
    for name in _TEMPLATES:
        digest.update(resources.files("notekit.site").joinpath(f"templates/{name}").read_bytes())
    return digest.hexdigest()[:16]


def _file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_stat(path: Path) -> tuple[int, ...] | None:
    """What tells one version of a file from another without reading it."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def _lines(items: Iterable[str]) -> Iterator[str]:
    """The items joined by new lines, a piece at a time."""
    for number, item in enumerate(items):
        yield f"\n{item}" if number else item


def _replace_if_changed(path: Path, chunks: Iterable[str]) -> tuple[bool, str]:
    """As `_write_if_changed` for a file too large to hold whole, encoded and digested as the
    chunks come: whether it was replaced (only when its digest changed, synced then), and the
    digest of the content."""
    try:
        with open_regular(path) as old:
            before: str | None = hashlib.file_digest(old, "sha256").hexdigest()
    except OSError:
        before = None
    summed = hashlib.sha256()

    def changed() -> bool:
        return summed.hexdigest() != before

    def write(handle: BinaryIO) -> None:
        for chunk in chunks:
            data = chunk.encode("utf-8")
            summed.update(data)
            handle.write(data)
        if changed():
            handle.flush()
            os.fsync(handle.fileno())

    replaced = replace_atomic(path, write, durable=False, still_valid=changed)
    return replaced, summed.hexdigest()


def _write_if_changed(path: Path, data: bytes, durable: bool = True) -> bool:
    """Atomically replace `path` with `data` unless it already holds exactly that (synced to
    disk unless not `durable`)."""
    try:
        if read_regular(path) == data:
            return False
    except OSError:
        pass
    replace_atomic(path, data, durable=durable)
    return True


def write_failure(exc: OSError, out: Path) -> str:
    """Why the site could not be written, naming the file at fault: the page a rename could not
    replace (`filename2`), not the temporary file it was written to."""
    return f"{exc.filename2 or exc.filename or out}: cannot write the report: {exc.strerror}"


HIDDEN_SITE = (".notekit", "site")


def hidden_site(vault: Path) -> Path:
    """The site's folder inside the vault when no other was chosen: in a dot folder, which
    Obsidian and notekit do not read, with a `.gitignore` so that git does not list it."""
    folder = vault.joinpath(HIDDEN_SITE[0])
    folder.mkdir(exist_ok=True)
    create_exclusive(folder / ".gitignore", b"# notekit's own files: the report\n*\n")
    return folder.joinpath(*HIDDEN_SITE[1:])


def check_output(out: Path, vault: Path) -> None:
    """Refuse an output folder where writing the site could destroy the user's files: the root,
    the home folder, the vault or a file."""
    real = out.resolve()
    if real == Path(real.anchor) or real == Path.home().resolve():
        raise SiteError(f"{out}: notekit will not write its report into {real}; choose a folder")
    if real == vault.resolve():
        raise SiteError(
            f"{out}: the report cannot be written into the vault folder itself; choose another -o"
        )
    if real.exists() and not real.is_dir():
        raise SiteError(f"{out}: is a file, not a folder")


def _refuse_foreign(out: Path) -> None:
    """Refuse a folder with files of its own and no manifest: the site would overwrite them."""
    if (out / MANIFEST).is_file():
        return
    with os.scandir(out) as entries:
        if any(True for _ in entries):
            raise SiteError(
                f"{out}: the folder holds files that notekit did not write (it has no "
                f"{MANIFEST}), and the report would overwrite index.html, people.html and "
                "style.css there; choose an empty or new folder, or pass --force"
            )
