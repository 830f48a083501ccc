"""`notekit import`: contacts from other tools into the vault, matched, never duplicated."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, FIXTURES, MakeVault, Run
from notekit.interop.linkedin import connected_on, connections
from notekit.interop.vcard import decode

LINKEDIN = FIXTURES / "linkedin"


def _notes(vault: Path) -> dict[str, str]:
    return {p.relative_to(vault).as_posix(): p.read_text() for p in vault.rglob("*.md")}


def test_connections_are_read_whatever_the_preamble_order_and_era() -> None:
    current = list(
        connections((LINKEDIN / "Connections.csv").read_text("utf-8-sig"), "Connections.csv")
    )
    assert [c.name for c in current] == ["Ana Costa", "Ben Okafor", "Chloé Martin", "Dana Lee"]
    ben = current[1]
    assert (ben.company, ben.role, ben.emails) == ("Initech, Inc.", "Director, Engineering", ())
    assert current[2].emails == ()  # `urn:li:member:…` is no email
    assert current[0].since == dt.date(2024, 3, 15)
    legacy = list(connections((LINKEDIN / "legacy.csv").read_text(), "legacy.csv"))
    assert [(c.name, c.linkedin, c.since) for c in legacy] == [
        ("Erik Berg", None, dt.date(2018, 1, 8))
    ]
    reordered = list(connections((LINKEDIN / "reordered.csv").read_text(), "reordered.csv"))
    assert [(c.name, c.company, c.role) for c in reordered] == [("Fay Wong", "Globex", "CEO")]
    assert connected_on("yesterday") is None


def test_import_adds_people_fills_matches_and_is_idempotent(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            # matched by email: only the empty fields are filled
            "People/Ana Costa.md": "---\nemail: ana.costa@example.com\ncompany: Globex\n---\n",
            # matched by name: Ben's note gains his company and role
            "People/Ben Okafor.md": "---\ncadence: 3m\n---\n",
            # a namesake with another LinkedIn profile: another person, a note of her own
            "People/Dana Lee.md": "---\nlinkedin: https://www.linkedin.com/in/another-dana\n---\n",
        }
    )
    plan = run("import", "linkedin", str(LINKEDIN / "Connections.csv"), "--dry-run", vault=vault)
    assert plan.exit_code == 0, plan.stderr
    assert "2 people would be added, 2 updated, 0 unchanged." in plan.stdout
    assert "+linkedin: 'https://www.linkedin.com/in/anacosta'" in plan.stdout  # the diffs
    before = _notes(vault)
    result = run("import", "linkedin", str(LINKEDIN / "Connections.csv"), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "2 people were added, 2 updated, 0 unchanged." in result.stdout
    notes = _notes(vault)
    assert notes["People/Dana Lee.md"] == before["People/Dana Lee.md"]
    assert "linkedin: 'https://www.linkedin.com/in/danalee" in notes["People/Dana Lee 2.md"]
    pairs = run("dedupe", vault=vault).stdout
    assert "Dana Lee" in pairs and "Dana Lee 2.md" in pairs  # listed for the user to look at
    ben = run("show", "Ben Okafor", "--json", vault=vault).json()
    assert (ben["company"], ben["role"], ben["cadence"]) == (
        "Initech, Inc.",
        "Director, Engineering",
        "3m",
    )
    chloe = run("show", "Chloé Martin", "--json", vault=vault).json()
    assert chloe["linkedin"] == "https://www.linkedin.com/in/chloemartin"
    assert "source: linkedin" in notes["People/Chloé Martin.md"]
    again = run("import", "linkedin", str(LINKEDIN / "Connections.csv"), vault=vault)
    assert "0 people were added, 0 updated, 4 unchanged." in again.stdout
    assert _notes(vault) == notes  # the same import twice changes nothing


def test_a_note_of_no_employer_is_no_other_employer(run: Run, make_vault: MakeVault) -> None:
    """Chloé's note says `Freelance`, her connection says Umbrella: not another employer, so
    not a namesake. She is matched (no `Chloé Martin 2.md`); with a role of her own, the
    new one at Umbrella is left for the user, as another role always is."""
    vault = make_vault(
        {
            "People/Chloé Martin.md": "---\ncompany: Freelance\n---\n",
            "People/Ben Okafor.md": "---\ncompany: Self-employed\nrole: Consultant\n---\n",
        }
    )
    result = run("import", "linkedin", str(LINKEDIN / "Connections.csv"), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert sorted(_notes(vault)) == [
        "People/Ana Costa.md",
        "People/Ben Okafor.md",
        "People/Chloé Martin.md",
        "People/Dana Lee.md",
    ]
    chloe = run("show", "Chloé Martin", "--json", vault=vault).json()
    assert chloe["linkedin"] == "https://www.linkedin.com/in/chloemartin"
    assert "left for you: Ben Okafor (Director, Engineering at Initech, Inc.) may be" in (
        result.stdout
    )


def test_the_zip_and_the_folder_as_linkedin_sends_them(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport_11-30-2026.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(LINKEDIN / "Connections.csv", "Connections.csv")
        out.writestr("Invitations.csv", "From,To\n")
        out.writestr("Profile.csv", "First Name\n")
    vault = make_vault({"People/.keep.md": ""})
    result = run("import", "linkedin", str(archive), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "4 people were added" in result.stdout
    assert "Not read (other parts of the export): Invitations.csv, Profile.csv" in result.stdout
    folder = tmp_path / "unzipped"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes((LINKEDIN / "Connections.csv").read_bytes())
    again = run("import", "linkedin", str(folder), vault=vault)
    assert "0 people were added, 0 updated, 4 unchanged." in again.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a zip\n", "cannot read"), (b"PK\x03\x04broken", "cannot read")],
)
def test_what_is_no_export_is_said(
    run: Run, make_vault: MakeVault, tmp_path: Path, content, message
) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(content)
    vault = make_vault({"People/A.md": ""})
    result = run("import", "linkedin", str(path), vault=vault)
    assert result.exit_code == 2 and message in result.stderr
    csv_file = tmp_path / "Connections.csv"
    csv_file.write_text("Name,Company\nAna,Globex\n")
    result = run("import", "linkedin", str(csv_file), vault=vault)
    assert result.exit_code == 2 and "no `First Name,Last Name" in result.stderr


def _linkedin_export(archive: Path) -> Path:
    """A LinkedIn export zip of the fixture's connections and messages (with a group
    conversation), as LinkedIn sends it."""
    with zipfile.ZipFile(archive, "w") as out:
        out.write(LINKEDIN / "Connections.csv", "Connections.csv")
        out.write(LINKEDIN / "messages.csv", "messages.csv")
    return archive


def test_messages_become_log_entries_once_per_person_day_and_direction(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    archive = _linkedin_export(tmp_path / "Complete_LinkedInDataExport_11-30-2026.zip")
    vault = make_vault({"People/Ana Costa.md": "---\nemail: ana.costa@example.com\n---\n"})
    result = run("import", "linkedin", str(archive), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "4 log entries were added from messages, 0 were there" in result.stdout
    assert (
        "1 message with nobody of the vault, 1 draft, 0 dated after today and 2 of my "
        "messages to groups (contact with no one) left out" in result.stdout
    )
    ana = (vault / "People/Ana Costa.md").read_text()
    assert "- 2026-08-01 linkedin to: Hi Ana, how is the new team?\n" in ana
    assert "- 2026-08-03 linkedin from: Great, let's get coffee!\n" in ana
    assert "unsent" not in ana and "One more thing" not in ana
    # the group conversation: an entry for each who wrote that day, linking the others
    line = "- 2026-09-11 linkedin group with [[Ben Okafor]] and 1 other: I'm in too & I'll bring"
    assert line + " photos\n" in ana
    assert "linkedin to: Count me in" not in ana and "Booked" not in ana
    ben = (vault / "People/Ben Okafor.md").read_text()  # added from the connections, then
    assert (
        "- 2026-09-10 linkedin group with [[Ana Costa]] and 1 other: Reunion in October?\n" in ben
    )
    assert "linkedin to:" not in ben and "linkedin from:" not in ben
    assert not (vault / "People/Zed Stranger.md").exists()
    shown = run("show", "Ana Costa", "--json", vault=vault).json()
    assert shown["last_contact"] == "2026-09-11"
    assert run("intro", "Ben Okafor", vault=vault).stdout.count("Ana Costa") >= 1
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-C", str(vault)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "first import"], check=True)
    again = run("import", "linkedin", str(archive), vault=vault)
    assert "0 log entries were added from messages, 4 were there" in again.stdout
    status = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    assert status.returncode == 0 and status.stdout == ""  # the second import changed nothing


def test_messages_without_text(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {"People/Ana Costa.md": "---\nlinkedin: https://linkedin.com/in/anacosta/\n---\n"}
    )
    result = run("import", "linkedin", str(LINKEDIN / "messages.csv"), "--no-text", vault=vault)
    assert result.exit_code == 0, result.stderr
    text = (vault / "People/Ana Costa.md").read_text()
    assert "- 2026-08-01 linkedin to:\n" in text and "Hi Ana" not in text


VCARDS = FIXTURES / "vcard"


def test_vcards_of_every_version_and_charset_are_imported(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Ana Costa.md": "---\ncadence: 3m\n---\n"})
    result = run("import", "vcard", str(VCARDS), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "4 people were added, 1 updated, 0 unchanged." in result.stdout
    assert "broken.vcf, card 1: unreadable property left out: FN;broken" in result.stdout
    assert "broken.vcf, card 1: no name" in result.stdout
    assert "broken.vcf, card 2: no name" in result.stdout
    people = {p["name"] for p in run("people", "--json", vault=vault).json()}
    assert people == {"Ana Costa", "Ben Okafor", "Chloé Martin", "Zoë Ångström", "山田 太郎"}
    ana = run("show", "Ana Costa", "--json", vault=vault).json()
    assert (ana["company"], ana["role"], ana["birthday"]) == ("Globex", "Staff Engineer", "--11-27")
    assert ana["linkedin"] == "https://www.linkedin.com/in/anacosta" and ana["cadence"] == "3m"
    zoe = run("show", "Zoë Ångström", "--json", vault=vault).json()
    assert (zoe["phone"], zoe["birthday"]) == ("+46 70 000 00 00", "1990-04-02")
    notes = _notes(vault)
    again = run("import", "vcard", str(VCARDS), vault=vault)
    assert "0 people were added, 0 updated, 5 unchanged." in again.stdout
    assert _notes(vault) == notes


@pytest.mark.skipif(not (CORPUS / "vcards").is_dir(), reason="no ../shared/corpus here")
def test_every_card_of_the_corpus_is_imported_or_said_why_not(
    run: Run, make_vault: MakeVault
) -> None:
    from notekit.interop.vcard import files_of, read_cards

    vault = make_vault({"People/.keep.md": ""})
    files = files_of(CORPUS / "vcards")
    found, skipped = read_cards(CORPUS / "vcards")
    cards = 0
    for path in files:  # every BEGIN:VCARD but one that opens an AGENT's card within a card
        lines = [line.strip().upper() for line in decode(path.read_bytes()).splitlines()]
        cards += sum(
            line == "BEGIN:VCARD" and not (n and lines[n - 1].startswith("AGENT"))
            for n, line in enumerate(lines)
        )
    notices = ("unreadable property left out", "not closed", "photo over")
    left_out = [s for s in skipped if not s.reason.startswith(notices)]
    assert len(found) + len(left_out) == cards > 0
    assert len(left_out) < len(found) / 4  # most cards of real clients are people, read
    result = run("import", "vcard", str(CORPUS / "vcards"), vault=vault)
    assert result.exit_code == 0, result.stderr
    for item in skipped:
        assert f"card {item.card}: {item.reason}" in result.stdout


def test_google_contacts_csv(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Tomás Peres.md": "---\nemail: tomas@example.com\n---\n"})
    result = run("import", "google", str(FIXTURES / "google.csv"), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "1 person was added, 1 updated, 0 unchanged." in result.stdout
    priya = run("show", "Priya Nair", "--json", vault=vault).json()
    assert priya["emails"] == ["priya@hooli.com", "priya@home.example"]  # split on ` ::: `
    assert (priya["company"], priya["role"], priya["phone"]) == (
        "Hooli",
        "Principal Engineer",
        "+1 555 0100",
    )
    assert {"mentors", "old-team"} <= set(priya["tags"]) and "* mycontacts" not in priya["tags"]
    assert priya["linkedin"] == "https://www.linkedin.com/in/priyanair"
    assert run("show", "Tomás", "--json", vault=vault).json()["birthday"] == "--03-14"
    notes = _notes(vault)
    again = run("import", "google", str(FIXTURES / "google.csv"), vault=vault)
    assert "0 people were added, 0 updated, 2 unchanged." in again.stdout
    assert _notes(vault) == notes
    bad = run("import", "google", str(LINKEDIN / "legacy.csv"), vault=vault)
    assert bad.exit_code == 2 and "not a Google Contacts CSV" in bad.stderr


EXAMPLE = Path(__file__).parents[2] / "vault-example"


def test_exports_round_trip_through_an_import(run: Run, tmp_path: Path) -> None:
    import shutil

    vault = tmp_path / "vault"
    shutil.copytree(EXAMPLE, vault)
    cards = tmp_path / "people.vcf"
    assert run("export", "vcard", "-o", str(cards), vault=vault).exit_code == 0
    before = _notes(vault)
    again = run("import", "vcard", str(cards), vault=vault)
    assert again.exit_code == 0, again.stderr
    assert _notes(vault) == before  # importing the export back changes nothing
    fresh = tmp_path / "fresh"
    (fresh / "People").mkdir(parents=True)
    assert run("import", "vcard", str(cards), vault=fresh).exit_code == 0
    assert run("export", "vcard", vault=fresh).stdout == cards.read_text()


def test_a_vcard_export_gives_each_part_of_a_name_its_place(
    make_vault: MakeVault, run: Run
) -> None:
    """N is family;given;additional;prefix;suffix: an address book sorts and greets by it."""
    names = ["Dr. Helen Brooks", "Ludwig van Beethoven", "Martin Luther King, Jr.", "Cher"]
    vault = make_vault(
        {f"People/{n}.md": f'---\nname: "{name}"\n---\n' for n, name in enumerate(names)}
    )
    lines = run("export", "vcard", vault=vault).stdout.splitlines()
    assert sorted(line for line in lines if line.startswith("N:")) == [
        "N:;Cher;;;",
        "N:Brooks;Helen;;Dr.;",
        "N:King;Martin;Luther;;Jr.",
        "N:van Beethoven;Ludwig;;;",
    ]
    assert "FN:Dr. Helen Brooks" in lines  # the name as the note writes it


def test_a_card_with_an_honorific_is_the_note_without_it(run: Run, make_vault: MakeVault) -> None:
    """Outlook writes `FN:Dr. Helen Brooks`: she is the note's Helen Brooks, whose empty role
    the card fills; LinkedIn's `Ana Costa, PhD` is Ana Costa. A generation is part of the
    name: Martin King Sr. is not Martin King Jr."""
    vault = make_vault(
        {
            "People/Helen Brooks.md": "---\ncompany: Westbrook University\n---\n",
            "People/Martin King Jr.md": "---\nrole: Pastor\n---\n",
            "People/Ana Costa.md": "---\ncompany: Globex\n---\n",
        }
    )
    cards = vault.parent / "outlook.vcf"
    cards.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Brooks;Helen;;Dr.;\r\nFN:Dr. Helen Brooks\r\n"
        b"ORG:Westbrook University\r\nTITLE:Professor\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:King;Martin;;;Sr.\r\nFN:Martin King Sr.\r\n"
        b"TITLE:Deacon\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Costa\\, Ph.D.\r\nTITLE:Staff Engineer\r\n"
        b"END:VCARD\r\n"
    )
    result = run("import", "vcard", str(cards), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert (vault / "People/Helen Brooks.md").read_text() == (
        "---\ncompany: Westbrook University\nrole: Professor\n---\n"
    )
    assert (vault / "People/Martin King Jr.md").read_text() == "---\nrole: Pastor\n---\n"
    assert "role: Staff Engineer" in (vault / "People/Ana Costa.md").read_text()
    assert "Dr. Helen Brooks" not in result.stdout.split("left for you")[-1]


def test_a_label_in_brackets_tells_namesakes_apart_and_is_left_out_otherwise(
    run: Run, make_vault: MakeVault
) -> None:
    """Two notes of one name told apart by a label: a card with the label is the one it
    names; a card labelled as a phone book labels a name is the one person of that name; a
    card of the bare name is either, and left for the user."""
    vault = make_vault(
        {
            "People/Sam (Initech).md": "---\nname: Sam (Initech)\n---\n",
            "People/Sam (school).md": "---\nname: Sam (school)\n---\n",
            "People/Helen Brooks.md": "---\nname: Helen Brooks\n---\n",
        }
    )
    cards = vault.parent / "phone.vcf"
    cards.write_text(
        "".join(
            f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nTITLE:{role}\nEND:VCARD\n"
            for name, role in (
                ("Sam (Initech)", "Engineer"),
                ("Helen Brooks (Uni)", "Professor"),
                ("Sam", "Teacher"),
            )
        )
    )
    result = run("import", "vcard", str(cards), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "role: Engineer" in (vault / "People/Sam (Initech).md").read_text()
    assert "role: Professor" in (vault / "People/Helen Brooks.md").read_text()
    assert "role:" not in (vault / "People/Sam (school).md").read_text()
    assert "left for you: Sam" in result.stdout and "1 person was added" not in result.stdout
    assert "same name" not in run("dedupe", vault=vault).stdout  # the labels tell them apart


def test_a_card_named_family_first_makes_a_note_in_natural_order(
    run: Run, make_vault: MakeVault
) -> None:
    """An Exchange address book writes `FN:Nakamura\\, Kenji`: the new note is Kenji
    Nakamura's, and the same card again is that note."""
    vault = make_vault({"People/Ana.md": "---\nemail: a@x.org\n---\n"})
    cards = vault.parent / "exchange.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Nakamura\\, Kenji\nEMAIL:k@corp.example\nEND:VCARD\n"
    )
    assert run("import", "vcard", str(cards), vault=vault).exit_code == 0
    assert (vault / "People/Kenji Nakamura.md").is_file()
    again = run("import", "vcard", str(cards), vault=vault)
    assert again.stdout.splitlines()[-1] == "0 people were added, 0 updated, 1 unchanged."


