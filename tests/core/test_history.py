"""What a history item or a company names (notekit.core.history)."""

from __future__ import annotations

import pytest

from notekit.core.history import is_org, read_history


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
