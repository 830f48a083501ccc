"""`notekit set`: fields of one person or many, each note changed only in those lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from note_strategies import SETTINGS, notes

from conftest import FIXTURES, MakeVault, Run


@pytest.fixture
def vault(make_vault: MakeVault) -> Path:
    return make_vault(
        {
            "notekit.toml": 'default_cadence = "6m"\n',
            "People/Ana.md": "---\ncompany: Initech  # since 2019\ntags: [a, b]\ncadence: 3m\n---\n"
            "## Log\n- 2026-01-01 call: hi\n",
            "People/Ben.md": "---\ncompany: INITECH\ntags:\n  - b\n  - c # kept\n---\n",
            "People/Cy.md": "---\ncompany: Globex\nstatus: active\n---\n",
        }
    )


def test_set_on_everyone_a_where_selects(run: Run, vault: Path) -> None:
    result = run("set", "--where", "company=initech", "cadence=1y", "tags+=alumni", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert (vault / "People/Ana.md").read_text() == (
        "---\ncompany: Initech  # since 2019\ntags: [a, b, alumni]\ncadence: 1y\n---\n"
        "## Log\n- 2026-01-01 call: hi\n"
    )
    assert (vault / "People/Ben.md").read_text() == (
        "---\ncompany: INITECH\ntags:\n  - b\n  - c # kept\n  - alumni\ncadence: 1y\n---\n"
    )
    assert "cadence" not in (vault / "People/Cy.md").read_text()
    people = {p["name"]: p["cadence"] for p in run("people", "--json", vault=vault).json()}
    assert people == {"Ana": "1y", "Ben": "1y", "Cy": "6m"}


def test_set_clears_takes_out_and_selects_by_name_or_tag(run: Run, vault: Path) -> None:
    assert run("set", "Cy", "status=", "company=Globex Ltd", vault=vault).exit_code == 0
    assert (vault / "People/Cy.md").read_text() == "---\ncompany: Globex Ltd\n---\n"
    assert run("set", "--tag", "b", "tags-=b", vault=vault).exit_code == 0
    assert "tags: [a]" in (vault / "People/Ana.md").read_text()
    assert "  - b\n" not in (vault / "People/Ben.md").read_text()
    assert run("set", "Ana", "next_contact=2026-12-24", vault=vault).exit_code == 0
    assert "next_contact: 2026-12-24\n" in (vault / "People/Ana.md").read_text()


def test_tags_written_as_words_stay_words(run: Run, make_vault: MakeVault, tmp_path: Path) -> None:
    """`Tags: person, initech` is two tags (docs/format.md): one held already is not added
    again, one more goes after them as they are written, one taken out leaves the others;
    an import that labels the person adds its tag the same way; a merge too."""
    vault = make_vault(
        {
            "People/Ben.md": "---\nEmail: ben@x.org\nTags: person, initech\n---\n",
            "People/Ben O.md": "---\ntags: person mentor\n---\n",
        }
    )
    ben = vault / "People/Ben.md"
    unchanged = run("set", "Ben", "tags+=Initech", vault=vault)
    assert unchanged.stdout == "changed 0 of 1 note\n"
    assert run("set", "Ben", "tags+=alumni", "tags-=person", vault=vault).exit_code == 0
    assert ben.read_text() == "---\nEmail: ben@x.org\nTags: initech, alumni\n---\n"
    export = tmp_path / "contacts.csv"
    export.write_text(
        "First Name,Last Name,E-mail 1 - Value,Labels\nBen,,ben@x.org,Friends ::: * myContacts\n"
    )
    assert run("import", "google", str(export), vault=vault).exit_code == 0
    assert "Tags: initech, alumni, friends\n" in ben.read_text()
    assert run("merge", "People/Ben.md", "People/Ben O.md", vault=vault).exit_code == 0
    assert "Tags: initech, alumni, friends, person, mentor\n" in ben.read_text()
    shown = run("show", "Ben", "--json", vault=vault).json()
    assert shown["tags"] == ["initech", "alumni", "friends", "person", "mentor"]


def test_emails_written_as_one_text_are_each_an_address(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """`email: a@x.org; b@y.org` is two addresses: shown and exported as two, matched by an
    import (which adds neither again), added to and taken from as the text is written."""
    vault = make_vault({"People/Ana.md": "---\nemail: a@x.org; b@y.org\ncadence: 3m\n---\n"})
    ana = vault / "People/Ana.md"
    assert run("show", "Ana", "--json", vault=vault).json()["emails"] == ["a@x.org", "b@y.org"]
    cards = run("export", "vcard", vault=vault).stdout
    assert [line for line in cards.splitlines() if line.startswith("EMAIL")] == [
        "EMAIL:a@x.org",
        "EMAIL:b@y.org",
    ]
    export = tmp_path / "contacts.csv"
    export.write_text("First Name,Last Name,E-mail 1 - Value\nAna,,B@y.org\n")
    imported = run("import", "google", str(export), vault=vault)
    assert "0 people were added, 0 updated, 1 unchanged" in imported.stdout
    assert run("set", "Ana", "email+=c@z.org", "email-=a@x.org", vault=vault).exit_code == 0
    assert ana.read_text() == "---\nemail: b@y.org; c@z.org\ncadence: 3m\n---\n"


def test_set_writes_each_kind_of_field_where_the_note_keeps_it(
    run: Run, make_vault: MakeVault
) -> None:
    """A list field under the key the note uses for it (`mail` is `email`), in the shape
    the note gave it; a key notekit does not know as written, found again whatever its case;
    a value the note holds already changes nothing."""
    vault = make_vault({"People/Ana.md": "---\nmail: ana@x.org\nhobby: chess\ntags: [a, b]\n---\n"})
    args = ["tags=x, y", "email=ana@y.org", "Favourite food=pasta", "role=CTO"]
    result = run("set", "Ana", *args, vault=vault)
    assert result.exit_code == 0 and "changed 1 of 1 note" in result.stdout
    assert (vault / "People/Ana.md").read_text() == (
        "---\nmail: ana@y.org\nhobby: chess\ntags: [x, y]\nFavourite food: pasta\nrole: CTO\n---\n"
    )
    result = run("set", "Ana", "favourite FOOD=rice", "role=CTO", vault=vault)
    assert result.exit_code == 0
    assert "Favourite food: rice\nrole: CTO\n" in (vault / "People/Ana.md").read_text()
    result = run("set", "Ana", "role=CTO", vault=vault)
    assert result.exit_code == 0 and "changed 0 of 1 note" in result.stdout
    person = run("show", "Ana", "--json", vault=vault).json()
    assert (person["role"], person["emails"], person["tags"]) == ("CTO", ["ana@y.org"], ["x", "y"])


def test_set_splits_at_the_first_equals_sign_and_adds_a_list_the_note_lacks(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault({"People/Ana.md": "---\nrole: CTO\n---\n"})
    result = run("set", "Ana", "website=https://ana.example/?a=b", "tags=x, y", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert (vault / "People/Ana.md").read_text() == (
        "---\nrole: CTO\nwebsite: 'https://ana.example/?a=b'\ntags: [x, y]\n---\n"
    )


def test_set_keeps_the_quotes_of_a_value_and_the_comments_of_one_it_clears(
    run: Run, make_vault: MakeVault
) -> None:
    """A value in quotes is written in the same quotes, with what they need escaped; a value
    cleared takes its lines with it and leaves the user's comment among them."""
    vault = make_vault(
        {
            "People/Ana.md": "---\nrole: 'CTO'\ncompany: \"Acme\"\ntags:\n  # mine\n  - a\n"
            "city: Lyon\n---\n"
        }
    )
    args = ["role=O'Reilly's lead", 'company=say "hi" \\ ok', "tags="]
    assert run("set", "Ana", *args, vault=vault).exit_code == 0
    assert (vault / "People/Ana.md").read_text() == (
        "---\nrole: 'O''Reilly''s lead'\ncompany: \"say \\\"hi\\\" \\\\ ok\"\n  # mine\n"
        "city: Lyon\n---\n"
    )
    person = run("show", "Ana", "--json", vault=vault).json()
    assert (person["role"], person["company"]) == ("O'Reilly's lead", 'say "hi" \\ ok')


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["cadence=1y"], "name the people"),
        (["Ana"], "nothing to set"),
        (["Ana", "cadence=often"], "not a cadence"),
        (["Ana", "next_contact=2026-13-01"], "no such date"),
        (["Ana", "birthday=Nov 27"], "birthday: not a date"),  # a birthday kept is not lost
        (["Ana", "bday=02-30"], "no such day of the year"),
        (["--where", "company=Nowhere", "cadence=1y"], "nobody matches"),
        (["--where", "shoe=42", "cadence=1y"], "a field notekit knows"),
    ],
)
def test_set_refuses_and_writes_nothing(run: Run, vault: Path, args, says) -> None:
    before = {p: p.read_bytes() for p in vault.rglob("*.md")}
    result = run("set", *args, vault=vault)
    assert result.exit_code == 2 and says in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in vault.rglob("*.md")} == before