def test_each_card_of_a_vcard_export_says_what_the_note_says(run: Run) -> None:
    """Card against note, not export against export: name, emails, phone, company, title and
    birthday of every person of the sample vault are on their card."""
    import vobject

    cards = {
        card.fn.value: card
        for card in vobject.readComponents(run("export", "vcard", vault=EXAMPLE).stdout)
    }
    people = run("people", "--json", vault=EXAMPLE).json()
    assert set(cards) == {p["name"] for p in people}
    titled = 0
    for person in people:
        shown = run("show", person["path"], "--json", vault=EXAMPLE).json()
        card = cards[person["name"]]

        def values(name: str, card=card) -> list:  # noqa: ANN001
            return [line.value for line in card.contents.get(name, [])]

        assert values("email") == shown["emails"], person["name"]
        assert values("title") == ([shown["role"]] if shown["role"] else []), person["name"]
        orgs = [v[0] for v in values("org")]
        assert orgs == ([shown["company"]] if shown["company"] else []), person["name"]
        assert values("tel") == ([shown["phone"]] if shown["phone"] else []), person["name"]
        titled += bool(shown["role"])
    assert titled >= 5


def test_import_matches_names_whatever_their_case_and_accents(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault({"People/José Müller.md": "---\ncadence: 1y\n---\n"})
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "JOSE,muller,,,Initech,Engineer,15 Mar 2024\n"
    )
    result = run("import", "linkedin", str(export), vault=vault)
    assert "0 people were added, 1 updated, 0 unchanged." in result.stdout
    assert "company: Initech" in (vault / "People/José Müller.md").read_text()


