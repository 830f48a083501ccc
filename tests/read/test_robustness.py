"""Bad input never breaks a read: arbitrary text to the parser, and a hostile vault to every
read command, in bounded time and memory, each problem reported with its path."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MakeVault, Run
from notekit.read.parse import parse_note, parse_with_front_matter

EXAMPLES = int(os.environ.get("NOTEKIT_EXAMPLES", "300"))


# Lines built to make a backtracking pattern stall, each about n characters long: runs of one
# character that a pattern may split between two quantifiers, openers that are never closed.
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "heading then blanks": lambda n: "# x" + " " * n + "y",
    "backticks": lambda n: "`" * n,
    "a code span never closed": lambda n: "`" * (n // 2) + "x" + "`" * (n // 2 - 1),
    "code spans of two lengths": lambda n: "``x`" * (n // 4),
    "brackets": lambda n: "[" * n,
    "link openers": lambda n: "[[" * (n // 2),
    "link openers with text": lambda n: "[[x" * (n // 3) + "]",
    "hashes": lambda n: "#" * n,
    "tags of digits": lambda n: "#1" * (n // 2),
    "bold markers": lambda n: "- " + "**" * (n // 2),
    "a key then blanks": lambda n: "key" + " " * n + "x",
    "an entry then blanks": lambda n: "- 2026-01-01" + " " * n + "x",
    "task dates": lambda n: "- [ ] " + "📅 " * (n // 2),
    "quote markers": lambda n: "> " * (n // 2),
    "due openers": lambda n: "(due " * (n // 5),
    "inline fields never closed": lambda n: "(cadence:: " * (n // 11),
    "bracketed fields never closed": lambda n: "[due:: " * (n // 7),
    "an opportunity then blanks": lambda n: "- key" + " " * n,
    "comment openers": lambda n: "<!--" * (n // 4),
    "comment openers closed once": lambda n: "<!--" * (n // 4) + "-->",
    "comments": lambda n: "<!--x-->" * (n // 8),
    "wikilinks never closed": lambda n: "[[a|" * (n // 4),
    "month names": lambda n: "sept. " * (n // 6),
    "years and dashes": lambda n: "2014-" * (n // 5),
    "years opened": lambda n: "(1999 " * (n // 6),
    "days of months": lambda n: "03/" * (n // 3),
    "sentence ends never followed by a blank": lambda n: "!" * n + "x",
    "a word never followed by a colon": lambda n: "a" * n + ".",
}
ADVERSARIAL_LINES = [build(2000) for build in ADVERSARIAL.values()]


def _lines(raw: bytes) -> int:
    return raw.count(b"\n") + 1


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(st.binary(max_size=2000))
def test_the_parser_takes_any_bytes(raw: bytes) -> None:
    note = parse_note("x.md", raw)
    for problem in note.problems:
        assert problem.line is None or 1 <= problem.line <= _lines(raw)


yaml_bits = st.sampled_from(
    [
        "key: value",
        "a: [1, 2",
        "- x",
        "  b: c",
        "&a x",
        "*a",
        "!!python/object x",
        "? k",
        "'q",
        '"q',
        "k: |",
        "  text",
        "\t- tab",
        "---",
        "...",
        "x: 2026-02-30",
        "{a: b}",
        "t: !!binary xyz",
        "t: !!bool maybe",  # tags PyYAML's constructors fail on with errors of Python's own
        "t: !!timestamp soon",
        "t: !!int 0x",
        "t: [!!float x]",
        "<<: *a",
        "ü: ünïcode",
        "k: v # c",
        "",
        "%YAML 1.2",
    ]
)


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(st.lists(yaml_bits, max_size=10), st.text(max_size=200), st.sampled_from(["\n", "\r\n"]))
def test_the_parser_takes_any_front_matter(bits: list[str], body: str, newline: str) -> None:
    raw = newline.join(["---", *bits, "---", body]).encode("utf-8", errors="replace")
    note, values = parse_with_front_matter("x.md", raw)
    for problem in note.problems:
        assert problem.line is None or 1 <= problem.line <= _lines(raw)
    assert isinstance(values, dict)


@pytest.fixture(scope="module")
def hostile_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    vault = tmp_path_factory.mktemp("hostile")
    people = vault / "People"
    people.mkdir()
    (people / "Good.md").write_text("---\ncadence: 1m\n---\n- 2026-10-01 call: fine\n")
    with open(people / "Huge.md", "wb") as handle:  # 50 MB
        handle.write(b"---\nname: Huge\ncadence: 1m\n---\n")
        line = b"- 2026-10-02 call: " + b"x" * 1000 + b"\n"
        for _ in range(50 * 1024):
            handle.write(line)
    (people / "Binary.md").write_bytes(bytes(range(256)) * 64)
    (people / "Latin1.md").write_bytes(b"---\nname: Jos\xe9\n---\n- 2026-10-03 call: ol\xe9\n")
    (people / "Empty.md").write_bytes(b"")
    (people / "Long line.md").write_text("---\ncadence: 1m\n---\n" + "y" * 100_000 + "\n")
    (people / "Bomb.md").write_text(
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "---\n"
    )
    (people / "Tabs.md").write_text("---\ntags:\n\t- person\n---\n")
    (people / "Date.md").write_text("---\nlast_contact: 2026-02-30\n---\n")
    (people / "Deep.md").write_text("---\ncadence: 1m\nx: " + "[" * 300 + "]" * 300 + "\n---\n")
    (people / "Forever.md").write_text("---\ncadence: 9999y\nlast_contact: 2026-01-01\n---\n")
    (people / "Overflow.md").write_text(
        "---\ncadence: 99999999999d\nlast_contact: 9999-12-30\n---\n"
    )
    (people / "Backtrack.md").write_text(
        "---\ncadence: 1m\n---\n" + "".join(f"{line}\n" for line in ADVERSARIAL_LINES)
    )
    (people / "Loop.md").symlink_to(people / "Loop.md")
    (people / "Folder loop").symlink_to(vault)
    (people / "Dangling.md").symlink_to(vault / "nowhere.md")
    os.mkfifo(people / "Pipe.md")  # a read must never block on it
    return vault


def _run(vault: Path, *args: str, tmp: Path) -> tuple[subprocess.CompletedProcess, float]:
    env = {**os.environ, "NOTEKIT_CACHE_DIR": str(tmp / "cache"), "NOTEKIT_TODAY": "2026-11-23"}
    command = [sys.executable, "-m", "notekit", "--vault", str(vault), *args]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    return result, time.perf_counter() - started


@pytest.mark.parametrize(
    "args",
    [
        ["people", "--json"],
        ["due", "--json"],
        ["check", "--json"],
        ["find", "good"],
        ["show", "Good"],
        ["report", "-o", "SITE"],
    ],
)
def test_every_read_command_survives_a_hostile_vault(hostile_vault, tmp_path: Path, args) -> None:
    args = [str(tmp_path / "site") if a == "SITE" else a for a in args]
    before = {p: p.stat().st_mtime_ns for p in hostile_vault.rglob("*.md") if p.is_file()}
    result, elapsed = _run(hostile_vault, *args, tmp=tmp_path)
    assert elapsed < 60
    assert "Traceback" not in result.stderr
    assert result.returncode == (1 if args[0] == "check" else 0), result.stderr
    if args[0] == "check":
        problems = json.loads(result.stdout)
        paths = {p["path"] for p in problems}
        hostile = ("Huge", "Binary", "Latin1", "Bomb", "Tabs", "Date", "Loop", "Dangling", "Pipe")
        for name in (*hostile, "Deep", "Forever", "Overflow"):
            assert f"People/{name}.md" in paths, name
        assert all(p["line"] is None or p["line"] >= 1 for p in problems)
        found = [(p["path"], p["line"], p["message"]) for p in problems]
        assert len(found) == len(set(found))
    if args[0] == "people":
        names = {p["name"] for p in json.loads(result.stdout)}
        assert {"Good", "Huge", "Long line", "Tabs"} <= names
    after = {p: p.stat().st_mtime_ns for p in hostile_vault.rglob("*.md") if p.is_file()}
    assert after == before  # nothing written because of bad input


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's VmHWM")
def test_memory_stays_bounded_on_a_50_mb_note(hostile_vault, tmp_path: Path) -> None:
    # VmHWM is this process's own peak; ru_maxrss would also count the parent it was forked
    # from, which on Linux carries over across exec
    env = {**os.environ, "NOTEKIT_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "import sys\n"
        "from notekit.cli import cli\n"
        f"cli(['--vault', {str(hostile_vault)!r}, 'due'], standalone_mode=False)\n"
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "print(int(peak.split()[1]), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    peak_mb = int(result.stderr.strip().splitlines()[-1]) / 1024
    assert peak_mb < 200, peak_mb


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_note_swapped_for_a_fifo_during_the_scan_is_reported_not_waited_on(
    run: Run, make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = make_vault({"People/A.md": "", "People/Pipe.md": ""})
    import notekit.store.reading as index_module

    real_discover = index_module.discover

    def discover_then_swap(*args, **kwargs):  # noqa: ANN002, ANN003
        found = real_discover(*args, **kwargs)
        (vault / "People" / "Pipe.md").unlink()
        os.mkfifo(vault / "People" / "Pipe.md")
        return found

    monkeypatch.setattr(index_module, "discover", discover_then_swap)
    result = run("check", "--json", vault=vault)
    assert result.exit_code == 1
    problems = {p["path"]: p["message"] for p in result.json()}
    assert "not a regular file" in problems["People/Pipe.md"]


def test_an_unreadable_note_and_one_deleted_during_the_scan(
    run: Run, make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = make_vault({"People/A.md": "", "People/Locked.md": "", "People/Gone.md": ""})
    import notekit.store.reading as index_module

    real_open = os.open  # root reads any file, whatever its mode: refuse this one here
    real_discover = index_module.discover

    def locked_open(file, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        if str(file).endswith("Locked.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    def discover_then_delete(*args, **kwargs):  # noqa: ANN002, ANN003
        found = real_discover(*args, **kwargs)
        (vault / "People" / "Gone.md").unlink()
        return found

    monkeypatch.setattr(os, "open", locked_open)
    monkeypatch.setattr(index_module, "discover", discover_then_delete)
    result = run("check", "--json", vault=vault)
    assert result.exit_code == 1
    problems = {p["path"]: p["message"] for p in result.json()}
    assert "Permission denied" in problems["People/Locked.md"]
    assert "No such file" in problems["People/Gone.md"]
    monkeypatch.setattr(index_module, "discover", real_discover)
    people = run("people", "--json", vault=vault)
    assert people.exit_code == 0 and [p["name"] for p in people.json()] == ["A"]


def _patterns() -> dict[str, re.Pattern]:
    """Every regular expression the package compiles at import time."""
    import importlib
    import pkgutil

    import notekit

    found: dict[str, re.Pattern] = {}
    for info in pkgutil.walk_packages(notekit.__path__, "notekit."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{info.name}.{name}"] = value
    return found


def _seconds(work: Callable[[], object], trials: int) -> float:
    """The best of a few timings of `work` in this process's own CPU time (what other
    processes do does not count), each repeated until it lasts half a millisecond, per
    repetition."""
    started = time.process_time()
    work()
    once = time.process_time() - started
    repeat = max(1, int(0.0005 / max(once, 1e-9)))
    best = float("inf")
    for _ in range(trials):
        started = time.process_time()
        for _ in range(repeat):
            work()
        best = min(best, (time.process_time() - started) / repeat)
    return best


def _growth(work: Callable[[str], object], build: Callable[[int], str], trials: int) -> float:
    """How much longer `work` takes on a line 8 times as long: about 8 when it is linear, 64
    when it is quadratic. Measured in CPU time, in one run: a busy machine changes neither."""
    short, long = build(1000), build(8000)
    return _seconds(lambda: work(long), trials) / _seconds(lambda: work(short), trials)


LINEAR = 20  # well above 8 (linear, with noise), well below 64 (quadratic)


def _every_way(pattern: re.Pattern) -> Callable[[str], object]:
    """Match, search and find all; a pattern over bytes (a mail's raw lines) gets the line as
    UTF-8."""
    if isinstance(pattern.pattern, bytes):
        return lambda text: _all_ways(pattern, text.encode("utf-8"))
    return lambda text: _all_ways(pattern, text)


def _all_ways(pattern: re.Pattern, text: str | bytes) -> object:
    return (pattern.match(text), pattern.search(text), list(pattern.finditer(text)))


def test_every_pattern_is_linear_on_lines_built_to_make_it_backtrack() -> None:
    """A pattern whose cost grows faster than its line's length fails, on a fast machine or a
    busy one; a pair that looks slow once is measured again before it counts."""
    patterns = _patterns()
    assert len(patterns) > 15
    slow = []
    for name, pattern in patterns.items():
        for shape, build in ADVERSARIAL.items():
            work = _every_way(pattern)
            if _growth(work, build, trials=1) > LINEAR:
                growth = min(_growth(work, build, trials=5) for _ in range(3))
                if growth > LINEAR:
                    slow.append((name, shape, round(growth)))
    assert slow == []


@pytest.mark.parametrize(
    "build",
    [
        lambda n: "Dr. " * n + "Helen Brooks",
        lambda n: "Helen Brooks " + "Jr., " * n,
        lambda n: "Brooks, " + "Prof. " * n + "Helen",
        lambda n: "van " * n + "Beethoven",
        lambda n: "Helen " + "[(x " * n,  # labels never closed
    ],
)
def test_a_name_of_many_titles_suffixes_or_particles_is_read_in_linear_time(
    build: Callable[[int], str],
) -> None:
    """A name is read as a draft greets and an import matches (`core/names`): from a note or
    a vCard's FN, which may hold anything."""
    from notekit.core.names import name_parts

    assert min(_growth(name_parts, build, trials=3) for _ in range(2)) < LINEAR


def test_a_memory_of_many_pronouns_is_told_in_linear_time() -> None:
    """`her` is told as `you` or `your` by the word before it: looked at, not the whole text
    before it, each time."""
    from notekit.rules.draft import tell

    growth = min(
        _growth(lambda text: tell(text, "en"), lambda n: "I helped her " * (n // 10), trials=3)
        for _ in range(2)
    )
    assert growth < LINEAR


@pytest.mark.parametrize(
    ("pattern", "shape"),
    [
        ("BRACKETED_FIELD", "inline fields never closed"),
        ("OPPORTUNITY", "an opportunity then blanks"),
        ("OPPORTUNITY, searched", "a word never followed by a colon"),
        ("_SENTENCE_END", "sentence ends never followed by a blank"),
    ],
)
def test_the_growth_measure_tells_a_quadratic_pattern(pattern: str, shape: str) -> None:
    """The patterns that once took seconds, as they were: the measure must see them. (A
    draft's sentence ends took 35 s on a memory holding a run of 60,000 `!`.)"""
    before = {
        "BRACKETED_FIELD": r"[\[(]([A-Za-z][\w \-]{0,60}?)::([^\])\n]*)[\])]",
        "OPPORTUNITY": r"([A-Za-z][\w-]*)[ \t]*(?:\(([A-Za-z]+)\))?[ \t]*:[ \t]*(.*)",
        "OPPORTUNITY, searched": r"([A-Za-z][\w-]*)[ \t]*(?:\(([^()]*)\)[ \t]*)?:[ \t]*(.*)",
        "_SENTENCE_END": r"[.!?]+(?=\s|$)|\n",
    }
    assert _growth(_every_way(re.compile(before[pattern])), ADVERSARIAL[shape], trials=3) > LINEAR


ANA, GLOBEX = "People/Ana.md:1", "People/Ana.md:3"  # where the note said each


@pytest.mark.parametrize(
    ("build", "first_two"),
    [
        (  # a memory that names them thousands of times
            lambda n: "We met at Globex. " + "Ana and Ana. " * (n // 13),
            [("We met at Globex.", (GLOBEX,)), ("Ana and Ana.", (ANA,))],
        ),
        (  # a run of marks never followed by a blank, but once
            lambda n: "We won" + "!" * n + "x! Ana.",
            [("We won" + "!" * 1000 + "x!", ()), ("Ana.", (ANA,))],
        ),
    ],
)
def test_a_drafts_sentences_are_found_in_linear_time(
    build: Callable[[int], str], first_two: list[tuple[str, tuple[str, ...]]]
) -> None:
    """`draft --json` cuts the draft into sentences and tells where each text the note gave
    it stands: a memory may hold anything."""
    from notekit.site.drafts import Draft, sentences_of

    def sentences(text: str) -> list[tuple[str, tuple[str, ...]]]:
        draft = Draft("message", None, text, [], "test", (("Ana", ANA), ("Globex", GLOBEX)))
        return [(sentence.text, sentence.sources) for sentence in sentences_of(draft)]

    assert sentences(build(1000))[:2] == first_two
    assert min(_growth(sentences, build, trials=3) for _ in range(2)) < LINEAR


def test_parsing_adversarial_lines_grows_linearly() -> None:
    from notekit.core.syntax import blank_code_spans

    def note(n: int) -> bytes:
        lines = [build(n) for build in ADVERSARIAL.values()]
        return ("---\ncadence: 1m\n---\n## Opportunities\n" + "\n".join(lines)).encode()

    growth = min(
        _growth(lambda raw: parse_note("x.md", raw.encode()), lambda n: note(n).decode(), 3)
        for _ in range(2)
    )
    assert growth < LINEAR
    assert blank_code_spans("a `b` c ``d` e`` f") == "a " + " " * 3 + " c " + " " * 8 + " f"
    assert blank_code_spans("``` x `") == "``` x `"  # an unclosed run is text


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["snooze", "Good", "99999y"], "at most 100 years"),
        (["snooze", "Good", "99999999999d"], "not a day"),
        (["due", "--within", "99999999"], "more than 100 years"),
        (["due", "--within", "9999y"], "at most 100 years"),
        (["--today", "9999-12-31", "due"], "out of range"),
    ],
)
def test_out_of_range_arguments_are_usage_errors(
    run: Run, make_vault: MakeVault, args, says
) -> None:
    vault = make_vault({"People/Good.md": "---\ncadence: 1m\nlast_contact: 2026-01-01\n---\n"})
    result = run(*args, vault=vault, today=None if "--today" in args else "2026-11-23")
    assert result.exit_code == 2
    assert says in result.stderr and "Traceback" not in result.stderr