def test_a_dry_run_shows_every_change_and_writes_nothing(run: Run, vault: Path) -> None:
    before = {p: p.read_bytes() for p in vault.rglob("*.md")}
    result = run("set", "--where", "company=Initech", "cadence=1y", "--dry-run", vault=vault)
    assert result.exit_code == 0
    assert "-cadence: 3m\n+cadence: 1y" in result.stdout and "+cadence: 1y" in result.stdout
    assert {p: p.read_bytes() for p in vault.rglob("*.md")} == before


def test_an_import_sets_tags_and_cadence_on_what_it_adds(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Ana Costa.md": "---\nemail: ana.costa@example.com\n---\n"})
    connections = str(FIXTURES / "linkedin" / "Connections.csv")
    result = run(
        "import", "linkedin", connections, "--tag", "linkedin", "--cadence", "1y", vault=vault
    )
    assert result.exit_code == 0, result.stderr
    people = {p["name"]: p for p in run("people", "--json", vault=vault).json()}
    assert people["Ben Okafor"]["cadence"] == "1y" and "linkedin" in people["Ben Okafor"]["tags"]
    assert people["Ana Costa"]["cadence"] is None  # matched, not added: left as it was
    bad = run("import", "linkedin", connections, "--cadence", "often", vault=vault)
    assert bad.exit_code == 2 and "--cadence" in bad.stderr


@SETTINGS
@given(notes())
def test_set_changes_only_the_lines_of_its_fields(data: bytes) -> None:
    """On generated notes: every other front-matter value reads as before, and the set ones
    read as set."""
    import tempfile

    from notekit.core.errors import EditError
    from notekit.store.facade import Store
    from notekit.write.changes import parse_assignment, plan_set
    from notekit.write.edit import front_matter_values

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "People").mkdir()
        (root / "People/P.md").write_bytes(data)
        summary = Store(root).summary()
        person = summary.people[0]
        wanted = [parse_assignment(a) for a in ("cadence=2m", "status=", "tags+=zz")]
        try:
            change = plan_set(summary, person, [a for a in wanted if a])
        except EditError as refusal:  # `tags: TRUE` is no list to add to: refused, not guessed
            assert "is not a list notekit can add to" in str(refusal)
            assert (root / "People/P.md").read_bytes() == data
            return
    if change is None:
        return
    change.discard()
    before, _ = front_matter_values(data)
    after, errors = front_matter_values(change.after)
    assert errors == []
    reader = summary.fields
    for key in before.keys() | after.keys():
        field = reader.field_of(key)
        if field in ("cadence", "status", "tags"):
            continue
        assert before.get(key) == after.get(key), key
    fields = {reader.field_of(k): v for k, v in after.items()}
    assert fields.get("cadence") == "2m" and "status" not in fields
    assert "zz" in fields["tags"]