def test_csv_and_json_exports(run: Run) -> None:
    table = run("export", "csv", vault=EXAMPLE).stdout
    assert table.startswith("\ufeffname,path,aliases,emails")
    rows = table.strip("\ufeff").splitlines()
    assert len(rows) == 1 + len(run("people", "--json", vault=EXAMPLE).json())
    assert any(row.startswith("Ana Costa,People/Ana Costa.md,Ana C.,") for row in rows)
    people = json.loads(run("export", "json", vault=EXAMPLE).stdout)
    ana = next(p for p in people if p["name"] == "Ana Costa")
    assert ana["interactions"] and ana["due"] == "2026-11-20"


def test_a_csv_export_never_hands_a_spreadsheet_a_formula(run: Run, make_vault: MakeVault) -> None:
    import csv
    import io

    vault = make_vault(
        {
            "People/Ana.md": "---\ncompany: \"=cmd|' /C calc'!A0\"\nrole: '@SUM(A1:A9)'\n"
            "phone: '+1+1'\ncontext: '-2+3'\n---\n",
            "People/Ben.md": "---\ncompany: Globex = good\nrole: Engineer\n---\n",
        }
    )
    rows = list(csv.DictReader(io.StringIO(run("export", "csv", vault=vault).stdout[1:])))
    ana, ben = rows
    assert (ana["company"], ana["role"], ana["phone"], ana["context"]) == (
        "'=cmd|' /C calc'!A0",
        "'@SUM(A1:A9)",
        "'+1+1",
        "'-2+3",
    )
    assert (ben["company"], ben["role"]) == ("Globex = good", "Engineer")
    raw = list(csv.DictReader(io.StringIO(run("export", "csv", "--raw", vault=vault).stdout[1:])))
    assert raw[0]["company"] == "=cmd|' /C calc'!A0"


def test_an_export_never_writes_over_a_note(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Ana.md": "---\ncadence: 1m\n---\n"})
    result = run("export", "csv", "-o", str(vault / "People/Ana.md"), vault=vault)
    assert result.exit_code == 2 and "never writes over a note" in result.stderr
    assert (vault / "People/Ana.md").read_text() == "---\ncadence: 1m\n---\n"


def test_dedupe_lists_likely_duplicates_with_the_evidence(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana Costa.md": "---\nemail: Ana@Example.com\n---\n",
            "People/Costa, Ana.md": "---\nname: Costa Ana\nemail: ana@example.com\n---\n",
            "People/Ben Okafor.md": "---\nlinkedin: https://www.linkedin.com/in/ben/\n---\n",
            "People/Benjamin O.md": "---\nlinkedin: http://linkedin.com/in/ben\n---\n",
            "People/Chloé Martin.md": "",
            "People/Chloe Martinn.md": "",
            "People/Dana Lee.md": "",
            "People/Eve Stone.md": "",
            "People/Prof. Eve Stone.md": "",  # an honorific is no other name
        }
    )
    pairs = run("dedupe", "--json", vault=vault).json()
    found = {(p["first"], p["second"]): p["evidence"] for p in pairs}
    assert found == {
        ("People/Ana Costa.md", "People/Costa, Ana.md"): [
            "same email ana@example.com",
            "same name",
        ],
        ("People/Ben Okafor.md", "People/Benjamin O.md"): [
            "same LinkedIn profile linkedin.com/in/ben"
        ],
        ("People/Chloe Martinn.md", "People/Chloé Martin.md"): ["similar names (96%)"],
        ("People/Eve Stone.md", "People/Prof. Eve Stone.md"): ["same name"],
    }
    text = run("dedupe", vault=vault).stdout
    assert "4 pairs." in text
    (vault / "People/Prof. Eve Stone.md").unlink()
    (vault / "People/Costa, Ana.md").unlink()
    (vault / "People/Benjamin O.md").unlink()
    (vault / "People/Chloe Martinn.md").unlink()
    assert run("dedupe", vault=vault).stdout == "No likely duplicates.\n"


