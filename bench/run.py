"""notekit's benchmark: one run measures everything against the same files.

    python bench/run.py [--sizes 1000,10000,50000] [--repeat 5] [--write docs/performance.md]

For each size it generates a synthetic vault (bench/generate.py), then times, as separate
processes the way a user runs them: `cat` of every note (the floor), a naive baseline
(python-frontmatter loading every note: what a user would script), and notekit `due --json`
cold (no cache), warm, and after one note was edited; `people --json` warm; `show`, `find`,
`log --dry-run`, `check`, `stats`, `agenda`, `plan`, `draft`, `who`, `intro` and `review` (to
its first person's draft) warm; `due` after every file's mtime changed but no content; `due`
cold and warm on a busy machine (two other processes keeping both cores busy); `report` cold
and after one edit (at the largest size, once cold, with its peak memory), and the size of the
week page; `watch` from one edit to the page rewritten; at 1,000 people,
`import linkedin` of a generated export (3,000 connections, 20,000 messages), the first time
and again; at 10,000 people, `import linkedin` and `import ics` of n and 8n rows (an import is
linear in its input), `import mail` of a generated Takeout mbox of 100,000 messages (about
1.2 GB) the first time and again, with its peak memory, `import whatsapp` of a chat of
200,000 lines, and a `git merge` of two branches that changed the same 1,000 notes (notekit's
merge driver); peak memory; and on a vault whose person notes link each other and where
most people are due (`generate --linked`), `due`, `who`, `intro` and the report. Times are
medians of --repeat runs; ratios are to the naive baseline of the same run, in wall time and
in CPU time (the process's and its children's). Performance targets live here and in
docs/performance.md, never in unit tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import (  # noqa: E402 - the generator lives beside this
    ME_ADDRESS,
    ME_NAME,
    generate,
    linkedin_export,
    mailbox,
    whatsapp_chat,
)

IMPORT_AT = 1_000  # people in the vault a LinkedIn export is imported into
IMPORT_SIZE = (3_000, 20_000)  # connections and messages of that export
IMPORT_TARGET = 15.0  # seconds
AGAIN_SHARE = 0.5  # the same export again, with nothing to write: at most this share of the first
GROWTH_AT = 10_000  # people in the vault imports are measured growing into
GROWTH_ROWS = 2_000  # connections, and calendar events, against 8 times as many
GROWTH_TARGET = 10.0  # 8 times the input may take at most this many times as long
INDEX_KB = 200  # the week page at 10,000 people: a plan, not everyone overdue
MAIL_MESSAGES = 100_000  # a generated Takeout mbox (about 1.2 GB) imported at GROWTH_AT people
MAIL_TARGET, MAIL_AGAIN_TARGET, MAIL_MEMORY = 60.0, 20.0, 300  # seconds, seconds again, MB
CHAT_LINES, CHAT_TARGET = 200_000, 5.0  # a WhatsApp chat with one person, and its seconds
MERGED_NOTES, MERGE_TARGET = 1_000, 10.0  # notes both branches changed, and the merge's seconds

TODAY = "2026-11-23"
REPORT_MAX_PEOPLE = 10_000  # above, the report is built once, cold: 50k pages take a minute
REPORT_MEMORY = 600  # MB, the peak of a cold report at the largest size
DEBOUNCE = 0.3
NAIVE = """
import glob, sys
import frontmatter
count = 0
for path in glob.glob(sys.argv[1] + "/**/*.md", recursive=True):
    count += len(frontmatter.load(path).metadata)
