"""`notekit report`: the static site — content, safety, determinism, incremental rebuilds."""

from __future__ import annotations

import html as html_module
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from conftest import FIXTURES, TODAY, MakeVault, Run, build_report, settle, site_files
from notekit.site.manifest import MANIFEST
from notekit.store import parallel

EXAMPLE = Path(__file__).resolve().parents[2] / "vault-example"
HOSTILE = """\
---
name: <script>alert('name')</script>
company: <img src=x onerror=alert(1)>
context: "[x](javascript:alert(1))"
linkedin: javascript:alert(2)
email: "a@b.example?cc=evil@example.com&body=x"
cadence: 1d
---
- 2026-11-22 call: <b onmouseover=alert(1)>hi</b> [[<script>x</script>]]

<script>alert('body')</script>
<iframe src="https://evil.example"></iframe>
[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) ![pixel](https://evil.example/p.png)
[p](//evil.example/x) [q](\\\\evil.example/y) [r](<\\/evil.example/z>)
![<img src=x onerror=alert(1)>](a.png) ![<b onclick=alert(8)>](https://evil.example/q.png)
"""


def test_report_writes_every_page_and_prints_the_index_path(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(
        {
            "People/Pat.md": "---\ncadence: 1m\nlast_contact: 2026-10-01\n---\n",
            "People/Sam.md": "---\ncadence: 1y\nlast_contact: 2026-10-01\n---\n"
            "- [ ] ask 📅 2026-11-24",
            "People/Bad.md": "---\nname: [oops\n---\n",
        }
    )
    out = tmp_path / "site"
    index = build_report(run, vault, out)
    assert index == (out / "index.html").resolve()
    html = index.read_text("utf-8")
    due_section = html[html.index('id="due"') : html.index('id="promises"')]
    assert "Pat" in due_section and "Sam" not in due_section
    assert "22 days past a 1m cadence" in due_section
    assert 'href="people/pat.html"' in due_section
    assert "ask" in html[html.index('id="promises"') : html.index('id="moments"')]
    people = (out / "people.html").read_text("utf-8")
    assert "Pat" in people and "Sam" in people
    assert "People/Bad.md:2" in (out / "problems.html").read_text("utf-8")  # the list left open
    assert sorted(p.name for p in (out / "people").iterdir()) == [
        "bad.html",
        "pat.html",
        "sam.html",
    ]


def test_the_week_counts_those_without_a_cadence_as_due_does(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\ncadence: 1m\n---\n",
            "People/Ben.md": "---\nrole: CTO\n---\n",
            "People/Cy.md": "---\ntags: [friend]\n---\n",
        }
    )
    said = "2 of 3 people have no cadence, so notekit never says they are due."
    assert said in run("due", vault=vault).stdout
    assert said in build_report(run, vault, tmp_path / "site").read_text("utf-8")