def test_dedupe_compares_each_name_with_every_later_one_of_its_block(
    run: Run, make_vault: MakeVault
) -> None:
    """Names are compared within those that start alike (`jo`): John Smith with Jons Smith,
    past Jonathan Young between them, and never with itself."""
    vault = make_vault(
        {
            "People/John Smith.md": "",
            "People/Jonathan Young.md": "",
            "People/Jons Smith.md": "",
        }
    )
    pairs = run("dedupe", "--json", vault=vault).json()
    assert [(p["first"], p["second"], p["evidence"]) for p in pairs] == [
        ("People/John Smith.md", "People/Jons Smith.md", ["similar names (90%)"])
    ]
    assert run("dedupe", vault=vault).stdout.endswith("\n1 pair.\n")


def test_ics_export_parses_and_is_stable(run: Run) -> None:
    from icalendar import Calendar

    first = run("export", "ics", vault=EXAMPLE).stdout
    assert run("export", "ics", vault=EXAMPLE).stdout == first  # the same bytes again
    calendar = Calendar.from_ical(first)
    events: list[Any] = [c for c in calendar.walk() if c.name == "VEVENT"]
    due = {str(e["summary"]): e for e in events if str(e["summary"]).startswith("Reconnect")}
    ana = due["Reconnect with Ana Costa"]  # due on 11-20: shown today, where it is seen
    assert (
        ana.decoded("dtstart") == dt.date(2026, 11, 23) and "3 days overdue" in ana["description"]
    )
    dmitri = due["Reconnect with Dmitri Volkov"]
    assert dmitri.decoded("dtstart") == dt.date(2026, 11, 25)  # ahead: on its day
    birthdays = [e for e in events if str(e["summary"]).endswith("birthday")]
    assert birthdays and all(e["rrule"]["FREQ"] == ["YEARLY"] for e in birthdays)
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids))
    todos = Calendar.from_ical(run("export", "ics", "--todo", vault=EXAMPLE).stdout)
    tasks = {str(c["summary"]): c for c in todos.walk() if c.name == "VTODO"}
    assert len(tasks) == len(due)  # a task keeps its day: a task list shows it as late
    assert tasks["Reconnect with Ana Costa"].decoded("due") == dt.date(2026, 11, 20)


def test_no_birthday_reminder_for_someone_out_of_follow_ups(
    run: Run, make_vault: MakeVault
) -> None:
    """As the agenda: no yearly reminder of the birthday of someone who died, or is archived."""
    vault = make_vault(
        {
            "People/Ana.md": "---\nbirthday: 1988-11-27\n---\n",
            "People/Bo.md": "---\nbirthday: 1950-03-02\nstatus: deceased\n---\n",
            "People/Cy.md": "---\nbirthday: 03-04\nstatus: archived\n---\n",
        }
    )
    calendar = run("export", "ics", vault=vault).stdout
    assert "SUMMARY:Ana's birthday" in calendar
    assert "Bo's birthday" not in calendar and "Cy's birthday" not in calendar


