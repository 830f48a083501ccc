"""What a history item or a company names (notekit.core.history)."""

from __future__ import annotations

import pytest

from notekit.core.history import is_org, org_key, read_history, unreadable
from notekit.core.model import Stint


@pytest.mark.parametrize(
    ("name", "org"),
    [
        ("Initech", True),
        ("Initech, Inc.", True),
        ("Independent Film Co", True),  # a word of the list within a name is a name
        ("Self-employed", False),
        ("self employed", False),
        ("Freelance", False),
        ("FREELANCER", False),
        ("Retired", False),
        ("Stealth Startup", False),
        ("N/A", False),
        ("-", False),
    ],
)
def test_what_names_an_org(name: str, org: bool) -> None:
    assert is_org(name) is org


def test_a_history_item_of_no_org_is_shown_and_read_as_none() -> None:
    assert read_history(["Freelance (2019-2022)", "Initech (2014-2017)"])[0] == (
        "Freelance (2019-2022)",
        None,
    )
    assert read_history(["Initech (2014-2017)"])[0][1] is not None


@pytest.mark.parametrize(
    ("text", "org", "role", "start", "end"),
    [
        ("Initech (2014-2017)", "Initech", None, 2014, 2017),
        ("Initech, Staff Engineer, 2014–2017", "Initech", "Staff Engineer", 2014, 2017),
        ("MIT (2012)", "MIT", None, 2012, 2012),
        ("(Initech, 2014-2017)", "Initech", None, 2014, 2017),
        (
            "Initech, Staff Engineer, Platform, 2014-2017",
            "Initech",
            "Staff Engineer, Platform",
            2014,
            2017,
        ),
        ("Hooli (2019–)", "Hooli", None, 2019, None),
        ("Initech (2014 - present)", "Initech", None, 2014, None),
        ("Initech (2014-06-02 - 2017-01-31)", "Initech", None, 2014, 2017),
        # the forms a profile page shows, as users paste them
        ("Globex (Jan 2018 - Mar 2020)", "Globex", None, 2018, 2020),
        ("Globex, Staff Engineer, Sept. 2018 – Present", "Globex", "Staff Engineer", 2018, None),
        ("Globex (January 2018 - Mar 2020 · 2 yrs 3 mos)", "Globex", None, 2018, 2020),
        ("Globex (Jan 2018 - Present · 1 yr)", "Globex", None, 2018, None),
        ("Globex, 03/2018-05/2020", "Globex", None, 2018, 2020),
        ("Decathlon Marchmont 2019", "Decathlon Marchmont", None, 2019, 2019),  # no month
        # two digits for the end year, as academic years are written
        ("MIT (2011-12)", "MIT", None, 2011, 2012),
        ("Lycée Fermat, 1999-00", "Lycée Fermat", None, 1999, 2000),
        ("Initech (2010-19)", "Initech", None, 2010, 2019),
        ("Initech (2014-03)", "Initech", None, 2014, 2014),  # March 2014, not 2014 to 2103
        ("Initech (2014-12)", "Initech", None, 2014, 2014),  # December 2014
        ("Initech (2000-10)", "Initech", None, 2000, 2010),  # ten years: a span
        ("Initech (2013-13)", "Initech", None, 2013, 2013),
        ("Initech (1990-25)", "Initech", None, 1990, 2025),  # no month: years, however many
        ("Xerox (2014-2016)", "Xerox", None, 2014, 2016),
        # the org and the role apart as people write them
        ("Initech - Staff Engineer - 2014-2017", "Initech", "Staff Engineer", 2014, 2017),
        ("Initech — Staff Engineer (2014–2017)", "Initech", "Staff Engineer", 2014, 2017),
        ("Initech | Staff Engineer | 2014-2017", "Initech", "Staff Engineer", 2014, 2017),
        ("Initech, Engineer - Platform, 2014", "Initech", "Engineer - Platform", 2014, 2014),
        ("Rolls-Royce (2010-2012)", "Rolls-Royce", None, 2010, 2012),
        ("MIT, 2018/19", "MIT", None, 2018, 2019),
        ("Acme 2018/2019", "Acme", None, 2018, 2019),
        # the words notekit itself shows a mapping with, and their like
        ("Acme (since 2015)", "Acme", None, 2015, None),
        ("Acme (from 2015)", "Acme", None, 2015, None),
        ("Acme (until 2020)", "Acme", None, None, 2020),
        ("Lycée Henri IV (Class of 2012)", "Lycée Henri IV", None, None, 2012),
        ("Acme (2015 to 2018)", "Acme", None, 2015, 2018),
        ("Acme (2015 to present)", "Acme", None, 2015, None),
        # no years: all of it is the org, or the org and a role
        ("Initech", "Initech", None, None, None),
        ("Route 66 Diner, cook", "Route 66 Diner", "cook", None, None),
    ],
)
def test_the_years_of_a_history_item_in_the_forms_people_write(
    text: str, org: str, role: str | None, start: int | None, end: int | None
) -> None:
    [(shown, stint)] = read_history([text])
    assert shown == text
    assert stint is not None
    assert (stint.org, stint.role, stint.start_year, stint.end_year) == (org, role, start, end)