print(count)
"""


class Ran(NamedTuple):
    wall: float  # seconds
    memory: float  # peak resident MB
    cpu: float  # seconds of CPU, user and system, of the process and the processes it started


def run(command: list[str], env: dict[str, str]) -> Ran:
    """Wall time in seconds, peak resident memory in MB and CPU time of one process.
    (ru_maxrss counts this small process's own size too, as Linux carries it over the child's
    exec: a few MB. CPU time counts the processes it forked, as wait4 sums them.)"""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with {process.returncode}")
    return Ran(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def median(samples: list[float]) -> float:
    return statistics.median(samples)


BUSY = "while True: pass"  # one of the processes that keep the cores busy


@contextmanager
def busy_machine() -> Iterator[None]:
    """Every core kept busy by another process, as on a machine doing something else."""
    burners = [
        subprocess.Popen([sys.executable, "-c", BUSY], stdin=subprocess.DEVNULL)
        for _ in range(os.cpu_count() or 2)
    ]
    try:
        time.sleep(0.5)
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


class Bench:
    def __init__(self, people: int, root: Path, repeat: int, linked: bool = False) -> None:
        self.people = people
        self.repeat = repeat
        self.linked = linked
        kind = f"{people}{'-linked' if linked else ''}"
        self.vault = root / f"vault-{kind}"
        self.cache = root / f"cache-{kind}"
        self.site = root / f"site-{kind}"
        self.env = {**os.environ, "NOTEKIT_CACHE_DIR": str(self.cache)}
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a user's machine
        self.notekit = [
            sys.executable,
            "-m",
            "notekit",
            "--vault",
            str(self.vault),
            "--today",
            TODAY,
        ]
        self.results: dict[str, float] = {}
        self.ratios: dict[str, float] = {}
        self.cpu_ratios: dict[str, float] = {}
        self.naive = [sys.executable, "-c", NAIVE, str(self.vault)]
        self.memory = 0.0
        self.edits = 0
        self.index_kb = 0.0
        self.mail_memory = 0.0  # MB, the peak of `import mail`
        self.report_memory = 0.0  # MB, the peak of a cold report above REPORT_MAX_PEOPLE

    def setup(self) -> None:
        notes = generate(self.vault, self.people, linked=self.linked)
        old = time.time() - 3600  # a real vault's files are not all written this second
        for path in self.vault.rglob("*.md"):
            os.utime(path, (old, old))
        self.results["notes"] = notes

    def time(
        self,
        name: str,
        command: list[str],
        before: Callable[[], object] | None = None,
        paired: bool = False,
    ) -> None:
        """The median of --repeat runs. `paired`: each run follows a run of the baseline, and
        the ratios kept are the medians of run / baseline run, in wall time and in CPU time,
        so that a machine whose speed drifts during the benchmark is compared with itself."""
        samples, ratios, cpu_ratios = [], [], []
        for _ in range(self.repeat):
            baseline = run(self.naive, self.env) if paired else None
            if before:
                before()
            ran = run(command, self.env)
            samples.append(ran.wall)
            if baseline:
                ratios.append(ran.wall / baseline.wall)
                cpu_ratios.append(ran.cpu / baseline.cpu)
            self.memory = max(self.memory, ran.memory)
        self.results[name] = median(samples)
        if ratios:
            self.ratios[name] = median(ratios)
            self.cpu_ratios[name] = median(cpu_ratios)

    def ratio(self, name: str) -> float:
        return self.ratios.get(name) or self.results[name] / self.results["naive"]

    def edit_one(self) -> Path:
        """Append an entry to one person note, as `notekit log` or an editor would."""
        self.edits += 1
        people = sorted((self.vault / "People").iterdir())
        path = people[(self.edits * 7919) % len(people)]
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"- 2026-11-22 call: benchmark edit {self.edits}\n")
        # saved a few seconds before the command runs, as when typing in an editor: a file
        # written this very second is never trusted to the cache (see cache.SETTLE_NS)
        moment = time.time() - 5
        os.utime(path, (moment, moment))
        return path

    def touch_all(self) -> None:
        """Give every note a new mtime and the same bytes, as a sync tool or a checkout does."""
        self.edits += 1
        moment = time.time() - 3600 + self.edits
        for path in self.vault.rglob("*.md"):
            os.utime(path, (moment, moment))

    def someone(self) -> str:
        """A person from the middle of the vault, by a file name no one else has (the
        generator numbers the names it gives twice)."""
        people = sorted((self.vault / "People").iterdir())
        return next(p.stem for p in people[len(people) // 2 :] if p.stem[-1].isdigit())

    def forget_cache(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)

    def forget_site(self) -> None:
        shutil.rmtree(self.site, ignore_errors=True)
        self.forget_cache()

    def measure(self) -> None:
        files = [str(p) for p in self.vault.rglob("*.md")]
        self.time(
            "cat", ["sh", "-c", 'find "$0" -name "*.md" -print0 | xargs -0 cat', str(self.vault)]
        )
        self.time("naive", self.naive)
        assert files
        due = [*self.notekit, "due", "--json"]
        self.time("due cold", due, before=self.forget_cache, paired=True)
        run(due, self.env)
        self.time("due warm", due, paired=True)
        if self.linked:
            self.measure_linked(due)
            return
        self.time("due after one edit", due, before=self.edit_one, paired=True)
        self.time("due, every mtime changed", due, before=self.touch_all, paired=True)
        with busy_machine():
            self.time("due cold, busy machine", due, before=self.forget_cache, paired=True)
            run(due, self.env)
            self.time("due warm, busy machine", due, paired=True)
        self.time("people warm", [*self.notekit, "people", "--json"])
        name = self.someone()
        warm = {
            "show warm": ["show", name, "--json"],
            "find warm": ["find", name.split()[0], "--json"],
            "log --dry-run warm": ["log", name, "benchmark", "--dry-run"],
            "check warm": ["check", "--json"],
            "stats warm": ["stats", "--json"],
            "agenda warm": ["agenda", "--json"],
            "plan warm": ["plan", "--json"],
            "draft warm": ["draft", name],
            "who warm": ["who", "payments", "--json"],
            "intro warm": ["intro", name, "--json"],
            "review warm": ["review"],  # to the first person's draft: no key is pressed
        }
        for measure, args in warm.items():
            run(due, self.env)  # whatever ran last, the kept state is as a `due` leaves it
            self.time(measure, [*self.notekit, *args], paired=True)
        if self.people == IMPORT_AT:
            self.measure_import()
        if self.people == GROWTH_AT:
            self.measure_import_growth()
            self.measure_conversations()
            self.measure_git_merge()
        report = [*self.notekit, "report", "-o", str(self.site)]
        if self.people > REPORT_MAX_PEOPLE:
            self.forget_site()
            built = run(report, self.env)
            self.results["report cold"], self.report_memory = built.wall, built.memory
        else:
            self.time("report cold", report, before=self.forget_site)
            run(due, self.env)  # a warm cache, as usual
            self.time("report after one edit", report, before=self.edit_one)
            self.index_kb = (self.site / "index.html").stat().st_size / 1024
            self.results["watch latency"] = self.watch_latency()

    def measure_linked(self, due: list[str]) -> None:
        """What a vault of linked person notes, most people due, costs more."""
        name = self.someone()
        for measure, args in {
            "who warm": ["who", "payments", "--json"],
            "intro warm": ["intro", name, "--json"],
            "due warm, text": ["due"],
        }.items():
            run(due, self.env)
            self.time(measure, [*self.notekit, *args], paired=True)
        report = [*self.notekit, "report", "-o", str(self.site)]
        self.forget_site()
        self.results["report cold"] = run(report, self.env).wall
        run(due, self.env)
        self.time("report after one edit", report, before=self.edit_one)
        self.results["watch latency"] = self.watch_latency()

    def measure_import(self) -> None:
        """`import linkedin` of a generated export into a copy of the vault: the first time
        (every new person added, every message logged) and the same export again (nothing
        to write)."""
        export = self.vault.parent / "export.zip"
        linkedin_export(export, self.vault, self.people, *IMPORT_SIZE)
        copy = self.vault.parent / f"import-{self.people}"
        cache = self.vault.parent / f"import-cache-{self.people}"
        env = {**self.env, "NOTEKIT_CACHE_DIR": str(cache)}
        command = [*self.notekit, "import", "linkedin", str(export)]
        command[command.index(str(self.vault))] = str(copy)

        def fresh() -> None:
            shutil.rmtree(copy, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            shutil.copytree(self.vault, copy)
            run([*command[: command.index("import")], "due"], env)  # a vault in use: kept

        first, again = [], []
        for _ in range(self.repeat):
            fresh()
            first.append(run(command, env).wall)
            again.append(run(command, env).wall)
        self.results["import linkedin"] = median(first)
        self.results["import linkedin again"] = median(again)

    def measure_import_growth(self) -> None:
        """`import linkedin` of n and 8n new connections, and `import ics` of n and 8n events
        of one person, into the vault (dry runs: the same vault each time): an import linear in
        its input takes about 8 times as long for 8 times the rows."""
        for kind, write in (("linkedin", _connections_csv), ("ics", _calendar)):
            for rows in (GROWTH_ROWS, GROWTH_ROWS * 8):
                path = self.vault.parent / f"growth-{rows}.{'csv' if kind == 'linkedin' else 'ics'}"
                write(path, rows, self.someone())
                command = [*self.notekit, "import", kind, str(path), "--dry-run"]
                run(command, self.env)  # the kept state, as a vault in use has it
                self.results[f"import {kind} {rows:,} rows"] = median(
                    [run(command, self.env).wall for _ in range(max(1, self.repeat // 2))]
                )

    def measure_git_merge(self) -> None:
        """A vault in git, two branches that each logged an entry with the same people and
        changed their tags, as a pull after a week on two devices: 1,000 notes merged by
        `git merge` with the driver off and `notekit git resolve` (one process for all), and
        100 merged by the driver git runs once per note."""
        env = {**self.env, "NOTEKIT_CACHE_DIR": str(self.vault.parent / "git-cache")}
        who = ["-c", "user.name=bench", "-c", "user.email=bench@example.com"]
        for notes, merge in ((MERGED_NOTES, ["-c", "merge.notekit.driver=false"]), (100, [])):
            repo = self.vault.parent / f"git-{notes}"
            shutil.rmtree(repo, ignore_errors=True)
            shutil.copytree(self.vault, repo)

            def git(*args: str, repo: Path = repo, check: bool = True) -> None:
                run_in = ["git", *who, *args]
                subprocess.run(run_in, cwd=repo, env=env, check=check, capture_output=True)

            notekit = [str(repo) if part == str(self.vault) else part for part in self.notekit]
            git("init", "-q", "-b", "main")
            subprocess.run([*notekit, "git", "setup"], env=env, check=True, capture_output=True)
            git("add", "-A")
            git("commit", "-qm", "vault")
            people = sorted((repo / "People").glob("*.md"))[:notes]
            git("checkout", "-q", "-b", "laptop")
            for branch, day in (("laptop", "2026-11-20"), ("main", "2026-11-21")):
                git("checkout", "-q", branch)
                for path in people:
                    text = path.read_text("utf-8")
                    text = text.replace("tags: [person", f"tags: [{branch}, person")
                    path.write_text(text + f"- {day} call: from the {branch}\n", "utf-8")
                git("commit", "-qam", branch)
            started = time.perf_counter()
            git(*merge, "merge", "-q", "--no-edit", "laptop", check=not merge)
            if merge:
                subprocess.run([*notekit, "git", "resolve"], env=env, check=True)
            took = time.perf_counter() - started
            if merge:
                self.results[f"git merge, {notes:,} notes, then git resolve"] = took
            else:
                self.results["git merge with the driver, per note"] = took / notes

    def measure_conversations(self) -> None:
        """`import mail` of a generated Takeout mbox into a copy of the vault in use, the
        first time and again (nothing to write), with its peak memory; then `import whatsapp`
        of a long chat with one person. Once each: a run takes up to a minute."""
        box, chat = self.vault.parent / "mail.mbox", self.vault.parent / "chat.txt"
        if not box.exists():
            mailbox(box, self.vault, MAIL_MESSAGES)
        whatsapp_chat(chat, self.vault, CHAT_LINES)
        copy = self.vault.parent / f"mail-{self.people}"
        cache = self.vault.parent / f"mail-cache-{self.people}"
        env = {**self.env, "NOTEKIT_CACHE_DIR": str(cache)}
        shutil.rmtree(copy, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(self.vault, copy)
        notekit = [str(copy) if part == str(self.vault) else part for part in self.notekit]
        run([*notekit, "due"], env)  # a vault in use: kept
        mail = [*notekit, "import", "mail", str(box), "--me", ME_ADDRESS]
        first = run(mail, env)
        again = run(mail, env)
        self.results[f"import mail {MAIL_MESSAGES:,} messages"] = first.wall
        self.results["import mail again"] = again.wall
        self.mail_memory = max(first.memory, again.memory)
        run([*notekit, "due"], env)
        chatting = [*notekit, "import", "whatsapp", str(chat), "--me", ME_NAME]
        self.results[f"import whatsapp {CHAT_LINES:,} lines"] = run(chatting, env).wall

    def watch_latency(self) -> float:
        """From an edit to the person's page holding it, less the debounce; each edit made
        once the rebuild of the one before is over, as the watcher reports it (an edit made
        while a rebuild runs waits for it: that is the whole rebuild's time, kept as "watch
        rebuild")."""
        process = subprocess.Popen(
            [*self.notekit, "watch", "-o", str(self.site), "--debounce", str(DEBOUNCE)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=self.env,
        )
        try:
            assert process.stdout is not None
            while "watching" not in (line := process.stdout.readline()):
                if not line:
                    raise SystemExit("watch stopped before it started")
            samples, rebuilds = [], []
            for _ in range(self.repeat):
                path = self.edit_one()
                marker = f"benchmark edit {self.edits}"
                page = self._page_of(path)
                started = time.perf_counter()
                while marker not in (page.read_text("utf-8") if page.exists() else ""):
                    if time.perf_counter() - started > 60:
                        raise SystemExit("watch did not rebuild within 60 s")
                    time.sleep(0.01)
                samples.append(time.perf_counter() - started - DEBOUNCE)
                while " changed: " not in (line := process.stdout.readline()):
                    if not line:
                        raise SystemExit("watch stopped while it rebuilt")
                rebuilds.append(float(line.rsplit(" in ", 1)[1].split()[0]))  # "… in 1.23 s"
                time.sleep(DEBOUNCE * 2)
            self.results["watch rebuild"] = median(rebuilds)
            return median(samples)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)

    def _page_of(self, path: Path) -> Path:
        import re
        import unicodedata

        ascii_name = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
        return self.site / "people" / f"{slug}.html"


def _connections_csv(path: Path, rows: int, _: str) -> None:
    """A Connections.csv of `rows` people the vault does not know, names spread over the
    alphabet as real ones are."""
    import csv

    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position"])
        for n in range(rows):
            first = "".join(chr(97 + (n // 26**k) % 26) for k in range(3)).title()
            out.writerow(
                [
                    first,
                    f"Newcomer{n}",
                    f"https://www.linkedin.com/in/new-{n}",
                    "",
                    "Globex",
                    "Engineer",
                ]
            )


def _calendar(path: Path, rows: int, name: str) -> None:
    """An .ics of `rows` past events, one a day, each with `name` attending."""
    start = dt.date(2026, 11, 1) - dt.timedelta(days=rows)
    events = [
        "BEGIN:VEVENT\r\n"
        f"UID:{n}@bench\r\nDTSTART;VALUE=DATE:{(start + dt.timedelta(days=n)):%Y%m%d}\r\n"
        f"SUMMARY:Coffee {n}\r\nATTENDEE;CN={name}:mailto:nobody-{n}@example.com\r\n"
        "END:VEVENT\r\n"
        for n in range(rows)
    ]
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n",
        encoding="utf-8",
    )


def _beside(value: float, target: float) -> str:
    """Two decimals, or more where two would round onto the target and hide its side."""
    for digits in (2, 3):
        if round(value, digits) != target:
            return f"{value:.{digits}f}"
    return f"{value:.4f}"


TARGETS = [  # (measure, ratio to naive or None, absolute seconds or None), at 10k people
    ("due cold", 1.1, None),
    ("due warm", 0.25, 0.5),
    ("due after one edit", 0.4, None),
    ("due, every mtime changed", 1.2, None),
    ("show warm", 0.25, None),
    ("find warm", 0.25, None),
    ("log --dry-run warm", 0.25, None),
    ("check warm", 0.25, None),
    ("stats warm", 0.25, 0.5),
    ("agenda warm", 0.25, 0.5),
    ("plan warm", 0.25, 0.5),
    ("draft warm", 0.25, 0.5),
    ("who warm", 0.25, None),
    ("intro warm", 0.25, None),
    ("review warm", 0.5, 0.8),  # works out the week's plan and the due list first
    ("report cold", None, 8.0),
    ("report after one edit", None, 0.6),
    ("watch latency", None, 1.0),
]
CPU_TARGETS = {"due cold": 1.5, "due cold, busy machine": 1.5}  # ratio of CPU time to naive
MEMORY_TARGET = 400  # MB, at the largest size


def _growth_rows() -> tuple[int, int]:
    return GROWTH_ROWS, GROWTH_ROWS * 8


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; Python {platform.python_version()}"
        f" on {platform.system()} {platform.release()}"
    )


def table(benches: list[Bench]) -> str:
    names = [
        "cat",
        "naive",
        "due cold",
        "due warm",
        "due after one edit",
        "due, every mtime changed",
        "due cold, busy machine",
        "due warm, busy machine",
        "due warm, text",
        "people warm",
        "show warm",
        "find warm",
        "log --dry-run warm",
        "check warm",
        "stats warm",
        "agenda warm",
        "plan warm",
        "draft warm",
        "who warm",
        "intro warm",
        "review warm",
        "report cold",
        "report after one edit",
        "watch latency",
        "watch rebuild",
        "import linkedin",
        "import linkedin again",
        *(f"import {k} {n:,} rows" for k in ("linkedin", "ics") for n in _growth_rows()),
        f"import mail {MAIL_MESSAGES:,} messages",
        "import mail again",
        f"import whatsapp {CHAT_LINES:,} lines",
        f"git merge, {MERGED_NOTES:,} notes, then git resolve",
        "git merge with the driver, per note",
    ]
    head = (
        "| measure | "
        + " | ".join(
            f"{b.people:,} people{', linked' if b.linked else ''} ({b.results['notes']:,} notes)"
            for b in benches
        )
        + " |"
    )
    lines = [head, "|---|" + "---|" * len(benches)]
    for name in names:
        cells = []
        for b in benches:
            value = b.results.get(name)
            if value is None:
                cells.append("—")
                continue
            absolute = name.startswith(("import", "git")) or name in (
                "naive",
                "watch latency",
                "watch rebuild",
            )
            cpu = b.cpu_ratios.get(name)
            ratio = "" if absolute else f" ({b.ratio(name):.2f}×"
            ratio += "" if absolute else (f"; CPU {cpu:.2f}×)" if cpu is not None else ")")
            cells.append(f"{value:.2f} s{ratio}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| peak memory | " + " | ".join(f"{b.memory:.0f} MB" for b in benches) + " |")
    per_note = [b.results["due warm"] / b.results["notes"] * 1e6 for b in benches]
    lines.append("| due warm per note | " + " | ".join(f"{p:.0f} µs" for p in per_note) + " |")
    return "\n".join(lines)


def verdicts(benches: list[Bench]) -> str:
    plain = [b for b in benches if not b.linked]
    at = next((b for b in plain if b.people == 10_000), plain[-1])
    out = [f"Targets, at {at.people:,} people:", ""]
    for name, ratio, seconds in TARGETS:
        value = at.results.get(name)
        if value is None:
            continue
        checks = []
        if ratio is not None:
            actual = at.ratio(name)
            shown = _beside(actual, ratio)
            checks.append((actual <= ratio, f"{shown}× the baseline (target ≤ {ratio}×)"))
        if name in CPU_TARGETS and name in at.cpu_ratios:
            cpu, target = at.cpu_ratios[name], CPU_TARGETS[name]
            checks.append((cpu <= target, f"CPU {_beside(cpu, target)}× (target ≤ {target}×)"))
        if seconds is not None:
            checks.append((value <= seconds, f"{_beside(value, seconds)} s (target < {seconds} s)"))
        met = all(ok for ok, _ in checks)
        out.append(f"- {name}: {'met' if met else 'NOT met'} — " + "; ".join(t for _, t in checks))
    if at.index_kb:
        out.append(
            f"- index.html: {'met' if at.index_kb < INDEX_KB else 'NOT met'} — "
            f"{at.index_kb:.0f} KB (target < {INDEX_KB} KB)"
        )
    imported = next((b for b in benches if "import linkedin" in b.results), None)
    if imported is not None:
        value = imported.results["import linkedin"]
        out.append(
            f"- import linkedin ({IMPORT_SIZE[0]:,} connections, {IMPORT_SIZE[1]:,} messages into "
            f"{imported.people:,} people): {'met' if value < IMPORT_TARGET else 'NOT met'} — "
            f"{_beside(value, IMPORT_TARGET)} s (target < {IMPORT_TARGET:.0f} s)"
        )
        again = imported.results["import linkedin again"] / value
        out.append(
            f"- import linkedin again (nothing to write): "
            f"{'met' if again <= AGAIN_SHARE else 'NOT met'} — {again:.2f} of the first "
            f"(target ≤ {AGAIN_SHARE})"
        )
    grown = next((b for b in benches if b.people == GROWTH_AT), None)
    for kind in ("linkedin", "ics"):
        if grown is None:
            break
        small, large = (grown.results[f"import {kind} {n:,} rows"] for n in _growth_rows())
        growth = large / small
        out.append(
            f"- import {kind}, {GROWTH_ROWS * 8:,} rows against {GROWTH_ROWS:,} into "
            f"{grown.people:,} people: {'met' if growth <= GROWTH_TARGET else 'NOT met'} — "
            f"{growth:.1f}× as long for 8× the rows (target ≤ {GROWTH_TARGET:.0f}×; "
            f"{large / (GROWTH_ROWS * 8) * 1000:.2f} ms a row)"
        )
    if grown is not None and "import mail again" in grown.results:
        first = grown.results[f"import mail {MAIL_MESSAGES:,} messages"]
        again = grown.results["import mail again"]
        chat = grown.results[f"import whatsapp {CHAT_LINES:,} lines"]
        for ok, text in (
            (
                first < MAIL_TARGET and grown.mail_memory < MAIL_MEMORY,
                f"import mail, {MAIL_MESSAGES:,} messages into {grown.people:,} people: "
                f"{first:.1f} s (target < {MAIL_TARGET:.0f} s), peak {grown.mail_memory:.0f} MB "
                f"(target < {MAIL_MEMORY} MB)",
            ),
            (
                again < MAIL_AGAIN_TARGET,
                f"import mail again, nothing to write: {again:.1f} s "
                f"(target < {MAIL_AGAIN_TARGET:.0f} s)",
            ),
            (
                chat < CHAT_TARGET,
                f"import whatsapp, {CHAT_LINES:,} lines: {chat:.2f} s "
                f"(target < {CHAT_TARGET:.0f} s)",
            ),
        ):
            head, _, rest = text.partition(": ")
            out.append(f"- {head}: {'met' if ok else 'NOT met'} — {rest}")
    merged = (
        grown.results.get(f"git merge, {MERGED_NOTES:,} notes, then git resolve") if grown else None
    )
    if merged is not None:
        out.append(
            f"- git merge of {MERGED_NOTES:,} notes changed on both sides, then `notekit git "
            f"resolve`: {'met' if merged < MERGE_TARGET else 'NOT met'} — {merged:.1f} s "
            f"(target < {MERGE_TARGET:.0f} s)"
        )
    largest = max((b for b in benches if not b.linked), key=lambda b: b.people)
    out.append(
        f"- peak memory at {largest.people:,} people: "
        f"{'met' if largest.memory < MEMORY_TARGET else 'NOT met'} — {largest.memory:.0f} MB "
        f"(target < {MEMORY_TARGET} MB)"
    )
    if largest.report_memory:
        out.append(
            f"- report cold at {largest.people:,} people: "
            f"{'met' if largest.report_memory < REPORT_MEMORY else 'NOT met'} — "
            f"{largest.report_memory:.0f} MB (target < {REPORT_MEMORY} MB), "
            f"{largest.results['report cold']:.0f} s"
        )
    for linked in (b for b in benches if b.linked):
        for name, ratio, seconds in TARGETS:
            value = linked.results.get(name)
            if value is None:
                continue
            ok = (ratio is None or linked.ratio(name) <= ratio) and (
                seconds is None or value <= seconds
            )
            shown = f"{value:.2f} s" + ("" if ratio is None else f", {linked.ratio(name):.2f}×")
            out.append(f"- linked vault, {name}: {'met' if ok else 'NOT met'} — {shown}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write", type=Path, help="also write the results into this file")
    parser.add_argument(
        "--linked", type=int, default=10_000, help="people of the linked vault (0: none)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    started = time.perf_counter()
    benches = []
    runs = [(size, False) for size in sizes] + ([(args.linked, True)] if args.linked else [])
    with tempfile.TemporaryDirectory(prefix="notekit-bench-") as tmp:
        for size, linked in runs:
            bench = Bench(size, Path(tmp), args.repeat, linked)
            print(f"generating {size:,} people …", file=sys.stderr)
            bench.setup()
            print(f"measuring {size:,} people …", file=sys.stderr)
            bench.measure()
            benches.append(bench)
    result = (
        f"Measured {dt.date.today().isoformat()} on {machine()}; medians of {args.repeat} runs; "
        f"whole run {time.perf_counter() - started:.0f} s.\n\n{table(benches)}\n\n"
        f"{verdicts(benches)}\n"
    )
    print(result)
    if args.write:
        text = args.write.read_text("utf-8")
        begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
        head, _, rest = text.partition(begin)
        _, _, tail = rest.partition(end)
        args.write.write_text(f"{head}{begin}\n{result}{end}{tail}", "utf-8")


if __name__ == "__main__":
    main()