def test_the_week_page_counts_one_of_each_in_the_singular(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(
        {
            "notekit.toml": "[plan]\nsize = 1\n",
            "People/Ana.md": "---\ncadence: 1m\n---\n- 2026-01-05 call: new year\n"
            "- 2026-11-02 email to: news?\n",
            "People/Bo.md": "---\ncadence: 1m\n---\n- 2026-10-01 coffee: the move\n",
            "People/Cy.md": "---\ncadence: 1m\n---\n- 2026-09-01 email: summer\n",
        }
    )
    page = build_report(run, vault, tmp_path / "site").read_text("utf-8")
    assert ": 1 message sent, 0 answered (0%), 0 received, 1 meeting, 1 person reconnected" in page
    assert "and 1 more is due this week" in page


def test_person_page_shows_timeline_body_and_backlinks(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_report(run, EXAMPLE, out)
    page = (out / "people" / "tomas-peres.html").read_text("utf-8")
    timeline = page[page.index('id="timeline"') :]
    assert "Lunch with Tom by the river" in timeline
    assert 'href="obsidian://open?vault=vault-example&amp;file=Daily%2F2026-11-21"' in timeline
    assert "photos from the reunion" in timeline
    assert "Westbrook University, same lab group" in page
    assert 'href="obsidian://open?vault=vault-example&amp;file=People%2FTom%C3%A1s%20Peres"' in page
    priya = (out / "people" / "priya-nair.html").read_text("utf-8")
    assert '<a href="../people/isabel-ferreira.html">Isabel Ferreira</a>' in priya
    isabel = (out / "people" / "isabel-ferreira.html").read_text("utf-8")
    assert "Mentioned in" in isabel and "Meetings/Globex alumni dinner.md" in isabel
    body = isabel[isabel.index('class="markdown"') :]
    assert "one page, one decision" in body


def test_no_draft_on_the_page_of_someone_whose_note_says_not_to_write(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """Bo died: his page keeps what the note says, and offers no message and no button to
    send one. Cy is paused: her page still has both."""
    out = tmp_path / "site"
    memory = "## Memories\n- we flew to Lisbon together\n"
    build_report(
        run,
        make_vault(
            {
                "People/Bo.md": f"---\nemail: bo@x.org\nstatus: deceased\n---\n{memory}",
                "People/Cy.md": f"---\nemail: cy@x.org\nstatus: paused\n---\n{memory}",
            }
        ),
        out,
    )
    bo = (out / "people" / "bo.html").read_text("utf-8")
    write = bo[bo.index('id="write"') : bo.index("</section>", bo.index('id="write"'))]
    assert "Their note says not to write to them (status: deceased)." in write
    assert "draft" not in write and "mailto:" not in write
    assert "we flew to Lisbon together" in bo  # the note itself is shown
    cy = (out / "people" / "cy.html").read_text("utf-8")
    assert 'class="draft"' in cy and 'class="button write" href="mailto:cy@x.org' in cy


def test_a_person_page_shows_the_notes_as_a_preview_does_without_comments(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """Raw HTML is never rendered, so a comment would show as text: it is left out, on one
    line or over several, and one in a code span is code."""
    note = (
        "---\ncadence: 1y\n---\n"
        "## Memories <!-- one a line -->\n"
        "<!-- from the template: what we lived through together -->\n"
        "- the night train\n"
        "- met at `PyCon` <!-- or EuroPython? -->\n"
        "<!--\nnot for the page\n-->\n"
        "- we wrote `<!-- TODO -->` in every template\n"
    )
    out = tmp_path / "site"
    build_report(run, make_vault({"People/Bo.md": note}), out)
    page = (out / "people" / "bo.html").read_text("utf-8")
    body = page[page.index('class="markdown"') :]
    assert (
        "<h2>Memories</h2>\n<ul>\n<li>the night train</li>\n<li>met at <code>PyCon</code></li>"
        in body
    )
    assert "<li>we wrote <code>&lt;!-- TODO --&gt;</code> in every template</li>" in body
    assert "&lt;!--" not in body.replace("<code>&lt;!-- TODO --&gt;</code>", "")
    assert "template:" not in body and "not for the page" not in body


def test_hostile_note_text_is_escaped_or_dropped(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault({"People/x.md": HOSTILE})
    out = tmp_path / "site"
    build_report(run, vault, out)
    pages = ["index.html", "people.html", "network.html"]
    for page in [*(out / p for p in pages), *(out / "people").iterdir()]:
        html = page.read_text("utf-8")
        assert "<script>" not in html.replace('<script src="app.js"></script>', "")
        assert not re.search(r"<(img|iframe)\b|<b\s+on", html), page
        assert not re.search(r"""(href|src)=["']?\s*(javascript|data):""", html, re.I), page
        assert not re.search(r"""(src|href)=["']?\s*(https?:)?[/\\]{2}""", html), page
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    write = re.search(r'class="write" href="([^"]+)"', (out / "index.html").read_text("utf-8"))
    assert write and write.group(1).startswith("mailto:a@b.example%3Fcc%3Devil@example.com%26body")
    for page in [out / "index.html", *(out / "people").iterdir()]:  # every mailto link
        for link in re.findall(r'href="(mailto:[^"]*)"', page.read_text("utf-8")):
            parts = urllib.parse.urlsplit(html_module.unescape(link))
            assert urllib.parse.unquote(parts.path) == "a@b.example?cc=evil@example.com&body=x"
            assert set(urllib.parse.parse_qs(parts.query)) <= {"subject", "body"}, page
    person = (out / "people" / "x.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;" in person
    assert "&lt;script&gt;alert('body')&lt;/script&gt;" in person


def test_the_timeline_says_which_message_an_answer_by_thread_answers(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "## Log\n- 2026-10-20 email to: Porto?\n"
            "- 2026-11-17 email from (re 2026-10-20): Olá from Porto\n"
        }
    )
    page = (build_report(run, vault, tmp_path / "site").parent / "people/ana.html").read_text()
    assert '<span class="channel">email from (re 2026-10-20)</span>' in page
    assert '<span class="channel">email to</span>' in page


def test_same_vault_and_day_give_the_same_bytes(run: Run, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    build_report(run, EXAMPLE, first)
    build_report(run, EXAMPLE, second)
    assert site_files(first) == site_files(second)
    copy = tmp_path / "vault-example"  # a fresh copy: other mtimes, same content
    shutil.copytree(EXAMPLE, copy)
    third = tmp_path / "c"
    build_report(run, copy, third)
    assert site_files(third) == site_files(first)


def test_one_core_and_two_give_the_same_site(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from notekit.site import report

    monkeypatch.setattr(report, "SPLIT_FROM", 2)  # the person pages rendered by two processes
    two = tmp_path / "two"
    build_report(run, EXAMPLE, two)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    one = tmp_path / "one"
    build_report(run, EXAMPLE, one)
    assert site_files(one) == site_files(two)


def test_many_pages_reach_the_disk_in_one_flush_and_a_few_one_by_one(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build does not sync its pages one by one (an fsync costs milliseconds on a real
    disk): one flush, then the manifest, synced. A rebuild of a few pages syncs each of them
    and flushes nothing else (a flush waits for every file of the machine). Counted in this
    process alone."""
    from notekit.site import report

    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    monkeypatch.setattr(report, "SPLIT_FROM", 10)
    calls: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "sync", lambda: calls.append("sync"))
    monkeypatch.setenv("NOTEKIT_CACHE_DIR", "")  # the kept state is out of the count
    vault, out = tmp_path / "vault", tmp_path / "site"
    shutil.copytree(EXAMPLE, vault)
    build_report(run, vault, out)
    assert len(list(out.glob("people/*.html"))) == 30
    assert calls.count("sync") == 1 and calls[-2:] == ["sync", "fsync"]  # then the manifest
    assert calls.count("fsync") < 10  # the other pages and the manifest, not the 30
    calls.clear()
    build_report(run, vault, out)
    assert calls == []  # nothing changed: nothing written, nothing flushed
    with (vault / "People/Ana Costa.md").open("a", encoding="utf-8") as note:
        note.write("- 2026-11-20 coffee: a chat\n")
    build_report(run, vault, out)
    assert "sync" not in calls and calls.count("fsync") >= 2  # her page, and the manifest


def test_builds_one_after_another_do_not_pile_up_in_memory(tmp_path: Path) -> None:
    """`watch` builds again and again in one process: what a build holds (the index of the
    whole vault) must go when it is done, or the process grows by a vault with every edit.
    Counted over five builds: at most one index outlives its build (a library may keep
    what it met first), never one per build."""
    import datetime as dt
    import gc
    import weakref

    from notekit.site.report import build_site
    from notekit.store.index import build_index

    built = []
    for _ in range(5):
        index = build_index(EXAMPLE)
        build_site(index, dt.date(2026, 11, 23), tmp_path / "site")
        built.append(weakref.ref(index))
        del index
    gc.collect()
    assert sum(ref() is not None for ref in built) <= 1


def test_rebuild_writes_only_what_changed_and_removes_pages_of_the_gone(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(
        {
            "People/Pat.md": "---\ncadence: 1m\n---\n",
            "People/Sam.md": "---\ncadence: 1m\n---\n",
            "People/Kim.md": "---\ncadence: 1y\nlast_contact: 2026-01-01\n---\n",
        }
    )
    out = tmp_path / "site"
    build_report(run, vault, out)
    (out / "my-notes.txt").write_text("the user's own file")
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    build_report(run, vault, out)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.html")} == stamps
    (vault / "People/Kim.md").write_text("---\ncadence: 1y\nlast_contact: 2026-11-01\n---\n")
    (vault / "People/Sam.md").unlink()
    build_report(run, vault, out)
    changed = {
        p.relative_to(out).as_posix()
        for p in out.rglob("*.html")
        if stamps.get(p) != p.stat().st_mtime_ns
    }
    # the figures moved, and Kim's dot on the network turned fresh
    assert changed == {"people/kim.html", "people.html", "index.html", "network.html"}
    assert not (out / "people" / "sam.html").exists()
    assert (out / "my-notes.txt").read_text() == "the user's own file"


def test_a_change_to_someone_i_am_tied_to_renders_my_page_again(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """Ana's page shows her years at Globex with Ben, which only Ben's note can move: his
    note feeds no line of hers (he does not link her), yet her page follows his edit."""
    vault = make_vault(
        {
            "People/Ana.md": "---\nhistory: [Globex (2018-2022)]\n---\n",
            "People/Ben.md": "---\nhistory: [Globex (2019-2020)]\n---\n",
            "People/Cy.md": "---\nhistory: [Initech (2010-2012)]\n---\n",
        }
    )
    out = tmp_path / "site"
    build_report(run, vault, out)
    assert "at Globex together 2019–2020" in (out / "people/ana.html").read_text()
    stamp = (out / "people/cy.html").stat().st_mtime_ns
    (vault / "People/Ben.md").write_text("---\nhistory: [Globex (2019-2021)]\n---\n")
    build_report(run, vault, out)
    assert "at Globex together 2019–2021" in (out / "people/ana.html").read_text()
    assert (out / "people/cy.html").stat().st_mtime_ns == stamp  # untied: not written again


def test_the_report_is_never_written_into_the_vault(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Pat.md": ""})
    result = run("report", "-o", str(vault), vault=vault)
    assert result.exit_code == 2 and "vault folder itself" in result.stderr


def test_weekly_note_is_written_kept_and_never_overwritten_once_edited(
    run: Run, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(EXAMPLE, vault)
    out = tmp_path / "site"
    result = run("report", "-o", str(out), "--note", vault=vault)
    assert result.exit_code == 0, result.stderr
    note = vault / "Reviews" / "2026-W48.md"
    text = note.read_text("utf-8")
    assert text.startswith("---\ntype: weekly-review\nweek: 2026-W48\n")
    assert "- [ ] [[Elena Rossi]]: 69 days past a 6m cadence" in text
    assert "- 2026-11-26: [[Laura Schmidt]], [[Sam Whitfield]]: Introduce" in text
    promises = text[text.index("## Promises") : text.index("## Moments")]
    assert "📅" not in text and "- [ ]" not in promises  # promises are not tasks again
    again = run("report", "-o", str(out), "--note", vault=vault)
    assert "weekly note unchanged" in again.stderr and note.read_text("utf-8") == text
    # the note adds no contacts and no tasks: the week looks the same
    due = run("due", "--json", vault=vault).json()
    assert len(due["tasks"]) == 3 and due["due"][0]["name"] == "Elena Rossi"
    edited = text.replace("## Figures", "## Figures\n\nMy own thoughts on the week.")
    note.write_text(edited, "utf-8")
    later = run("report", "-o", str(out), "--note", vault=vault, today="2026-11-25")
    assert later.exit_code == 0
    assert "edited since notekit wrote it" in later.stderr
    assert note.read_text("utf-8") == edited


@pytest.mark.parametrize("fixture", ["interactions", "bom-crlf", "detection"])
def test_fixture_vaults_build(run: Run, tmp_path: Path, fixture) -> None:
    import html

    index = build_report(run, FIXTURES / fixture, tmp_path / "site")
    people = run("people", "--json", vault=FIXTURES / fixture).json()
    assert people
    listed = (index.parent / "people.html").read_text("utf-8")
    pages = [
        (index.parent / "people").joinpath(p).read_text("utf-8")
        for p in sorted(os.listdir(index.parent / "people"))
    ]
    assert len(pages) == len(people)
    for person in people:
        name = html.escape(person["name"])
        assert name in listed, name
        assert sum(f"<h1>{name}" in page for page in pages) == 1, name
    assert "<h1>" in index.read_text("utf-8")


def test_a_rebuild_after_a_namesake_arrives_is_a_fresh_build(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """A new note can move another person's page to a new file name; every page linking to
    it is written again, whatever else changed."""
    vault = make_vault(
        {
            "People/Ann.md": "---\ncadence: 1m\n---\n",
            "Work/Bob.md": "---\ntype: person\n---\n- 2026-11-01 lunch, met [[Ann]]\n",
        }
    )
    out = tmp_path / "site"
    build_report(run, vault, out)
    assert 'href="../people/bob.html"' in (out / "people/ann.html").read_text()
    (vault / "People/Bob.md").write_text("---\ncadence: 1y\n---\n")  # takes bob.html
    build_report(run, vault, out)
    fresh = tmp_path / "fresh"
    build_report(run, vault, fresh)
    assert site_files(out) == site_files(fresh)
    assert 'href="../people/bob-2.html"' in (out / "people/ann.html").read_text()


def test_a_forged_manifest_deletes_nothing_outside_or_edited(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    import json

    vault = make_vault({"People/Pat.md": "---\ncadence: 1m\n---\n"})
    out = tmp_path / "site"
    build_report(run, vault, out)
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    (out / "people/kept.html").write_text("edited by me")
    manifest = json.loads((out / ".notekit-site.json").read_text())
    digest = manifest["files"]["people/pat.html"]
    manifest["pages"].update({"people/../../victim.txt": "x", "people/kept.html": "x"})
    manifest["files"].update({"people/../../victim.txt": digest, "people/kept.html": digest})
    (out / ".notekit-site.json").write_text(json.dumps(manifest))
    build_report(run, vault, out)
    assert victim.read_text() == "mine"
    assert (out / "people/kept.html").read_text() == "edited by me"
    (vault / "People/Pat.md").unlink()
    build_report(run, vault, out)
    assert not (out / "people/pat.html").exists()  # its own page, unchanged: removed


def test_a_folder_notekit_did_not_write_is_refused_unless_forced(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault({"People/Pat.md": "---\ncadence: 1m\n---\n"})
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.html").write_text("my own page")
    result = run("report", "-o", str(mine), vault=vault)
    assert result.exit_code == 2
    assert "did not write" in result.stderr and "--force" in result.stderr
    assert os.listdir(mine) == ["index.html"]
    assert (mine / "index.html").read_text() == "my own page"
    build_report(run, vault, mine, "--force")
    assert (mine / ".notekit-site.json").is_file()
    build_report(run, vault, mine)  # now it is notekit's folder


def test_root_home_vault_and_a_file_are_refused(
    run: Run, make_vault: MakeVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = make_vault({"People/Pat.md": "---\ncadence: 1m\n---\n"})
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    a_file = tmp_path / "file"
    a_file.write_text("x")
    for out, says in (
        ("/", "will not write"),
        (str(home), "will not write"),
        (str(vault), "vault folder"),
        (str(a_file), "is a file"),
    ):
        result = run("report", "-o", out, "--force", vault=vault)
        assert result.exit_code == 2, out
        assert says in result.stderr and "Traceback" not in result.stderr
    assert os.listdir(home) == [] and a_file.read_text() == "x"


def test_four_builds_of_one_folder_at_once_take_turns(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    import json
    import subprocess
    import sys

    vault = make_vault({f"People/P{n}.md": "---\ncadence: 1m\n---\n" for n in range(30)})
    out = tmp_path / "site"
    env = {**os.environ, "NOTEKIT_TODAY": "2026-11-23"}
    command = [sys.executable, "-m", "notekit", "--vault", str(vault), "report", "-o", str(out)]
    runs = [subprocess.Popen(command, env=env, stderr=subprocess.PIPE) for _ in range(4)]
    for process in runs:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    manifest = json.loads((out / ".notekit-site.json").read_text())
    assert len(manifest["pages"]) == 30
    assert sorted(os.listdir(out / "people")) == sorted(f"p{n}.html" for n in range(30))


def test_an_output_folder_that_cannot_be_written_is_a_message(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault({"People/Pat.md": "---\ncadence: 1m\n---\n"})
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "people").write_text("a file where a folder should be")
    (blocked / ".notekit-site.json").write_text("{}")
    result = run("report", "-o", str(blocked), vault=vault)
    assert result.exit_code == 2
    assert result.stderr.startswith("notekit: error:") and "Traceback" not in result.stderr
    (blocked / "people").unlink()
    (blocked / "index.html").mkdir()  # and the reverse: a folder where a page should be
    result = run("report", "-o", str(blocked), vault=vault)
    assert result.exit_code == 2
    assert f"{blocked / 'index.html'}: cannot write the report" in result.stderr  # not its .tmp
    assert "Traceback" not in result.stderr


def test_a_site_built_before_digests_were_kept_still_loses_pages_of_the_gone(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    import json

    vault = make_vault({"People/Pat.md": "---\ncadence: 1m\n---\n", "People/Sam.md": ""})
    out = tmp_path / "site"
    build_report(run, vault, out)
    manifest = json.loads((out / ".notekit-site.json").read_text())
    del manifest["files"]
    (out / ".notekit-site.json").write_text(json.dumps(manifest))
    build_report(run, vault, out)  # nothing to render again, but the digests are taken
    (vault / "People/Pat.md").unlink()
    build_report(run, vault, out)
    assert sorted(os.listdir(out / "people")) == ["sam.html"]


def test_the_weekly_note_of_the_example_vault_is_the_golden_one(run: Run, tmp_path: Path) -> None:
    """The whole weekly note, byte for byte: every section, order, link form and figure."""
    vault = tmp_path / "vault"
    shutil.copytree(EXAMPLE, vault)
    build_report(run, vault, tmp_path / "site", "--note")
    golden = FIXTURES / "weekly" / "vault-example-2026-W48.md"
    assert (vault / "Reviews/2026-W48.md").read_bytes() == golden.read_bytes()
    again = run("report", "--note", "-o", str(tmp_path / "site"), vault=vault)
    assert "weekly note unchanged" in again.stderr


def test_the_weekly_note_of_a_quiet_week_and_its_rewrite(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(
        {
            "People/Pat.md": "---\ncadence: 1y\n---\n- 2026-11-16 call: a week ago, out\n"
            "- 2026-11-17 call: six days ago\n- 2026-11-23 coffee: today\n",
            "Work/Pat.md": "---\ntype: person\nname: Pat B\n---\n- 2026-11-24 plan\n",
        }
    )
    out = str(tmp_path / "site")
    first = run("report", "--note", "-o", out, vault=vault)
    assert "report: Reviews/2026-W48.md  (Reviews/2026-W48.md)" in first.stderr
    note = vault / "Reviews/2026-W48.md"
    body = note.read_text().split("---\n", 2)[2]
    assert body == (
        "# Week 2026-W48 (2026-11-23 to 2026-11-29)\n\n"
        "## This week's plan\n\nNobody to plan for this week.\n\n"
        "## Promises\n\nNo dated promises this week.\n\n"
        "## Moments\n\nNo birthdays or new roles this week.\n\n"
        "## Last 7 days\n\n"
        "- 2026-11-23: [[People/Pat|Pat]] (coffee): today\n"
        "- 2026-11-17: [[People/Pat|Pat]] (call): six days ago\n\n"
        "## Figures\n\n- People: 2\n- Overdue: 0\n"
    )
    (vault / "People/Pat.md").write_text("---\ncadence: 1d\nlast_contact: 2026-11-01\n---\n")
    again = run("report", "--note", "-o", out, vault=vault, today="2026-11-24")
    assert again.exit_code == 0 and "edited since" not in again.stderr
    rewritten = note.read_text()
    assert "# Week 2026-W48 (2026-11-23 to 2026-11-29)" in rewritten  # one week, Monday on
    assert "- [ ] [[People/Pat|Pat]]: 21 days past a 1d cadence" in rewritten


def test_the_week_page_says_who_has_no_cadence(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault({"People/Ana.md": "---\ncompany: Globex\n---\n"})
    page = build_report(run, vault, tmp_path / "site").read_text("utf-8")
    assert "1 person has no cadence" in page and "default_cadence" in page
    (vault / "notekit.toml").write_text('default_cadence = "6m"\n')
    page = build_report(run, vault, tmp_path / "site").read_text("utf-8")
    assert "no cadence" not in page


def test_a_weekly_review_is_not_a_mention_on_person_pages(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\ncadence: 1m\n---\n",
            "Notes/Lunch plan.md": "Ask [[Ana]] about Rust.\n",
        }
    )
    build_report(run, vault, tmp_path / "site", "--note")
    assert (vault / "Reviews/2026-W48.md").is_file()  # the review links to Ana, who is due
    page = build_report(run, vault, tmp_path / "site").parent / "people/ana.html"
    text = page.read_text("utf-8")
    assert "Notes/Lunch plan.md" in text and "Reviews/2026-W48" not in text


def test_a_report_run_inside_the_vault_stays_out_of_obsidians_and_gits_way(
    make_vault: MakeVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import run_cli

    vault = make_vault({"People/Ana.md": "---\ncadence: 1m\n---\n"})
    monkeypatch.chdir(vault / "People")
    result = run_cli("report", vault=vault)
    assert result.exit_code == 0, result.stderr
    site = vault / ".notekit" / "site"
    assert (
        Path(result.stdout.strip()) == site / "index.html" and "(Obsidian and git" in result.stderr
    )
    assert (vault / ".notekit/.gitignore").read_text().endswith("*\n")
    assert not (vault / "People/site").exists()
    assert run_cli("people", "--json", vault=vault).json()[0]["name"] == "Ana"  # not read
    # an output of one's own choosing is kept, inside the vault or not
    (vault / "notekit.toml").write_text('[report]\noutput = "site"\n')
    chosen = run_cli("report", vault=vault)
    assert chosen.exit_code == 0 and (vault / "People/site/index.html").is_file()
    monkeypatch.chdir(tmp_path)
    (vault / "notekit.toml").unlink()
    outside = run_cli("report", vault=vault)
    assert Path(outside.stdout.strip()).resolve() == (tmp_path / "site/index.html").resolve()


def test_write_links_connections_and_the_network_page(run: Run, tmp_path: Path) -> None:
    from urllib.parse import parse_qs, urlsplit

    vault = tmp_path / "vault"
    shutil.copytree(EXAMPLE, vault)
    out = tmp_path / "site"
    html = build_report(run, vault, out).read_text("utf-8")
    plan = html[html.index('id="due"') : html.index('id="promises"')]
    links = {}
    for item in plan.split("<li")[1:]:
        name = re.search(r'\.html">([^<]+)</a>', item)
        write = re.search(r'class="write" href="([^"]+)"', item)
        if name and write:
            links[name.group(1)] = write.group(1)
    assert links["Jonas Berg"] == "https://www.linkedin.com/in/jonas-berg-sre"  # no email
    mail = urlsplit(links["Ana Costa"].replace("&amp;", "&"))
    query = parse_qs(mail.query)
    assert (mail.scheme, mail.path) == ("mailto", "ana.costa@example.com")
    assert query["subject"] == ["Happy early birthday, Ana!"]  # on Friday: the reason to write
    assert query["body"][0].startswith(
        "Hi Ana,\r\n\r\nHappy early birthday! I was thinking the other day about the 2016"
    )
    assert query["body"][0].endswith("Best,\r\nSam\r\n")
    assert "Kwame Mensah" not in links  # neither an email nor a LinkedIn profile
    ana = (out / "people/ana-costa.html").read_text("utf-8")
    connections = ana[ana.index('id="connections"') :]
    assert "Ana Costa knows Jonas Berg (People/Ana Costa.md)" in connections
    assert "at Initech together 2015–2017" in connections  # Chloé's years and Ana's
    assert "Initech (2014-2017) — overlapped 2014–2017" in ana  # the shared history
    network = (out / "network.html").read_text("utf-8")
    assert network.count('<g class="node">') == 30
    assert "Yara Haddad knows Farid Haddad" in network
    # a tie written in another note reaches Ana's page, which is built again
    yara = vault / "People/Yara Haddad.md"
    yara.write_text(yara.read_text("utf-8").replace('knows: ["', 'knows: ["[[Ana Costa]]", "'))
    before = (out / "people/ana-costa.html").stat().st_mtime_ns
    build_report(run, vault, out)
    assert (out / "people/ana-costa.html").stat().st_mtime_ns != before
    assert "Yara Haddad knows Ana Costa" in (out / "people/ana-costa.html").read_text("utf-8")


def test_the_network_layout_keeps_boxes_apart_and_rows_inside(run: Run, tmp_path: Path) -> None:
    import datetime as dt
    import sys

    from notekit.rules.contact import last_heard
    from notekit.rules.network import ties
    from notekit.site import network
    from notekit.store.facade import Store

    sys.path.insert(0, str(EXAMPLE.parent / "bench"))
    from generate import generate

    generate(tmp_path / "v", 400)
    index = Store(tmp_path / "v").index()
    today = dt.date(2026, 11, 23)
    heard = {p.path: last_heard(p, index, today) for p in index.people}
    found = network.picture(index, ties(index, today), heard, today, lambda p: p.path)
    assert (found.shown, found.total) == (network.SHOWN, 400)
    for i, a in enumerate(found.boxes):
        for b in found.boxes[i + 1 :]:
            apart = a.x + a.width <= b.x or b.x + b.width <= a.x
            assert apart or a.y + a.height <= b.y or b.y + b.height <= a.y, (a, b)
    rows = {(n.x, n.y) for n in found.nodes}
    assert len(rows) == len(found.nodes)  # a row of its own for each name
    for node in found.nodes:
        assert len(node.label) <= network.LABEL
        assert any(
            b.x < node.x < b.x + b.width and b.y < node.y < b.y + b.height for b in found.boxes
        )
    again = network.picture(index, ties(index, today), heard, today, lambda p: p.path)
    assert again == found  # arithmetic alone: the same vault, the same picture


def test_people_known_without_a_note_are_named_on_the_page(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\nknows: ['[[Bo]]', '[[Cleo Nobody]]']\n---\n",
            "People/Bo.md": "---\ncompany: Initech\n---\n",
        }
    )
    out = tmp_path / "site"
    build_report(run, vault, out)
    ana = (out / "people/ana.html").read_text("utf-8")
    assert "<dt>Knows (no note)</dt><dd>Cleo Nobody</dd>" in ana
    assert "Ana knows Bo (People/Ana.md)" in ana[ana.index('id="connections"') :]


def test_a_person_page_has_the_draft_framed_by_the_reason_and_open_items(
    run: Run, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(EXAMPLE, vault)
    out = tmp_path / "site"
    build_report(run, vault, out)
    rosa = (out / "people/rosa-alvarez.html").read_text("utf-8")
    write = rosa[rosa.index('id="write"') : rosa.index('class="facts"')]
    assert "Subject: Re: your message" in write
    assert "Thank you for your message on Thursday, and sorry to be slow to answer." in write
    assert 'href="mailto:rosa@openmaps.example?subject=Re%3A%20your%20message' in write
    priya = (out / "people/priya-nair.html").read_text("utf-8")
    assert "Thank you again for offering the referral." in priya
    assert "referral: to the Globex platform team" in priya  # her open opportunity
    kwame = (out / "people/kwame-mensah.html").read_text("utf-8")
    assert "Open in your mail program" not in kwame  # no address: no link to write
    week = (out / "index.html").read_text("utf-8")
    listed = week[week.index('class="plain open-opportunities"') :].split("</ul>")[0]
    assert "Priya Nair</a>: referral — to the Globex platform team" in listed


def test_a_changed_draft_template_of_a_language_renders_the_pages_again(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """A person page holds their draft: the vault's French template, added or changed in
    `Templates/notekit/fr/`, shows on the next build, though no note changed."""
    vault = make_vault(
        {
            "People/Léa.md": "---\nlanguage: fr\nemail: lea@example.fr\nrole: PM\n---\n"
            "## Souvenirs\n- Le hackathon de Lyon\n",
        }
    )
    out = tmp_path / "site"
    assert run("report", "-o", str(out), vault=vault).exit_code == 0
    page = out / "people/lea.html"
    assert "Bonjour Léa" in page.read_text("utf-8")
    own = vault / "Templates/notekit/fr"
    own.mkdir(parents=True)
    (own / "email.md").write_text("Coucou {{ first_name }} !\n", encoding="utf-8")
    assert run("report", "-o", str(out), vault=vault).exit_code == 0
    assert "Coucou Léa" in page.read_text("utf-8")


def test_the_weekly_note_marks_what_was_done_and_who_else_is_waiting(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """A pick done during the week is ticked with its day; whoever waits on me beyond the plan
    has a section; an entry without words is shown without any; a note the user changed,
    even into bytes that are no UTF-8, is left alone with a message."""
    vault = make_vault(
        {
            "notekit.toml": "[plan]\nsize = 1\n",
            "People/Ben.md": "---\ncadence: 1y\n---\n"
            "- 2026-11-20 email from: can you send the deck?\n",
            "People/Dee.md": "---\ncadence: 1y\n---\n- 2026-11-19 message from: lunch next week?\n",
            "People/Cy.md": "---\ncadence: 1y\n---\n- 2026-11-21 call:\n",
        }
    )
    out = str(tmp_path / "site")
    assert run("report", "--note", "-o", out, vault=vault).exit_code == 0
    note = vault / "Reviews/2026-W48.md"
    ben = "[[Ben]]: waiting on you since 2026-11-20: 'can you send the deck?'; no way to write yet"
    lines = note.read_text().split("\n")
    assert f"- [ ] {ben}: add an email or a LinkedIn profile" in lines
    waiting = lines.index("## Waiting on you")
    assert lines[waiting - 1 : waiting + 4] == [
        "",
        "## Waiting on you",
        "",
        "- [[Dee]]: waiting on you since 2026-11-19: 'lunch next week?'",
        "",
    ]
    assert "- 2026-11-21: [[Cy]] (call)" in lines
    with (vault / "People/Ben.md").open("a") as ben_note:
        ben_note.write("- 2026-11-24 email to: here it is\n")
    settle(vault)
    again = run("report", "--note", "-o", out, vault=vault, today="2026-11-24")
    assert "report: Reviews/2026-W48.md" in again.stderr
    done = f"- [x] {ben}: add an email or a LinkedIn profile (done 2026-11-24)"
    assert done in note.read_text().split("\n")
    note.write_bytes(note.read_bytes() + b"caf\xe9\n")
    edited = run("report", "--note", "-o", out, vault=vault, today="2026-11-25")
    assert "Reviews/2026-W48.md was edited since notekit wrote it" in edited.stderr
    assert note.read_bytes().endswith(b"caf\xe9\n")


def test_the_ties_are_kept_between_reports_while_nothing_they_are_made_of_changed(
    run: Run, make_vault: MakeVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A logged call changes no tie: the next report takes the ties of the one before instead
    of working out everyone's again; a new `knows` does, and they are worked out anew."""
    import datetime as dt

    from notekit.rules.network import Graph
    from notekit.site import report
    from notekit.store.summary import Summary

    worked_out: list[int] = []

    def counted_ties(vault: Summary, today: dt.date) -> Graph:
        worked_out.append(1)
        return real_ties(vault, today)

    real_ties = report.ties
    monkeypatch.setattr(report, "ties", counted_ties)
    vault = make_vault(
        {
            "People/Ana.md": "---\nknows: ['[[Bo]]']\n---\n- 2026-10-01 call: the move\n",
            "People/Bo.md": "---\nemail: b@example.com\n---\n",
            "People/Cy.md": "---\nemail: c@example.com\n---\n",
        }
    )
    settle(vault)
    out = tmp_path / "site"
    build_report(run, vault, out)
    assert len(worked_out) == 1
    ana = vault / "People/Ana.md"
    ana.write_text(ana.read_text("utf-8") + "- 2026-11-01 call: the new job\n", "utf-8")
    settle(vault)
    build_report(run, vault, out)
    assert len(worked_out) == 1  # the kept ones
    assert "the new job" in (out / "people/ana.html").read_text("utf-8")
    ana.write_text(ana.read_text("utf-8").replace("'[[Bo]]'", "'[[Bo]]', '[[Cy]]'"), "utf-8")
    settle(vault)
    build_report(run, vault, out)
    assert len(worked_out) == 2
    assert "Ana knows Cy (People/Ana.md)" in (out / "people/cy.html").read_text("utf-8")


def _report_in_a_process(vault: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    """`notekit report` run apart, so that a build that waits forever fails the test."""
    command = [sys.executable, "-m", "notekit", "--vault", str(vault), "--today", TODAY]
    return subprocess.run(
        [*command, "report", "-o", str(out), *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_the_place_of_a_page_or_a_setting_is_replaced_not_waited_on(
    run: Run, tmp_path: Path
) -> None:
    """Opening a FIFO to read it waits for a writer that never comes: a page of the site, a
    person page whose digest the manifest lacks, the manifest, or Obsidian's settings in the
    vault, each swapped for one, are written over or left out, never waited on."""
    vault, out = tmp_path / "vault", tmp_path / "site"
    shutil.copytree(EXAMPLE, vault)
    build_report(run, vault, out)
    made = site_files(out)
    manifest = json.loads(made[MANIFEST])
    del manifest["files"]["people/ana-costa.html"]  # as a site from before digests were kept
    (out / MANIFEST).write_text(json.dumps(manifest))
    for page in ("people.html", "index.html", "people/ana-costa.html"):
        (out / page).unlink()
        os.mkfifo(out / page)
    result = _report_in_a_process(vault, out)
    assert result.returncode == 0, result.stderr
    rebuilt = site_files(out)
    for page in ("people.html", "index.html", "people/ana-costa.html"):
        assert rebuilt[page] == made[page]
    (out / MANIFEST).unlink()
    os.mkfifo(out / MANIFEST)  # no manifest to read: the folder is not notekit's, as if gone
    refused = _report_in_a_process(vault, out)
    assert refused.returncode != 0 and "notekit did not write" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _report_in_a_process(vault, out, "--force").returncode == 0
    assert (out / MANIFEST).is_file()
    for settings in ("daily-notes.json", "templates.json"):  # read as if there were none
        (vault / ".obsidian" / settings).unlink()
        os.mkfifo(vault / ".obsidian" / settings)
    result = _report_in_a_process(vault, out)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