def test_a_list_field_keeps_the_shape_the_note_gave_it(run: Run, make_vault: MakeVault) -> None:
    """One item over a value written alone stays alone; more than one, or over a list, or
    where the note has none, is a list."""
    vault = make_vault(
        {
            "People/Ana.md": "---\nemail: ana@old.example  # work\ntags: [a]\n---\n",
            "People/Ben.md": "---\nemail: ben@old.example\n---\n",
            "People/Cy.md": "---\nname: Cy\n---\n",
        }
    )
    assert run("set", "Ana", "email=ana@new.example", "tags=b", vault=vault).exit_code == 0
    assert (vault / "People/Ana.md").read_text() == (
        "---\nemail: ana@new.example  # work\ntags: [b]\n---\n"
    )
    assert run("set", "Ben", "email=ben@new.example,ben@home.example", vault=vault).exit_code == 0
    assert (vault / "People/Ben.md").read_text() == (
        "---\nemail: [ben@new.example, ben@home.example]\n---\n"
    )
    assert run("set", "Cy", "email=cy@example.com", vault=vault).exit_code == 0
    assert (vault / "People/Cy.md").read_text() == "---\nname: Cy\nemail: [cy@example.com]\n---\n"


def test_every_list_field_splits_at_commas(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Ana.md": "---\nname: Ana\n---\n"})
    args = ["projects=a book, a podcast", "memories=the train", "introduced_by=Ben, Cy"]
    assert run("set", "Ana", *args, vault=vault).exit_code == 0
    assert (vault / "People/Ana.md").read_text() == (
        "---\nname: Ana\nprojects: [a book, a podcast]\nmemories: [the train]\n"
        "introduced_by: [Ben, Cy]\n---\n"
    )


def test_set_writes_values_yaml_reads_back_on_one_line(run: Run, make_vault: MakeVault) -> None:
    """A value with `: ` is quoted; accents stay as written; a long list stays on its line
    (the line edits that follow need it there)."""
    vault = make_vault({"People/Ana.md": "---\nrole: Engineer\ntags: [x]\n---\n"})
    tags = [f"tag-number-{n:02d}" for n in range(8)]
    result = run(
        "set",
        "Ana",
        "role=Head: Platform",
        "tags=" + ", ".join(["café", "Zoë", *tags]),
        vault=vault,
    )
    assert result.exit_code == 0, result.stderr
    assert (vault / "People/Ana.md").read_text() == (
        "---\nrole: 'Head: Platform'\ntags: [café, Zoë, " + ", ".join(tags) + "]\n---\n"
    )
    ana = run("show", "Ana", "--json", vault=vault).json()
    assert (ana["role"], ana["tags"][:2]) == ("Head: Platform", ["café", "Zoë"])
