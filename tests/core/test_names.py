"""core/names: the given name a message greets someone by, and a name's parts for a vCard."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notekit.core.names import NameParts, given_name, name_parts, natural_order


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Ana Costa", ("", "Ana", "", "Costa", "")),
        ("Dr. Helen Brooks", ("Dr.", "Helen", "", "Brooks", "")),
        ("Prof. Dr. Hans Müller", ("Prof. Dr.", "Hans", "", "Müller", "")),
        ("ms Sofia Marques", ("ms", "Sofia", "", "Marques", "")),
        ("Ludwig van Beethoven", ("", "Ludwig", "", "van Beethoven", "")),
        ("Sofia da Silva Marques", ("", "Sofia", "", "da Silva Marques", "")),
        ("Martin Luther King, Jr.", ("", "Martin", "Luther", "King", "Jr.")),
        ("Rev. Dr. Martin Luther King Jr", ("Rev. Dr.", "Martin", "Luther", "King", "Jr")),
        ("Brooks, Helen", ("", "Helen", "", "Brooks", "")),
        ("Brooks,Helen", ("", "Helen", "", "Brooks", "")),
        ("Brooks, Dr. Helen", ("Dr.", "Helen", "", "Brooks", "")),
        ("Martin Luther King, Jr., PhD", ("", "Martin", "Luther", "King", "Jr. PhD")),
        ("Ana Costa,", ("", "Ana", "", "Costa", "")),
        ("Costa, Ana, Lisbon", ("", "Ana", "", "Costa", "")),  # after a second comma: no name
        ("Ana Costa, Globex", ("", "Ana", "", "Costa", "")),  # no `Family, Given`: a company
        ("Costa, Ana Maria", ("", "Ana", "Maria", "Costa", "")),
        (",", ("", "", "", "", "")),
        ("Cher,", ("", "Cher", "", "", "")),
        ("Jr", ("", "Jr", "", "", "")),
        ("Helen Brooks (Uni)", ("", "Helen", "", "Brooks", "")),  # a phone book's label
        ("Helen Brooks, M.D.", ("", "Helen", "", "Brooks", "M.D.")),
        ("Ana Costa, MBA, CFA", ("", "Ana", "", "Costa", "MBA CFA")),
        ("Jack Ma", ("", "Jack", "", "Ma", "")),
        ("Thomas (Tom) [surf] Peres", ("", "Thomas", "", "Peres", "")),
        ("(Uni)", ("", "(Uni)", "", "", "")),  # a label alone is the name
        ("van Beethoven, Ludwig", ("", "Ludwig", "", "van Beethoven", "")),
        ("Mr Bean", ("Mr", "", "", "Bean", "")),  # a title and one word: a family name
        ("Cher", ("", "Cher", "", "", "")),
        ("Dr.", ("", "Dr.", "", "", "")),  # titles alone are the name
        ("Del Harris", ("", "Del", "", "Harris", "")),  # a particle first is a given name
        ("王伟", ("", "王伟", "", "", "")),
        ("  Ana   Costa ", ("", "Ana", "", "Costa", "")),
        ("", ("", "", "", "", "")),
    ],
)
def test_a_name_in_parts(name: str, parts: tuple[str, ...]) -> None:
    assert name_parts(name) == NameParts(*parts)


@pytest.mark.parametrize(
    ("name", "called"),
    [
        ("Dr. Helen Brooks", "Helen"),
        ("Prof. Dr. Hans Müller", "Hans"),
        ("Brooks, Helen", "Helen"),
        ("Ana Costa, Globex", "Ana"),
        ("Helen Brooks, M.D.", "Helen"),
        (",", ","),
        ("Tomás Peres", "Tomás"),
        ("Mr  Bean", "Mr Bean"),  # no given name: the name as written
        ("Jr", "Jr"),
        ("", ""),
    ],
)
def test_what_a_message_calls_them(name: str, called: str) -> None:
    assert given_name(name) == called


_NAME_WORDS = st.sampled_from(
    ["Ana", "Dr.", "dr", "Prof", "van", "Costa", "Jr.", "PhD", "(Uni)", "[x]", ",", "(", "]", "É"]
)


@given(st.lists(_NAME_WORDS | st.text(max_size=4), max_size=6), st.sampled_from([" ", "  ", ""]))
def test_a_plain_name_is_greeted_as_its_parts_say(words: list[str], space: str) -> None:
    """The given name of a name of plain words is found without reading it in parts: it is
    always the one its parts give."""
    name = space.join(words)
    assert given_name(name) == (name_parts(name).given or " ".join(name.split()))


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Costa, Ana", "Ana Costa"),  # as company mail and address books write it
        ("Brooks, Dr. Helen", "Dr. Helen Brooks"),
        ("van Beethoven, Ludwig", "Ludwig van Beethoven"),
        ("King, Martin Luther, Jr.", "Martin Luther King Jr."),
        ("Ana Costa, Globex", "Ana Costa, Globex"),  # no family name first: as written
        ("Helen Brooks, M.D.", "Helen Brooks, M.D."),
        ("Smith, Jr.", "Smith, Jr."),
        ("Costa,", "Costa,"),
        ("  Ana   Costa ", "Ana Costa"),
    ],
)
def test_a_name_in_the_order_it_is_said(name: str, said: str) -> None:
    assert natural_order(name) == said