def test_the_day_a_history_item_starts_is_only_that_of_its_start() -> None:
    [(_, began)] = read_history(["Initech (2014-06-02 - 2017-01-31)"])
    [(_, ended)] = read_history(["Initech (until 2017-01-31)"])
    assert began is not None and began.start is not None and began.start.isoformat() == "2014-06-02"
    assert ended is not None and ended.start is None and ended.end_year == 2017


@pytest.mark.parametrize(
    ("began", "ended", "start", "end"),
    [
        (2014, 2017, 2014, 2017),
        ("2014-06-02", "2017", 2014, 2017),
        ("Jun 2014", "March 2017", 2014, 2017),
        ("06/2014", "present", 2014, None),
    ],
)
def test_the_years_of_a_history_mapping(
    began: object, ended: object, start: int, end: int | None
) -> None:
    [(_, stint)] = read_history([{"org": "Initech", "from": began, "to": ended}])
    assert stint is not None and (stint.start_year, stint.end_year) == (start, end)


@pytest.mark.parametrize(
    ("item", "shown"),
    [
        (
            {"org": "Initech", "role": "Engineer", "from": 2014, "to": 2017},
            "Engineer at Initech (2014–2017)",
        ),
        ({"org": "Initech", "from": 2014}, "Initech (since 2014)"),
        ({"org": "Initech", "to": 2017}, "Initech (until 2017)"),
        ({"org": "Initech"}, "Initech"),
        ({"Program": "  Computer   Science ", "from": 2008}, "Computer Science"),  # no org
    ],
)
def test_a_history_mapping_is_shown_as_a_sentence(item: dict[str, object], shown: str) -> None:
    assert [text for text, _ in read_history([item])] == [shown]


def test_a_history_mapping_without_org_or_role_shows_nothing() -> None:
    assert read_history([{"from": 2008, "to": 2012}, "Initech (2014-2017)"])[0][0] == (
        "Initech (2014-2017)"
    )


@pytest.mark.parametrize(
    ("item", "org", "role"),
    [
        ({"school": "MIT", "program": "CS"}, "MIT", "CS"),
        ({"Company": " Initech ", "Role": "Engineer "}, "Initech", "Engineer"),
        ({"org": "", "school": "MIT"}, "MIT", None),  # a template's empty key says nothing
    ],
)
def test_the_org_and_role_of_a_history_mapping(
    item: dict[str, str], org: str, role: str | None
) -> None:
    [(_, stint)] = read_history([item])
    assert stint is not None and (stint.org, stint.role) == (org, role)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Globex S.A.", "Globex"),
        ("Globex SA", "Globex"),
        ("Initech B.V.", "Initech"),
        ("Hooli GmbH & Co. KG", "Hooli"),
        ("Umbrella S.à r.l.", "Umbrella"),
        ("Vandelay L.L.C.", "Vandelay, LLC"),
        ("J.P. Morgan Chase & Co.", "JP Morgan Chase"),
        ("I.B.M.", "IBM"),
    ],
)
def test_an_org_is_one_whatever_its_legal_form_or_dotted_initials(one: str, other: str) -> None:
    assert org_key(one) == org_key(other)


def test_initials_that_stand_alone_stay_a_word_of_the_name() -> None:
    assert org_key("Plan A") == "plan a"
    assert org_key("Acme S.A.") != org_key("Acme Spain")


def test_a_history_item_without_years_is_its_org_and_role_alone() -> None:
    assert read_history(["Initech, Engineer"]) == [
        ("Initech, Engineer", Stint("Initech", "Engineer", None, None, None))
    ]


def test_a_history_value_of_one_text_or_with_empty_and_nested_items() -> None:
    assert [text for text, _ in read_history("Initech (2014-2017)")] == ["Initech (2014-2017)"]
    found = read_history([None, "", ["Globex", "Hooli"], "Acme (2014)"])
    assert [text for text, _ in found] == ["Acme (2014)"]


def test_the_history_items_check_names_are_those_of_no_org() -> None:
    long = ", " * 40 + "2014"  # commas and a year: no org, however long
    assert unreadable([None, "", "Initech (2014)", "2015-2016", long]) == ["2015-2016", long[:60]]
    assert unreadable("2015-2016") == ["2015-2016"]