def test_a_new_job_in_a_later_export_is_news(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana Costa.md": "---\nemail: ana.costa@example.com\ncompany: Initech\n"
            "role: Engineer\nhistory: [Umbrella (2010-2012)]\n---\n## Log\n"
            "- 2026-08-01 call: old news\n"
        }
    )
    result = run("import", "linkedin", str(LINKEDIN / "Connections.csv"), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "new role: Ana Costa" in result.stdout
    ana = run("show", "Ana Costa", "--json", vault=vault).json()
    assert (ana["company"], ana["role"]) == ("Globex", "Staff Engineer")
    assert ana["history"] == ["Umbrella (2010-2012)", "Engineer at Initech (until 2026)"]
    assert ana["news"] == {
        "date": "2026-11-23",
        "what": "Staff Engineer at Globex (was Engineer at Initech)",
    }
    assert ana["last_contact"] == "2026-08-01"  # news of them is no contact with them
    text = (vault / "People/Ana Costa.md").read_text()
    assert text.startswith(  # each value changed where it stands
        "---\nemail: ana.costa@example.com\ncompany: Globex\nrole: Staff Engineer\n"
    )
    assert "history: [Umbrella (2010-2012), {org: Initech, role: Engineer, to: 2026}]\n" in text
    assert "- 2026-11-23 linkedin: now Staff Engineer at Globex (was Engineer at Initech)\n" in text
    moments = run("due", "--json", vault=vault).json()["moments"]
    assert [(m["name"], m["kind"], m["date"]) for m in moments] == [
        ("Ana Costa", "new role", "2026-11-23")
    ]
    later = run("due", "--today", "2026-12-06", vault=vault).stdout  # two weeks: 14 days
    assert "new role — congratulate: now Staff Engineer at Globex" in later
    assert run("due", "--today", "2026-12-07", "--json", vault=vault).json()["moments"] == []
    notes = _notes(vault)
    again = run("import", "linkedin", str(LINKEDIN / "Connections.csv"), vault=vault)
    assert "new role" not in again.stdout and _notes(vault) == notes


def test_a_new_job_changes_the_lines_it_means_to_where_they_stand(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """Cy moved from Initech to Globex as CTO: `company` is changed in its place and `role`,
    which the note lacked, added; Di moved with no role given: hers, held at Société Générale,
    goes into the history with it, on one line with its accents, and nothing says she has one
    now."""
    vault = make_vault(
        {
            "People/Cy.md": "---\nemail: cy@example.com\ncompany: Initech\ntags: [x]\n---\n",
            "People/Di.md": "---\nemail: di@example.com\nrole: Principal Engineer, Payments "
            "Infrastructure and Developer Platform\ncompany: Société Générale\ntags: [x]\n---\n",
        }
    )
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Cy,,https://www.linkedin.com/in/cy,cy@example.com,Globex,CTO,15 Mar 2024\n"
        "Di,,https://www.linkedin.com/in/di,di@example.com,Globex,,15 Mar 2024\n"
    )
    result = run("import", "linkedin", str(export), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert (vault / "People/Cy.md").read_text() == (
        "---\nemail: cy@example.com\ncompany: Globex\ntags: [x]\nrole: CTO\n"
        "history: [{org: Initech, to: 2026}]\n"
        "linkedin: 'https://www.linkedin.com/in/cy'\nconnected: 2024-03-15\n---\n\n"
        "## Log\n- 2026-11-23 linkedin: now CTO at Globex (was at Initech)\n"
    )
    old_job = "Principal Engineer, Payments Infrastructure and Developer Platform"
    assert (vault / "People/Di.md").read_text() == (  # one line, accents as written
        "---\nemail: di@example.com\ncompany: Globex\ntags: [x]\n"
        f"history: [{{org: Société Générale, role: '{old_job}', to: 2026}}]\n"
        "linkedin: 'https://www.linkedin.com/in/di'\nconnected: 2024-03-15\n---\n\n"
        f"## Log\n- 2026-11-23 linkedin: now at Globex (was {old_job} at Société Générale)\n"
    )


def test_calendar_meetings_become_log_entries(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana Costa.md": "---\nemail: ana.costa@example.com\n---\n",
            "People/Ben Okafor.md": "---\ncadence: 1m\n---\n",
        }
    )
    result = run("import", "ics", str(FIXTURES / "calendar.ics"), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "5 log entries were added, 0 were there" in result.stdout
    assert "1 event with more than 8 attendees and 1 with nobody of the vault" in result.stdout
    assert "planned: 2026-11-30 Ben Okafor: 1:1" in result.stdout
    assert "planned: 2026-12-04 Ana Costa: Lunch with Ana" in result.stdout
    ana = (vault / "People/Ana Costa.md").read_text()
    assert "- 2026-11-10 coffee: Coffee with Ana\n" in ana and "All hands" not in ana
    ben = (vault / "People/Ben Okafor.md").read_text()
    for day in ("02", "09", "16", "23"):  # by exact name; once per occurrence up to today
        assert f"- 2026-11-{day} meeting: 1:1\n" in ben
    notes = _notes(vault)
    again = run("import", "ics", str(FIXTURES / "calendar.ics"), vault=vault)
    assert "0 log entries were added, 5 were there" in again.stdout
    assert _notes(vault) == notes
    bad = run("import", "ics", str(FIXTURES / "google.csv"), vault=vault)
    assert bad.exit_code == 2 and "not an iCalendar file" in bad.stderr


def test_a_calendar_event_is_a_meeting_whatever_words_its_title_holds(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """`Email marketing sync`, `Signal processing seminar`: meetings, not an email or a chat,
    which engagement would count otherwise; `Lunch with Ana` is a lunch."""
    vault = make_vault({"People/Ana Costa.md": "---\nemail: ana@example.com\n---\n"})
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}@x\r\nDTSTART;VALUE=DATE:2026110{n}\r\nSUMMARY:{title}\r\n"
        "ATTENDEE;CN=Ana Costa:mailto:ana@example.com\r\nEND:VEVENT\r\n"
        for n, title in enumerate(
            ["Email marketing sync", "Signal processing seminar", "Lunch with Ana"], start=1
        )
    )
    calendar = tmp_path / "cal.ics"
    calendar.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
    result = run("import", "ics", str(calendar), vault=vault)
    assert result.exit_code == 0, result.stderr
    ana = (vault / "People/Ana Costa.md").read_text()
    assert "- 2026-11-01 meeting: Email marketing sync\n" in ana
    assert "- 2026-11-02 meeting: Signal processing seminar\n" in ana
    assert "- 2026-11-03 lunch: Lunch with Ana\n" in ana


@pytest.mark.parametrize("source", ["linkedin", "ics"])
def test_an_import_moves_the_last_contact_and_keeps_a_follow_up_date(
    source: str, run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """An export cannot say whether a follow-up date was set before its messages or after
    them, so an import never takes it as met, as `log` does."""
    note = (
        "---\nemail: ana.costa@example.com\nlast_contact: 2026-01-05\n"
        "next_contact: 2026-12-15  # ask about the team\n---\n"
    )
    vault = make_vault({"People/Ana Costa.md": note})
    export = (
        _linkedin_export(tmp_path / "export.zip")
        if source == "linkedin"
        else FIXTURES / "calendar.ics"
    )
    result = run("import", source, str(export), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "follow-up" not in result.stdout
    latest = {"linkedin": "2026-09-11", "ics": "2026-11-10"}[source]
    text = (vault / "People/Ana Costa.md").read_text()
    assert text.startswith(
        f"---\nemail: ana.costa@example.com\nlast_contact: {latest}\n"
        "next_contact: 2026-12-15  # ask about the team\n"
    )
    shown = run("show", "Ana Costa", "--json", vault=vault).json()
    assert (shown["last_contact"], shown["due"], shown["reason"]) == (
        latest,
        "2026-12-15",
        "next_contact",
    )


def test_many_records_show_a_progress_bar_on_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    import click

    from notekit.commands.import_ import PROGRESS_FROM, progress

    records = list(range(PROGRESS_FROM))
    with progress(records, "contacts") as shown:
        assert shown == records  # not a terminal: the records as they are
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress(records, "contacts") as shown:
        assert isinstance(shown, click._termui_impl.ProgressBar)
        assert list(shown) == records
    with progress(records[:-1], "contacts") as shown:
        assert shown == records[:-1]  # too few to be worth a bar


def test_the_owner_of_one_conversation_comes_from_the_config(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    lines = (LINKEDIN / "messages.csv").read_text().splitlines(keepends=True)
    one = tmp_path / "messages.csv"
    one.write_text("".join(line for line in lines if not line.startswith("c") or line[:3] == "c1,"))
    vault = make_vault({"People/Ana Costa.md": "---\nlinkedin: linkedin.com/in/anacosta\n---\n"})
    unknown = run("import", "linkedin", str(one), vault=vault)
    assert "[me] linkedin" in unknown.stdout and "0 log entries" in unknown.stdout
    (vault / "notekit.toml").write_text('[me]\nlinkedin = "linkedin.com/in/me/"\n')
    known = run("import", "linkedin", str(one), vault=vault)
    assert known.exit_code == 0, known.stderr
    log = (vault / "People/Ana Costa.md").read_text()
    assert "- 2026-08-01 linkedin to: Hi Ana, how is the new team?\n" in log
    assert "- 2026-08-03 linkedin from: Great, let's get coffee!\n" in log


def test_update_replaces_what_differs_and_shows_old_and_new(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(
        {
            "People/Ana Costa.md": "---\nemail: ana@example.com\nphone: +1 555 0100\n"
            "birthday: 1990-01-02\ntags: [friend]\n---\n"
        }
    )
    card = tmp_path / "ana.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Costa\r\nEMAIL:ana@example.com\r\n"
        "EMAIL:ana@work.example\r\nTEL:+1 555 0199\r\nBDAY:1990-02-01\r\nEND:VCARD\r\n"
    )
    plain = run("import", "vcard", str(card), vault=vault)
    # without --update only empty fields are filled; a list gains what it lacks
    assert "1 updated" in plain.stdout and "Ana Costa: email + 'ana@work.example'" in plain.stdout
    assert "phone" not in plain.stdout and "birthday" not in plain.stdout
    result = run("import", "vcard", str(card), "--update", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "1 updated" in result.stdout
    assert "Ana Costa: phone '+1 555 0100' -> '+1 555 0199'" in result.stdout
    assert "Ana Costa: birthday '1990-01-02' -> '1990-02-01'" in result.stdout
    text = (vault / "People/Ana Costa.md").read_text()
    assert text == (
        "---\nemail: [ana@example.com, ana@work.example]\nphone: +1 555 0199\n"
        "birthday: 1990-02-01\ntags: [friend]\n---\n"
    )
    again = run("import", "vcard", str(card), "--update", vault=vault)
    assert "0 updated, 1 unchanged" in again.stdout


def test_update_leaves_a_value_that_only_looks_different(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """A company in other case, a profile URL in another form, a phone number spaced otherwise
    are the same value: `--update` leaves them. Another profile, a number without its `+`, a
    day no calendar has (the note keeps its birthday) are not."""
    note = (
        "---\nemail: ana@example.com\ncompany: Acme\nrole: Engineer\n"
        "linkedin: https://www.linkedin.com/in/anacosta/\nphone: +1 555 0100\n"
        "birthday: 1990-01-02\n---\n"
    )
    vault = make_vault({"People/Ana Costa.md": note})
    path = vault / "People/Ana Costa.md"

    def update(*lines: str) -> str:
        card = tmp_path / "ana.vcf"
        card.write_text(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Costa\r\nEMAIL:ana@example.com\r\n"
            + "".join(f"{line}\r\n" for line in lines)
            + "END:VCARD\r\n"
        )
        result = run("import", "vcard", str(card), "--update", vault=vault)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    same = ("ORG:ACME", "TITLE:engineer", "URL:linkedin.com/in/AnaCosta", "TEL:+1-555-0100")
    assert "0 updated, 1 unchanged" in update(*same, "BDAY:19900230")
    assert path.read_text() == note
    said = update("URL:https://linkedin.com/in/ana-costa-2", "TEL:1 555 0100")
    assert "linkedin 'https://www.linkedin.com/in/anacosta/' -> " in said
    assert "phone '+1 555 0100' -> '1 555 0100'" in said
    assert path.read_text() == note.replace(
        "https://www.linkedin.com/in/anacosta/", "'https://linkedin.com/in/ana-costa-2'"
    ).replace("+1 555 0100", "1 555 0100")
    path.write_text(note.replace("birthday: 1990-01-02", "birthday: --01-02"))  # no year
    assert "birthday '01-02' -> '1990-01-02'" in update("BDAY:1990-01-02")


def test_a_day_no_calendar_has_is_no_birthday(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault({"notekit.toml": ""})
    card = tmp_path / "cards.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Costa\r\nBDAY:19900230\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ben Okafor\r\nBDAY:--0229\r\nEND:VCARD\r\n"
    )
    result = run("import", "vcard", str(card), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "birthday:\n" in (vault / "People/Ana Costa.md").read_text()  # the template's, empty
    assert run("show", "Ana Costa", "--json", vault=vault).json()["birthday"] is None
    assert run("show", "Ben Okafor", "--json", vault=vault).json()["birthday"] == "--02-29"
    assert run("check", vault=vault).exit_code == 0


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def test_photos_are_saved_beside_the_note_only_when_asked(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    import base64

    vault = make_vault({"People/Ana Costa.md": "---\nemail: ana@example.com\n---\n"})
    encoded = base64.b64encode(PNG).decode()
    card = tmp_path / "cards.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Costa\r\nEMAIL:ana@example.com\r\n"
        f"PHOTO;ENCODING=b;TYPE=PNG:{encoded}\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ben Okafor\r\n"
        f"PHOTO:data:image/png;base64,{encoded}\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Cy Link\r\n"
        "PHOTO:https://example.com/cy.jpg\r\nEND:VCARD\r\n"
    )
    plain = run("import", "vcard", str(card), vault=vault)
    assert plain.exit_code == 0 and not list(vault.rglob("*.png"))
    plan = run("import", "vcard", str(card), "--photos", "--dry-run", vault=vault)
    assert f"new file b/People/Ana Costa.png ({len(PNG)} bytes)" in plan.stdout
    assert not list(vault.rglob("*.png"))
    result = run("import", "vcard", str(card), "--photos", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in vault.rglob("*.png")) == ["Ana Costa.png", "Ben Okafor.png"]
    assert (vault / "People/Ben Okafor.png").read_bytes() == PNG
    assert run("show", "Ana Costa", "--json", vault=vault).json()["photo"] == "Ana Costa.png"
    notes = _notes(vault)
    again = run("import", "vcard", str(card), "--photos", vault=vault)
    assert "0 people were added, 0 updated, 3 unchanged." in again.stdout
    assert _notes(vault) == notes


def test_a_google_calendar_logs_only_what_happened_on_its_own_day(
    run: Run, make_vault: MakeVault
) -> None:
    """Google Calendar's export: drinks at 22:30 in Toronto (written in UTC, on the next day),
    a cancelled breakfast, a lunch I declined, a weekly 1:1 with one occurrence removed
    (EXDATE), one moved (RECURRENCE-ID) and one cancelled; Ben declined the drinks."""
    vault = make_vault(
        {
            "notekit.toml": '[me]\nemails = ["sam@example.com"]\ntimezone = "America/Toronto"\n',
            "People/Ana Costa.md": "---\nemail: ana.costa@example.com\n---\n",
            "People/Ben Okafor.md": "---\nemail: ben@example.org\n---\n",
            "People/Chloé Martin.md": "---\nemail: chloe@example.net\n---\n",
        }
    )
    calendar = str(FIXTURES / "google-calendar.ics")
    result = run("import", "ics", calendar, vault=vault, today="2026-12-02")
    assert result.exit_code == 0, result.stderr
    assert "2 cancelled and 1 declined occurrences left out." in result.stdout
    logged = {
        name: [
            line
            for line in (vault / f"People/{name}.md").read_text().splitlines()
            if line.startswith("- ")
        ]
        for name in ("Ana Costa", "Ben Okafor", "Chloé Martin")
    }
    assert logged == {
        "Ana Costa": ["- 2026-11-30 meeting: Drinks with Ana and Ben"],
        "Ben Okafor": [
            "- 2026-11-02 meeting: 1:1 Ben / Sam",
            "- 2026-11-18 meeting: 1:1 Ben / Sam (moved)",
        ],
        "Chloé Martin": [],
    }
    before = {p: p.read_bytes() for p in vault.rglob("*.md")}
    again = run("import", "ics", calendar, vault=vault, today="2026-12-02")
    assert "0 log entries were added" in again.stdout
    assert {p: p.read_bytes() for p in vault.rglob("*.md")} == before


@pytest.mark.parametrize(
    ("mine", "calendar_zone", "day"),
    [
        ("", "America/Toronto", "2026-11-30"),  # the calendar's own zone, as Google writes it
        ('timezone = "Asia/Tokyo"\n', "America/Toronto", "2026-12-01"),  # mine comes first
        ("", "Mars/Olympus_Mons", "2026-12-01"),  # a zone nobody knows: the machine's (UTC)
    ],
)
def test_a_utc_time_falls_on_my_day(
    run: Run, make_vault: MakeVault, tmp_path: Path, mine, calendar_zone, day
) -> None:
    vault = make_vault(
        {
            "notekit.toml": f"[me]\n{mine}",
            "People/Ana Costa.md": "---\nemail: ana.costa@example.com\n---\n",
        }
    )
    text = (FIXTURES / "google-calendar.ics").read_text()
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(
        text.replace("X-WR-TIMEZONE:America/Toronto", f"X-WR-TIMEZONE:{calendar_zone}")
    )
    env = {"TZ": "UTC"}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        time.tzset()
        result = run("import", "ics", str(calendar), vault=vault, today="2026-12-02")
    time.tzset()
    assert result.exit_code == 0, result.stderr
    assert (
        f"- {day} meeting: Drinks with Ana and Ben" in (vault / "People/Ana Costa.md").read_text()
    )


def test_people_an_import_adds_to_a_fresh_vault_follow_its_default_cadence(
    run: Run, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    assert run("init", str(vault), vault=None).exit_code == 0
    assert run("import", "linkedin", str(LINKEDIN / "Connections.csv"), vault=vault).exit_code == 0
    people = run("people", "--json", vault=vault).json()
    assert len(people) == 4 and {p["cadence"] for p in people} == {"6m"}  # notekit.toml's
    assert all("\ncadence:\n" in (vault / p["path"]).read_text() for p in people)
    added = run("add", "Kim Park", "--cadence", "1m", vault=vault)
    assert added.exit_code == 0 and "\ncadence: 1m\n" in (vault / "People/Kim Park.md").read_text()


def test_vcards_as_clients_write_them(run: Run, make_vault: MakeVault) -> None:
    """Outlook's 2.1 card (Windows-1252, a quoted-printable note broken over two lines, a photo
    that is no base64, 1604 for no year), Android's (quoted-printable names over two lines, a
    display name in the email, a card left unclosed before the next), and vCard 4.0 (an
    organisation's card, a `tel:` URI, a ROLE without TITLE)."""
    vault = make_vault({"notekit.toml": ""})
    result = run("import", "vcard", str(FIXTURES / "vcard-clients"), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "4 people were added, 0 updated, 0 unchanged." in result.stdout
    assert "android.vcf, card 1: not closed (no END:VCARD): read to the next card" in result.stdout
    assert "v40.vcf, card 1: not a person (KIND:org)" in result.stdout
    with_photos = run(
        "import", "vcard", str(FIXTURES / "vcard-clients"), "--photos", "--dry-run", vault=vault
    )
    assert "outlook.vcf, card 1: unreadable property left out: PHOTO;TYPE=JPEG" in (
        with_photos.stdout
    )
    show = lambda name: run("show", name, "--json", vault=vault).json()  # noqa: E731
    jorg = show("Jörg Müller")
    assert (jorg["company"], jorg["role"], jorg["birthday"]) == (
        "Globex GmbH",
        "Leiter Vertrieb",
        "--03-15",
    )
    text = (vault / "People/Jörg Müller.md").read_text()
    assert text.endswith(  # after the template's last line, apart from it
        "## Log\n\n## Notes\n\nMet at the Hamburg fair 2019.\nWants an intro to the data team.\n"
    )
    lucia = show("Lucía Martínez García")
    assert (lucia["emails"], lucia["aliases"]) == (["lucia@example.es"], ["Lu"])
    ben = show("Ben Okafor")
    assert ben["tags"] == [
        "person",
        "colleagues",
        "initech-alumni",
    ]  # the template's, then the card's
    chloe = show("Chloé Martin")
    assert (chloe["phone"], chloe["role"], chloe["birthday"]) == (
        "+33-6-00-00-00-00",
        "Mentor",
        "--07-04",
    )
    notes = {p: p.read_bytes() for p in vault.rglob("*.md")}
    again = run("import", "vcard", str(FIXTURES / "vcard-clients"), vault=vault)
    assert "0 people were added, 0 updated, 4 unchanged." in again.stdout
    assert {p: p.read_bytes() for p in vault.rglob("*.md")} == notes


def test_linkedin_keeps_connected_on_plain_messages_and_names_what_it_leaves(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr(
            "Connections.csv",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Ana,Costa,https://www.linkedin.com/in/ana,,Globex,Engineer,15 Mar 2024\n"
            ",,https://www.linkedin.com/in/nameless,,Hooli,,01 Jan 2020\n",
        )
        archive.writestr(
            "messages.csv",
            "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
            "c1,Ana Costa,https://www.linkedin.com/in/ana,Me,https://www.linkedin.com/in/me,"
            '2026-11-02 10:00:00 UTC,"<p>Hi Sam,</p><p>it&#39;s been a while!</p>"\n'
            "c1,Ana Costa,https://www.linkedin.com/in/ana,Me,https://www.linkedin.com/in/me,"
            "2027-01-01 10:00:00 UTC,a clock gone wrong\n",
        )
    vault = make_vault({"notekit.toml": '[me]\nlinkedin = "https://www.linkedin.com/in/me"\n'})
    result = run("import", "linkedin", str(export), vault=vault)
    assert result.exit_code == 0, result.stderr
    assert (
        "not imported: a linkedin contact (https://www.linkedin.com/in/nameless, Hooli): no name"
        in (result.stdout)
    )
    assert "1 dated after today" in result.stdout
    ana = (vault / "People/Ana Costa.md").read_text()
    assert "connected: 2024-03-15\n" in ana and "clock" not in ana
    assert "- 2026-11-02 linkedin from: Hi Sam,\n" in ana and "<p>" not in ana
    assert run("show", "Ana Costa", "--json", vault=vault).json()["last_contact"] == "2026-11-02"
    before = {p: p.read_bytes() for p in vault.rglob("*.md")}
    assert run("import", "linkedin", str(export), vault=vault).exit_code == 0
    assert {p: p.read_bytes() for p in vault.rglob("*.md")} == before


def test_namesakes_in_an_address_book_stay_two_people(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    cards = tmp_path / "contacts.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee\nEMAIL:sam@initech.example\nORG:Initech\n"
        "TITLE:Engineer\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee\nEMAIL:drlee@smiles.example\nORG:Smiles\n"
        "TITLE:Dentist\nEND:VCARD\n"
    )
    vault = make_vault({"notekit.toml": ""})
    result = run("import", "vcard", str(cards), vault=vault)
    assert "2 people were added" in result.stdout
    first, second = (
        (vault / "People/Sam Lee.md").read_text(),
        (vault / "People/Sam Lee 2.md").read_text(),
    )
    assert "Initech" in first and "Smiles" not in first and "now " not in first
    assert "Smiles" in second and "Initech" not in second
    notes = _notes(vault)
    for _ in range(2):
        again = run("import", "vcard", str(cards), vault=vault)
        assert "0 people were added, 0 updated, 2 unchanged." in again.stdout
    assert _notes(vault) == notes


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Sam Lee", "Ana Costa", "Jo Park"]),
            st.sampled_from(["Initech", "Globex", None]),
            st.sampled_from(["Engineer", "Designer", None]),
            st.booleans(),  # with an email of its own
        ),
        min_size=1,
        max_size=6,
    )
)
def test_an_address_book_imported_twice_changes_nothing_and_merges_nobody(cards) -> None:
    """Generated address books with repeated names, some cards with an email of their own,
    some with a company or a role or neither, into a vault where Ana is already a designer at
    Globex: no note ends with two cards' emails, and a second import of the same file changes
    nothing."""
    import tempfile

    from conftest import run_cli

    text = "".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\n"
        + (f"EMAIL:card{n}@example.com\n" if email else "")
        + (f"ORG:{org}\n" if org else "")
        + (f"TITLE:{role}\n" if role else "")
        + "END:VCARD\n"
        for n, (name, org, role, email) in enumerate(cards)
    )
    with tempfile.TemporaryDirectory() as folder:
        vault = Path(folder) / "vault"
        (vault / "People").mkdir(parents=True)
        (vault / "notekit.toml").write_text("")
        ana = "---\ncompany: Globex\nrole: Designer\n---\n"
        (vault / "People/Ana Costa.md").write_text(ana)
        book = Path(folder) / "book.vcf"
        book.write_text(text)
        assert run_cli("import", "vcard", str(book), vault=vault).exit_code == 0
        notes = _notes(vault)
        again = run_cli("import", "vcard", str(book), vault=vault)
        assert again.exit_code == 0 and "new role" not in again.stdout
        assert _notes(vault) == notes
        people = run_cli("people", "--json", vault=vault).json()
        for person in people:
            shown = run_cli("show", person["path"], "--json", vault=vault).json()
            assert len(shown["emails"]) <= 1, shown
        assert len(people) <= len(cards) + 1


def test_a_dry_run_shows_every_change_new_notes_and_their_entries_included(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    archive = _linkedin_export(tmp_path / "export.zip")
    vault = make_vault({"People/Ana Costa.md": "---\nemail: ana.costa@example.com\n---\n"})
    before = _notes(vault)
    shown = run("import", "linkedin", str(archive), "--dry-run", vault=vault)
    assert shown.exit_code == 0, shown.stderr
    assert _notes(vault) == before
    assert "+++ b/People/Ben Okafor.md\n" in shown.stdout  # the new note, then its entry
    assert "+- 2026-09-10 linkedin group with [[Ana Costa]] and 1 other: Reunion" in shown.stdout
    assert "+- 2026-08-03 linkedin from: Great, let's get coffee!\n" in shown.stdout
    assert "4 log entries would be added from messages" in shown.stdout
    cards = tmp_path / "contacts.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee\nEMAIL:sam@initech.example\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee\nEMAIL:drlee@smiles.example\nEND:VCARD\n"
    )
    namesakes = run("import", "vcard", str(cards), "--dry-run", vault=vault).stdout
    assert "+++ b/People/Sam Lee.md\n" in namesakes and "+++ b/People/Sam Lee 2.md\n" in namesakes
    assert _notes(vault) == before


def test_a_fresh_vault_takes_every_export_twice_and_the_second_changes_nothing(
    run: Run, tmp_path: Path
) -> None:
    """A new user's path: `init`, then a LinkedIn zip, two address books (Android/Outlook
    2.1 and 4.0), Google Contacts and a Google Calendar export. After a commit, the same
    imports again leave `git status` clean; `due` follows the vault's `default_cadence` (6m),
    not a cadence written into every note; and `set --where` changes only the lines it names."""
    vault = tmp_path / "vault"
    vault.mkdir()
    assert run("init", vault=vault, today=None).exit_code == 0
    with (vault / "notekit.toml").open("a") as toml:  # [me] is init's last table
        toml.write('emails = ["sam@example.com"]\nlinkedin = "https://www.linkedin.com/in/me"\n')
    archive = _linkedin_export(tmp_path / "Basic_LinkedInDataExport_12-01-2026.zip")
    imports = [
        ("linkedin", archive),
        ("vcard", FIXTURES / "vcard-clients"),
        ("google", FIXTURES / "google.csv"),
        ("ics", FIXTURES / "google-calendar.ics"),
    ]
    today = "2026-12-02"
    for kind, path in imports:
        result = run("import", kind, str(path), vault=vault, today=today)
        assert result.exit_code == 0, (kind, result.stderr)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-C", str(vault)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "imported"], check=True)
    for kind, path in imports:
        assert run("import", kind, str(path), vault=vault, today=today).exit_code == 0
    status = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""
    people = run("people", "--json", vault=vault, today=today).json()
    assert len(people) >= 8
    due = run("due", "--json", "--within", "0", vault=vault, today=today).json()["due"]
    # six months after the last contact, or today for those never contacted: nobody twice
    assert all(row["reason"] != "cadence 3m elapsed" for row in due)
    ana = run("show", "Ana Costa", "--json", vault=vault, today=today).json()
    assert ana["cadence"] == "6m" and ana["due"] == "2027-05-30"  # drinks on 30 Nov, Toronto
    changed = run("set", "--where", "company=Hooli", "cadence=1y", vault=vault, today=today)
    assert changed.exit_code == 0, changed.stderr
    diff = subprocess.run([*git, "diff", "-U0"], capture_output=True, text=True).stdout
    touched = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    assert touched and all(line in ("-cadence:", "+cadence: 1y") for line in touched), diff


def test_a_job_is_read_only_where_the_evidence_says_it(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """Ana is a designer at Globex. A card of her name at Globex as an engineer may be her new
    role or a namesake: a name cannot tell, so it is left for me. Her card with her email and
    a `ROLE` but no company says nothing of her job: her email is filled, her job stays. Chloé
    matched by email, now at Initech: a new job, once, and her old role goes with the old
    company."""
    vault = make_vault(
        {
            "People/Ana Costa.md": "---\ncompany: Globex\nrole: Designer\n---\n",
            "People/Chloé Martin.md": "---\nemail: chloe@example.net\ncompany: Umbrella\n"
            "role: Designer\n---\n",
        }
    )
    cards = tmp_path / "book.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Costa\nORG:Globex\nTITLE:Engineer\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Ana Costa\nEMAIL:ana@example.com\nROLE:Mentor\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Chloé Martin\nEMAIL:chloe@example.net\nORG:Initech\n"
        "END:VCARD\n"
    )
    first = run("import", "vcard", str(cards), vault=vault)
    assert first.exit_code == 0, first.stderr
    assert "left for you: Ana Costa (Engineer at Globex) may be Ana Costa" in first.stdout
    assert "new role: Chloé Martin" in first.stdout
    ana = (vault / "People/Ana Costa.md").read_text()
    assert "email: ana@example.com\n" in ana and "role: Designer\n" in ana
    assert "Mentor" not in ana and "Engineer" not in ana and "now " not in ana
    chloe = (vault / "People/Chloé Martin.md").read_text()
    assert "company: Initech\n" in chloe and "role" not in chloe.split("history")[0]
    assert "history: [{org: Umbrella, role: Designer, to: 2026}]\n" in chloe
    assert "vcard: now at Initech (was Designer at Umbrella)\n" in chloe  # her role: not said
    notes = _notes(vault)
    again = run("import", "vcard", str(cards), vault=vault)
    assert "new role" not in again.stdout and "left for you: Ana Costa (Engineer" in again.stdout
    assert _notes(vault) == notes


def test_an_org_written_another_way_is_no_new_job(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """Ana's card says `Globex S.A.` where her note says `Globex`, Ben's `INTC` where his says
    Initech (an `[orgs]` alias): the same org, so nothing is news and nothing is written. Ana's
    next card, as Principal Engineer there, is a new role at Globex, the note's name of it
    kept. Cy's card, matched by his name alone, at `GLOBEX, Inc.`, is Cy, not a namesake; Di's,
    at `Globex S.A.` as Director, may be her new role there: left for me."""
    vault = make_vault(
        {
            "notekit.toml": '[orgs]\n"Initech" = ["INTC"]\n',
            "People/Ana Costa.md": "---\nemail: ana@example.com\ncompany: Globex\n"
            "role: Staff Engineer\n---\n",
            "People/Ben Okafor.md": "---\nemail: ben@example.com\ncompany: Initech\n---\n",
            "People/Cy Lee.md": "---\ncompany: Globex\nrole: Designer\n---\n",
            "People/Di Ng.md": "---\ncompany: Globex\nrole: Designer\n---\n",
        }
    )
    cards = tmp_path / "book.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Costa\nEMAIL:ana@example.com\nORG:Globex S.A.\n"
        "TITLE:staff engineer\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ben Okafor\nEMAIL:ben@example.com\nORG:INTC\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cy Lee\nORG:GLOBEX\\, Inc.\nTITLE:Designer\n"
        "EMAIL:cy@example.org\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Di Ng\nORG:Globex S.A.\nTITLE:Director\nEND:VCARD\n"
    )
    notes = _notes(vault)
    first = run("import", "vcard", str(cards), vault=vault)
    assert first.exit_code == 0, first.stderr
    assert "new role" not in first.stdout and "0 people were added" in first.stdout
    assert "left for you: Di Ng (Director at Globex S.A.) may be Di Ng" in first.stdout
    after = _notes(vault)
    assert [path for path in after if after[path] != notes.get(path)] == ["People/Cy Lee.md"]
    assert "email: cy@example.org" in after["People/Cy Lee.md"]  # his gap filled, no more
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Costa\nEMAIL:ana@example.com\nORG:Globex S.A.\n"
        "TITLE:Principal Engineer\nEND:VCARD\n"
    )
    second = run("import", "vcard", str(cards), vault=vault)
    assert "new role: Ana Costa" in second.stdout
    ana = (vault / "People/Ana Costa.md").read_text()
    assert ana.startswith(
        "---\nemail: ana@example.com\ncompany: Globex\nrole: Principal Engineer\n"
    )
    assert "vcard: now Principal Engineer at Globex (was Staff Engineer at Globex)\n" in ana


def test_namesakes_with_names_too_long_for_a_file_each_get_a_note(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """Two cards of one 300-letter name and other emails: the file name is cut to its limit, and
    the second one's number is added after the cut (it once looped for ever, the cut name with
    `2` being the cut name again), in a dry run and in a real one."""
    name = "Ana " + "Costa" * 60
    cards = tmp_path / "long.vcf"
    cards.write_text(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nEMAIL:one@example.com\nEND:VCARD\n"
        f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nEMAIL:two@example.com\nEND:VCARD\n"
        f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nEMAIL:three@example.com\nEND:VCARD\n"
    )
    vault = make_vault({"notekit.toml": ""})
    for dry_run, said in ((["--dry-run"], "3 people would be added"), ([], "3 people were added")):
        command = [sys.executable, "-m", "notekit", "--vault", str(vault), "import", "vcard"]
        done = subprocess.run(
            [*command, str(cards), *dry_run], capture_output=True, text=True, timeout=60
        )  # a process of its own: a loop for ever fails the test instead of hanging the suite
        assert done.returncode == 0 and said in done.stdout, done.stderr
    files = sorted(p.name for p in (vault / "People").iterdir())
    assert len(files) == 3
    assert (
        sum(f.endswith(" 2.md") for f in files) == 1
        and sum(f.endswith(" 3.md") for f in files) == 1
    )
    assert all(len(f.encode()) <= 255 for f in files)
