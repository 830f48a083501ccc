"""The reason to write and the drafts framed by it, on a vault whose answers are worked out by
hand in tests/fixtures/judgement/EXPECTED.md. Sentences are checked with their sources, never
whole draft texts."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, Run

VAULT = FIXTURES / "judgement"
MONDAY = "2026-11-23"

REASONS = {  # as EXPECTED.md works them out
    "Aisha Bello": ("reply", "2026-10-13", "People/Aisha Bello.md:8"),
    "Priya Nair": ("promise", "2026-11-20", "People/Priya Nair.md:10"),
    "Diego Alvarez": ("follow-up", "2026-10-29", "People/Diego Alvarez.md:11"),
    "Hana Sato": ("reconnect", "2024-03-04", "People/Hana Sato.md:9"),
    "Lena Fischer": ("nudge", "2026-11-02", "People/Lena Fischer.md:8"),
    "Omar Haddad": ("reconnect", None, None),
    "Kenji Mori": ("reconnect", "2025-02-01", "People/Kenji Mori.md:9"),
    "Jamal Reed": ("reconnect", "2025-03-01", "People/Jamal Reed.md:13"),
}


def _draft(run: Run, name: str, channel: str = "email") -> dict:
    result = run("draft", name, "--channel", channel, "--json", vault=VAULT, today=MONDAY)
    assert result.exit_code == 0, result.stderr
    return result.json()


@pytest.mark.parametrize("name", sorted(REASONS))
def test_the_reason_is_the_first_that_holds_with_its_source(run: Run, name) -> None:
    reason = _draft(run, name)["reason"]
    assert (reason["kind"], reason["date"], reason["source"]) == REASONS[name]


def test_a_reason_carries_the_text_of_its_line(run: Run) -> None:
    """What `--json` gives beside the draft: the words of the line the reason rests on, none
    for a reconnect with no conversation to name."""
    names = ("Aisha Bello", "Lena Fischer", "Omar Haddad")
    said = {name: _draft(run, name)["reason"]["text"] for name in names}
    assert said == {
        "Omar Haddad": "",
        "Aisha Bello": "Medora is hiring a Head of Data and I thought of you. Interested?",
        "Lena Fischer": "asked whether she had time for a call about the platform team",
    }


def _sentences(draft: dict) -> dict[str, list[str]]:
    return {sentence["text"]: sentence["from"] for sentence in draft["sentences"]}


def test_each_frame_opens_the_draft_and_only_a_reconnect_says_it_has_been_a_while(run: Run) -> None:
    openings = {  # the opening sentence, and the note lines it comes from
        "Aisha Bello": (
            "Thank you for your message in October, and sorry to be slow to answer.",
            ["People/Aisha Bello.md:8"],
        ),
        "Priya Nair": ("As promised, I'm sending you my CV.", ["People/Priya Nair.md:10"]),
        "Lena Fischer": (
            "I wanted to follow up on my email from November.",
            ["People/Lena Fischer.md:8"],
        ),
        "Diego Alvarez": (
            "I've been thinking about our call in October, and about the Lisbon offsite where "
            "we got lost looking for the ferry.",
            ["People/Diego Alvarez.md:11", "People/Diego Alvarez.md:8"],
        ),
    }
    for name, (opening, sources) in openings.items():
        draft = _draft(run, name)
        said = draft["sentences"]
        assert said[1]["from"] == [draft["path"]]  # `Hi Aisha,`: the name of the note's file
        assert (said[2]["text"], said[2]["from"]) == (opening, sources)
        assert "been a while" not in draft["body"] and "too long" not in draft["subject"]
    priya = _draft(run, "Priya Nair")["body"]
    assert "hiring works there" not in priya and "looking at roles" not in priya
    aisha = _draft(run, "Aisha Bello")["body"]
    assert "Medora is hiring" not in aisha  # her words are not quoted back


def test_a_channel_or_a_date_is_never_a_memory_and_context_stands_in(run: Run) -> None:
    hana = _draft(run, "Hana Sato", "linkedin")
    assert hana["body"].startswith(
        "Hi Hana, it's been a while since our last exchange back in 2024!"
    )
    assert "our linkedin" not in hana["body"] and hana["memory_from"] is None
    omar = _draft(run, "Omar Haddad")
    assert "about how we shipped the Interac integration together" in omar["body"]
    assert omar["memory_from"] == "People/Omar Haddad.md:4"  # its `context`


def test_a_memory_is_told_to_them_and_never_tells_another_persons_story(run: Run) -> None:
    kenji = _draft(run, "Kenji Mori")
    assert "the Mission loft where you played piano until 3 a.m., and it made me" in kenji["body"]
    jamal = _draft(run, "Jamal Reed")
    assert "about teaching you dbt on Friday afternoons" in jamal["body"]
    assert jamal["memory_from"] == "People/Jamal Reed.md:7"
    for channel in ("email", "linkedin", "message"):
        body = _draft(run, "Jamal Reed", channel)["body"]
        assert "Zoé" not in body and "interviewing" not in body and "divorce" not in body


def test_each_sentence_names_the_note_lines_its_words_come_from(run: Run) -> None:
    diego = _sentences(_draft(run, "Diego Alvarez"))
    assert diego["What are you working on at Paylane these days?"] == [
        "People/Diego Alvarez.md:2"  # company
    ]
    assert diego["I hope all is well with you at Paylane."] == ["People/Diego Alvarez.md:2"]
    offer = next(text for text in diego if text.startswith("I'll pass along"))
    assert offer == "I'll pass along anything good I read on sailing."
    assert diego[offer] == ["People/Diego Alvarez.md:4"]  # interests
    assert not any("busy with sailing" in text for text in diego)  # named once, not asked too
    assert diego["Sam"] == ["notekit.toml"]  # `[me] name` signs
    assert diego["Best,"] == [] and diego["Following up"] == []  # the template's own words
    kenji = _sentences(_draft(run, "Kenji Mori"))
    opening = next(text for text in kenji if text.startswith("I was thinking"))
    assert opening.endswith("until 3 a.m., and it made me want to get back in touch.")
    assert kenji[opening] == ["People/Kenji Mori.md:6"]  # one sentence, not cut at `a.m.`
    omar = _sentences(_draft(run, "Omar Haddad"))
    memory = next(text for text in omar if text.startswith("I was thinking"))
    assert omar[memory] == ["People/Omar Haddad.md:4"]  # `Interac` in it is the memory's


@pytest.mark.parametrize(
    ("memory", "told"),
    [
        ("She taught me to climb.", "how you taught me to climb"),
        ("He was our best on-call engineer", "how you were our best on-call engineer"),
        ("The demo where her laptop died", "the demo where your laptop died"),
        ("Lunch with her at Joe's", "lunch with you at Joe's"),
        ("Arguing about his tabs versus spaces", "arguing about your tabs versus spaces"),
        (
            "Gave me the 'write the doc first' advice",
            "how you gave me the 'write the doc first' advice",
        ),
        ("Her 'one page, one decision' rule", "your 'one page, one decision' rule"),
        ("She was always early", "how you were always early"),
        ("They were the first to ship", "how you were the first to ship"),
        ("I broke the build on her first day", "how I broke the build on your first day"),
        ("Gave us the keys to the lab", "how you gave us the keys to the lab"),
        ("Her laptop died during the demo", "your laptop died during the demo"),
        (
            "We met in Lyon. She was late, as always.",
            "how we met in Lyon. You were late, as always",
        ),
    ],
)
def test_pronouns_and_capitals_of_a_memory(memory, told) -> None:
    from notekit.rules.draft import tell

    assert tell(memory, "en") == told
