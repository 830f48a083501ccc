"""Every alias of every field family (SPEC §3), read through the CLI's JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from conftest import MakeVault, Run, people_by_name
from notekit.core.dates import parse_cadence
from notekit.core.model import WARNING, News, ParsedNote, Person, Problem, Stint
from notekit.read.config import Config
from notekit.read.fields import BUILTIN_ALIASES, FieldReader
from notekit.read.parse import parse_with_front_matter


def _person(run: Run, make_vault: MakeVault, front_matter: str) -> dict:
    vault = make_vault({"People/Pat.md": f"---\n{front_matter}\n---\n"})
    result = run("show", "Pat", "--json", vault=vault)
    assert result.exit_code == 0, result.stderr
    return result.json()


@pytest.mark.parametrize("key", BUILTIN_ALIASES["last_contact"])
def test_last_contact_aliases(run: Run, make_vault: MakeVault, key) -> None:
    assert _person(run, make_vault, f"{key}: 2026-10-01")["last_contact"] == "2026-10-01"


@pytest.mark.parametrize(
    "spelling", ["Last Contact", "last-contact", "lastContact", "LAST_CONTACT"]
)
def test_keys_are_normalised(run: Run, make_vault: MakeVault, spelling) -> None:
    assert _person(run, make_vault, f"{spelling}: 2026-10-01")["last_contact"] == "2026-10-01"


@pytest.mark.parametrize("key", BUILTIN_ALIASES["cadence"])
def test_cadence_aliases(run: Run, make_vault: MakeVault, key) -> None:
    assert _person(run, make_vault, f"{key}: 6w")["cadence"] == "6w"


@pytest.mark.parametrize("key", BUILTIN_ALIASES["next_contact"])
def test_next_contact_aliases(run: Run, make_vault: MakeVault, key) -> None:
    assert _person(run, make_vault, f"{key}: 2026-12-01")["next_contact"] == "2026-12-01"


@pytest.mark.parametrize("key", BUILTIN_ALIASES["name"])
def test_name_aliases(run: Run, make_vault: MakeVault, key) -> None:
    vault = make_vault({"People/pat.md": f"---\n{key}: Patricia Moreno\n---\n"})
    assert list(people_by_name(run("people", "--json", vault=vault))) == ["Patricia Moreno"]


@pytest.mark.parametrize("key", BUILTIN_ALIASES["company"])
def test_company_aliases(run: Run, make_vault: MakeVault, key) -> None:
    assert _person(run, make_vault, f"{key}: Globex")["company"] == "Globex"


@pytest.mark.parametrize("key", BUILTIN_ALIASES["role"])
def test_role_aliases(run: Run, make_vault: MakeVault, key) -> None:
    assert _person(run, make_vault, f"{key}: CTO")["role"] == "CTO"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a@x.org", ["a@x.org"]),
        ("[a@x.org, b@y.org]", ["a@x.org", "b@y.org"]),
        ("a@x.org, b@y.org", ["a@x.org", "b@y.org"]),
        ("Ana <a@x.org>; mailto:b@y.org", ["a@x.org", "b@y.org"]),
    ],
)
@pytest.mark.parametrize("key", BUILTIN_ALIASES["email"])
def test_email_aliases_string_or_list(
    run: Run, make_vault: MakeVault, key, value, expected
) -> None:
    assert _person(run, make_vault, f"{key}: {value}")["emails"] == expected


def test_an_email_that_is_no_address_is_reported_and_no_way_to_write(
    run: Run, make_vault: MakeVault
) -> None:
    """`email: not yet` is a note to self, not an address: `check` says so with its line,
    and nothing writes to it (no `mailto:not yet`, no email draft)."""
    vault = make_vault(
        {"People/Pat.md": "---\nname: Pat\ncadence: 1m\nmail: [pat@x.org, TBD]\n---\n"}
    )
    assert run("show", "Pat", "--json", vault=vault).json()["emails"] == ["pat@x.org"]
    check = run("check", "--json", vault=vault)
    assert [(p["path"], p["line"], p["message"]) for p in check.json()] == [
        ("People/Pat.md", 4, "mail: not an email address: 'TBD'")
    ]
    make_vault({"People/Zed.md": "---\nemail: not yet\ncadence: 1m\n---\n"})
    plan = {p["name"]: p["address"] for p in run("plan", "--json", vault=vault).json()["plan"]}
    assert plan == {"Pat": "pat@x.org", "Zed": None}


def test_a_time_at_an_org_that_ends_before_it_starts_is_reported(
    run: Run, make_vault: MakeVault
) -> None:
    """Years the wrong way round are a typo `check` names; a time still going on, one of a
    year, a two-digit end in the next century and a month are not."""
    history = '["Initech (2017-2014)", "Globex (2018-)", "MIT (2008)", "Umbrella (1999-00)", '
    vault = make_vault(
        {"People/Pat.md": f'---\nname: Pat\nhistory: {history}"Acme (2014-03)"]\n---\n'}
    )
    check = run("check", "--json", vault=vault)
    assert [(p["line"], p["message"]) for p in check.json()] == [
        (3, "history: 'Initech (2017-2014)' ends before it starts")
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1990-04-02", "1990-04-02"),
        ("04-02", "--04-02"),
        ("--04-02", "--04-02"),
        ("'02-29'", "--02-29"),
    ],
)
@pytest.mark.parametrize("key", BUILTIN_ALIASES["birthday"])
def test_birthday_aliases_with_and_without_year(
    run: Run, make_vault: MakeVault, key, value, expected
) -> None:
    assert _person(run, make_vault, f"{key}: {value}")["birthday"] == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("[a, '#B', c/d]", ["a", "B", "c/d"]), ("'#a, b c'", ["a", "b", "c"]), ("solo", ["solo"])],
)
def test_tags_list_or_string(run: Run, make_vault: MakeVault, value, expected) -> None:
    assert _person(run, make_vault, f"tags: {value}")["tags"] == expected


def test_aliases_list_or_string(run: Run, make_vault: MakeVault) -> None:
    assert _person(run, make_vault, "aliases: Patty")["aliases"] == ["Patty"]
    assert _person(run, make_vault, "aliases: [Patty, P.]")["aliases"] == ["Patty", "P."]


def test_yaml_11_traps_do_not_corrupt_text_fields(run: Run, make_vault: MakeVault) -> None:
    person = _person(run, make_vault, "company: NO\nrole: 10:30\nphone: 0123\nlocation: yes")
    assert (person["company"], person["role"], person["phone"], person["location"]) == (
        "NO",
        "10:30",
        "0123",
        "yes",
    )


def test_configured_field_aliases(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "notekit.toml": '[fields]\nlast_contact = ["spoke"]\ncompany = ["Firma"]\n',
            "People/Pat.md": "---\nspoke: 2026-10-01\nfirma: Initech\n---\n",
        }
    )
    person = run("show", "Pat", "--json", vault=vault).json()
    assert (person["last_contact"], person["company"]) == ("2026-10-01", "Initech")


@pytest.mark.parametrize("value", ["2026-02-30", "next week", "2026/10/01", "20261001"])
def test_bad_dates_are_reported_with_line_and_count_as_unset(
    run: Run, make_vault: MakeVault, value
) -> None:
    vault = make_vault({"People/Pat.md": f"---\nname: Pat\nlast_contact: {value}\n---\n"})
    assert run("show", "Pat", "--json", vault=vault).json()["last_contact"] is None
    check = run("check", "--json", vault=vault)
    assert check.exit_code == 1
    (problem,) = check.json()
    assert (problem["path"], problem["line"]) == ("People/Pat.md", 3)
    assert "last_contact" in problem["message"]


def test_empty_values_mean_not_set(run: Run, make_vault: MakeVault) -> None:
    person = _person(run, make_vault, "last_contact:\ncadence: ''\nnext_contact: ~\ncompany:")
    assert (person["last_contact"], person["cadence"], person["next_contact"]) == (None,) * 3
    assert person["company"] is None


def test_a_time_after_the_date_is_ignored(run: Run, make_vault: MakeVault) -> None:
    person = _person(run, make_vault, "last_contact: 2026-10-01T18:30:00+02:00")
    assert person["last_contact"] == "2026-10-01"


def test_dataview_inline_fields_count_as_fields(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "# Ana\nLast Contact:: 2026-10-01\n**Cadence::** 1m\n"
            "Works at [company:: Globex] and (role:: CTO).\n- Alias:: Annie\n",
            "People/Ben.md": "---\ncompany: Initech\n---\ncompany:: Globex\n",
            "Notes/Cy.md": "type:: person\nlast contacted:: [[2026-11-01]]\n",
            "Notes/Code.md": "```\ntype:: person\n```\n> type:: person\n<!-- type:: person -->\n",
        }
    )
    people = {p["name"]: p for p in run("people", "--json", vault=vault).json()}
    assert set(people) == {"Ana", "Ben", "Cy"}  # inline `type::` makes a person; code does not
    ana = run("show", "Ana", "--json", vault=vault).json()
    assert (ana["company"], ana["role"], ana["aliases"]) == ("Globex", "CTO", ["Annie"])
    assert (ana["last_contact"], ana["cadence"], ana["due"]) == ("2026-10-01", "1m", "2026-11-01")
    assert people["Cy"]["last_contact"] == "2026-11-01"
    assert people["Ben"]["company"] == "Initech"  # the front-matter wins
    problems = run("check", "--json", vault=vault).json()
    assert [(p["path"], p["line"]) for p in problems] == [("People/Ben.md", 4)]
    assert "front-matter" in problems[0]["message"]


def _read(text: str, config: Config | None = None) -> tuple[Person, list[Problem]]:
    """The Person a note at People/Pat.md makes, read as the index reads it."""
    note, values = parse_with_front_matter("People/Pat.md", text.encode())
    return FieldReader(config or Config()).person(note, values)


def test_every_field_of_a_person_read_in_one_note() -> None:
    person, problems = _read(
        "---\n"
        "fullname: Pat Quinn\n"
        "alias: [PQ, ' ']\n"
        "tag: [person, Work/Acme, work/acme]\n"
        "employer: Acme\n"
        "jobtitle: CTO\n"
        "mail: [pat@example.com, pat@acme.example]\n"
        "mobile: '+351 555 0100'\n"
        "basedin: Porto\n"
        "linkedinurl: https://www.linkedin.com/in/pat\n"
        "avatar: pat.jpg\n"
        "contactvia: signal\n"
        "howwemet: 2015-06-01, PyCon Berlin\n"
        "workedtogether: [Acme (2015-2018), '(2010)']\n"
        "hobbies: [climbing, chess]\n"
        "workingon: a book\n"
        "sharedmemories: the night train to Vienna\n"
        "goal: referral\n"
        "referredby: '[[Ana Costa]]'\n"
        "connections: ['[[Ben]]', Cy]\n"
        "bday: 1990-02-03\n"
        "status: paused\n"
        "active: 'no'\n"
        "lastseen: 2026-10-01\n"
        "reconnecton: 2026-12-24\n"
        "keepintouch: 3m\n"
        "connectedon: 2019-05-05\n"
        "locale: pt\n"
        "---\n"
        "#mentor in the body\n"
        "## Log\n"
        "- 2026-03-01 linkedin: now CTO at Acme\n"
        "- 2026-06-01 linkedin: now VP at Globex\n"
    )
    assert problems == [
        Problem("People/Pat.md", 14, WARNING, "workedtogether: cannot tell the org of '(2010)'")
    ]
    assert dataclasses.asdict(person) == dataclasses.asdict(
        Person(
            name="Pat Quinn",
            path="People/Pat.md",
            aliases=["PQ"],
            tags=["person", "Work/Acme", "mentor"],
            company="Acme",
            role="CTO",
            emails=["pat@example.com", "pat@acme.example"],
            phone="+351 555 0100",
            location="Porto",
            linkedin="https://www.linkedin.com/in/pat",
            photo="pat.jpg",
            channel="signal",
            context="2015-06-01, PyCon Berlin",
            history=["Acme (2015-2018)", "(2010)"],
            stints=(Stint("Acme", None, 2015, 2018), None),
            met_on=dt.date(2015, 6, 1),
            interests=["climbing", "chess"],
            projects=["a book"],
            memories=["the night train to Vienna"],
            goals=["referral"],
            introduced_by=["Ana Costa"],
            knows=["Ben", "Cy"],
            birthday=(1990, 2, 3),
            status="paused",
            active=False,
            fm_last_contact=dt.date(2026, 10, 1),
            next_contact=dt.date(2026, 12, 24),
            fm_cadence=parse_cadence("3m"),
            news=News(dt.date(2026, 6, 1), "VP at Globex", 33),
            connected=dt.date(2019, 5, 5),
            language="pt",
        )
    )


def test_a_person_with_no_fields_is_named_by_the_file_and_followed_up() -> None:
    person, problems = _read("just a line\n")
    assert problems == []
    assert dataclasses.asdict(person) == dataclasses.asdict(Person("Pat", "People/Pat.md"))
    assert person.followed_up


@pytest.mark.parametrize(
    ("value", "active"),
    [
        ("true", True),
        ("yes", True),
        ("false", False),
        ("'No'", False),
        ("' off '", False),
        ("0", False),
        ("n", False),
        ("1", True),
        ("someday", True),
    ],
)
def test_what_active_takes_as_false(value: str, active: bool) -> None:
    assert _read(f"---\nactive: {value}\n---\n")[0].active is active


def test_a_bad_value_is_reported_with_its_key_and_line_and_left_unset() -> None:
    person, problems = _read("---\nname: Pat\nbday: 1990-02-30\nfrequency: often\n---\n")
    assert (person.birthday, person.fm_cadence) == (None, None)
    assert [(p.line, p.severity, p.message.split(":")[0]) for p in problems] == [
        (3, WARNING, "bday"),
        (4, WARNING, "frequency"),
    ]


def _note(text: str) -> tuple[ParsedNote, dict[str, Any]]:
    return parse_with_front_matter("People/Pat.md", text.encode())


def test_the_first_key_of_a_field_wins_and_inline_fields_add_up() -> None:
    """The front-matter's first key for a field wins; an inline field of a field the
    front-matter lacks is read, and several lines of it make a list from the body's first
    line on; unknown keys are passed over wherever they come."""
    note, values = _note(
        "---\nfoo: 1\nmail: pat@example.com\nemail: other@example.com\nName: Pat\n---\n"
        "hobbies:: chess\n"
        "bar:: 2\n"
        "hobbies:: go\n"
        "name:: Patricia\n"
        "- one more [hobbies:: climbing]\n"
    )
    reader = FieldReader(Config())
    assert reader.raw(note, values) == {
        "email": ("mail", "pat@example.com", 3),
        "name": ("Name", "Pat", 5),
        "interests": ("hobbies", ["chess", "go", "climbing"], 7),
    }
    assert reader.lines(note) == {"email": 3, "name": 5, "interests": 7}
    assert reader.inline_line(note, "interests") == 7
    assert reader.inline_line(note, "name") is None  # the front-matter has it: edits go there
    assert reader.inline_line(note, "company") is None
    assert reader.inline_overridden(note) == [
        Problem(
            "People/Pat.md",
            10,
            WARNING,
            "name:: is set in the front-matter too (Name, line 5); the front-matter's value is "
            "used",
        )
    ]


def test_what_a_list_of_texts_keeps() -> None:
    person, _ = _read(
        "---\nmemories: [true, False, yes, 3, 2.5, null, [a], {b: 1}, ' x ', '']\n---\n"
    )
    assert person.memories == ["true", "false", "yes", "3", "2.5", "x"]
