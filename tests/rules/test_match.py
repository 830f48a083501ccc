"""`show` and `find`: exact names first, forgiving typos, accents and order, never guessing."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from conftest import FIXTURES, MakeVault, Run
from notekit.rules.match import (
    Lookup,
    close_to,
    closest,
    closest_name,
    fold,
    lookup,
    named,
    profile_key,
    search,
    where,
)
from notekit.store.memory import index_from_texts

PEOPLE = {
    "People/Ana Costa.md": "---\naliases: [Nina]\ncompany: Globex\n---\n",
    "People/Ana Lima.md": "---\ncompany: Initech\n---\n",
    "People/José Peres.md": "---\ncompany: Umbrella\nrole: Founder\n---\n",
    "People/Zoë Ångström.md": "",
}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Ana Costa", "Ana Costa"),
        ("ana costa", "Ana Costa"),
        ("Nina", "Ana Costa"),
        ("costa ana", "Ana Costa"),
        ("Ana Kosta", "Ana Costa"),
        ("jose peres", "José Peres"),
        ("Peres José", "José Peres"),
        ("zoe angstrom", "Zoë Ångström"),
        ("Zoe Angstrm", "Zoë Ångström"),
    ],
)
def test_show_finds_the_one_person_meant(run: Run, make_vault: MakeVault, query, expected) -> None:
    result = run("show", query, "--json", vault=make_vault(PEOPLE))
    assert result.exit_code == 0, result.stderr
    assert result.json()["name"] == expected


def test_an_ambiguous_name_lists_candidates_and_exits_2(run: Run, make_vault: MakeVault) -> None:
    result = run("show", "Ana", vault=make_vault(PEOPLE))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "could mean several people" in result.stderr
    assert "Ana Costa" in result.stderr and "Ana Lima" in result.stderr


def test_two_people_with_the_same_name_are_never_guessed(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Sam.md": "", "Work/Sam.md": "---\ntype: person\n---\n"})
    result = run("show", "Sam", vault=vault)
    assert result.exit_code == 2 and "People/Sam.md" in result.stderr


def test_no_match_exits_2(run: Run, make_vault: MakeVault) -> None:
    result = run("show", "Bartholomew", vault=make_vault(PEOPLE))
    assert result.exit_code == 2 and "no person matches" in result.stderr


def test_find_searches_names_aliases_and_companies(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(PEOPLE)
    assert [m["name"] for m in run("find", "globex", "--json", vault=vault).json()] == ["Ana Costa"]
    assert [m["name"] for m in run("find", "Glbex", "--json", vault=vault).json()] == ["Ana Costa"]
    assert [m["name"] for m in run("find", "ana", "--json", vault=vault).json()] == [
        "Ana Costa",
        "Ana Lima",
    ]
    founder = run("find", "founder", "--json", vault=vault).json()
    assert [(m["name"], m["matched"]) for m in founder] == [("José Peres", "Founder")]
    assert run("find", "qqqqq", vault=vault).stdout.startswith("Nobody matches")


def test_show_human_output(run: Run) -> None:
    out = run("show", "ana", vault=FIXTURES / "interactions").stdout
    assert out.startswith("Ana Costa  (People/Ana Costa.md)")
    assert "Last contact: 2026-03-05" in out
    assert "2026-03-01  call: call about her new job" in out
    assert "Planned:" in out and "2026-12-24  dinner: planned, after today" in out


def test_one_weak_candidate_is_offered_not_taken(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Ana Costa.md": "---\naliases: [Ana C.]\n---\n"})
    result = run("show", "ana lim", vault=vault)
    assert result.exit_code == 2
    assert "no person is called 'ana lim'; did you mean:" in result.stderr
    assert "Ana Costa" in result.stderr


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_fast_path_folds_as_the_full_one(text: str) -> None:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    assert fold(text) == " ".join(letters.split())


def _reference_score(query: str, key: str) -> float:
    """The scoring rule, one key at a time, as docs/cli.md states it."""
    if query == key:
        return 100.0
    if query in key.split():
        return 90.0
    return max(fuzz.token_sort_ratio(query, key), fuzz.token_set_ratio(query, key) - 5)


_WORDS = st.sampled_from(["ana", "costa", "anna", "cost", "lima", "globex", "zoë", "jose", "x"])


@settings(max_examples=150, deadline=None)
@given(
    names=st.lists(st.lists(_WORDS, min_size=1, max_size=3), min_size=1, max_size=6),
    companies=st.lists(st.one_of(st.none(), _WORDS), min_size=6, max_size=6),
    query=st.lists(_WORDS, min_size=1, max_size=2),
)
@example(
    names=[["ana"], ["ana"], ["ana"], ["ana"], ["ana", "ana", "x"], ["ana", "ana", "x"]],
    companies=[None, None, None, None, None, "ana"],
    query=["ana", "x"],
)  # equal scores and names keep the order of the vault
def test_search_scores_every_key_by_the_rule(names, companies, query) -> None:
    texts = {}
    for n, words in enumerate(names):
        company = f"company: {companies[n]}\n" if companies[n] else ""
        texts[f"People/P{n}.md"] = f"---\nname: {' '.join(words)}\n{company}---\n"
    index = index_from_texts(texts)
    wanted = fold(" ".join(query))
    expected = []
    for person in index.people:
        keys = [person.name, person.stem, *([person.company] if person.company else [])]
        scored = [(_reference_score(wanted, fold(k)), -at, k) for at, k in enumerate(keys)]
        score, _, key = max(scored)
        if score >= 70:
            expected.append((person.path, score, key))
    names = {p.path: p.name.casefold() for p in index.people}
    expected.sort(key=lambda m: (-m[1], names[m[0]]))
    found = [(m.person.path, m.score, m.matched) for m in search(index, " ".join(query))]
    assert found == expected


def test_show_prints_the_notes_own_sections_but_not_its_log(
    run: Run, make_vault: MakeVault
) -> None:
    note = (
        "---\ncadence: 1m\n---\n# Ana\nMet at the Initech offsite.\n\n## Memories\n"
        "- climbing at Arco\n\n```\n## not a heading\n```\n\n## Log\n- 2026-11-01 call: hi\n"
        "### 2026\n- 2026-10-01 email: old\n\n## Ideas\n- ask about Rust\n## Empty\n"
    )
    vault = make_vault({"People/Ana.md": note})
    shown = run("show", "ana", "--json", vault=vault).json()
    assert [(s["heading"], s["line"]) for s in shown["sections"]] == [
        ("Ana", 4),
        ("Memories", 7),
        ("Ideas", 19),
    ]
    assert shown["sections"][1]["text"] == "- climbing at Arco\n\n```\n## not a heading\n```"
    text = run("show", "ana", vault=vault).stdout
    assert "Memories:\n  - climbing at Arco" in text and "Ideas:\n  - ask about Rust" in text
    assert "Log:" not in text and "Empty" not in text


NAMES = ("Ana", "Ben", "Cy", "Di")


def test_reach_via_shows_the_address_itself(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\nchannel: email\nemail: ana@example.com\n---\n",
            "People/Ben.md": "---\nchannel: linkedin\nlinkedin: https://linkedin.com/in/ben\n---\n",
            "People/Cy.md": "---\nchannel: whatsapp\nphone: +351 900 000 000\n---\n",
            "People/Di.md": "---\nchannel: coffee\n---\n",
        }
    )
    reach = {
        n: run("show", n, "--json", vault=vault).json()["reach_via"]
        for n in "Ana Ben Cy Di".split()
    }
    assert reach == {
        "Ana": "email: ana@example.com",
        "Ben": "linkedin: https://linkedin.com/in/ben",
        "Cy": "whatsapp: +351 900 000 000",
        "Di": "coffee",
    }
    assert "Reach via: email: ana@example.com" in run("show", "Ana", vault=vault).stdout


def test_nobody_matching_gets_the_closest_names_and_how_to_add(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(PEOPLE)
    result = run("log", "Ane Koster", "hi", vault=vault)
    assert result.exit_code == 2 and "no person matches 'Ane Koster'" in result.stderr
    assert "closest names" in result.stderr and "Ana Costa" in result.stderr
    assert "notekit add 'Ane Koster'" in result.stderr
    far = run("show", "Xavier Qwerty", vault=vault)
    assert far.exit_code == 2 and "notekit add 'Xavier Qwerty'" in far.stderr


def test_find_searches_every_field_and_says_which_matched(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\ntags: [climbing]\ncontext: Initech payments team\n---\n",
            "People/Ben.md": "---\ninterests: [sourdough]\ngoals: [mentorship]\n---\n",
        }
    )
    found = {
        query: [
            (m["name"], m["field"], m["matched"])
            for m in run("find", query, "--json", vault=vault).json()
        ]
        for query in ("climbing", "payments", "sourdough", "mentorship")
    }
    assert found == {
        "climbing": [("Ana", "tag", "climbing")],
        "payments": [("Ana", "context", "Initech payments team")],
        "sourdough": [("Ben", "interest", "sourdough")],
        "mentorship": [("Ben", "goal", "mentorship")],
    }
    assert "tag: climbing" in run("find", "climbing", vault=vault).stdout


def test_a_similar_name_among_thousands_is_looked_for_among_few() -> None:
    """An import looks for a name nearly alike for each new contact: it scores only the names
    that share the start of a word with it, so that its cost does not grow with the vault."""
    from notekit.rules.match import key_table

    letters = "bcdfghjklmnpqrstvwxz"
    names = [f"{a}{b}o {c}{d}e" for a in letters for b in "aeiu" for c in letters for d in "ai"]
    index = index_from_texts(
        {f"People/{n}.md": "" for n in names[:1600]} | {"People/Ana Costa.md": ""}
    )
    table = key_table(index, with_company=False)
    near = table.near(fold("Ana Kosta"))
    assert 0 < len(near) < len(table.keys) / 20
    found = search(index, "Ana Kosta", False, 88.0, table, near=True)
    assert [m.person.name for m in found] == ["Ana Costa"]
    assert search(index, "Ana Kosta", False, 88.0, table) == found  # the same, scoring all


def test_scores_worked_by_hand() -> None:
    """The rule of docs/cli.md on a few keys, each score worked out by hand: 100 for the key
    itself, 90 for one of its words, else the better of the token-sort ratio and the token-set
    ratio less 5, where a ratio is 100 x (1 - edits / (length of both)) in insertions and
    deletions."""
    index = index_from_texts(
        {"People/Ana Costa.md": "", "People/Bo Lind.md": "---\ncompany: Globex\n---\n"}
    )
    scores = lambda query: {m.person.name: round(m.score, 2) for m in search(index, query)}  # noqa: E731
    assert scores("ana costa") == {"Ana Costa": 100.0}
    assert scores("costa") == {"Ana Costa": 90.0}
    # "anna costa" against "ana costa": one deletion over 10 + 9 letters: 100 x 18/19
    assert scores("anna costa") == {"Ana Costa": 94.74}
    # "globexx" against "globex": one deletion over 7 + 6 letters: 100 x 12/13
    assert scores("globexx") == {"Bo Lind": 92.31}


def test_fold_makes_every_punctuation_a_space() -> None:
    assert fold("José—María’s  «Café»") == "jose maria s cafe"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/ana-costa/?trk=people", "linkedin.com/in/ana-costa"),
        (" HTTP://LinkedIn.com/in/Ana-Costa ", "linkedin.com/in/ana-costa"),
        ("linkedin.com/in/ana?a=1?b=2", "linkedin.com/in/ana"),
        ("https://www./", None),
        ("", None),
        (None, None),
    ],
)
def test_a_profile_is_one_key_whatever_its_url(url: str | None, key: str | None) -> None:
    assert profile_key(url) == key


def test_close_to_takes_word_order_as_nothing_and_lists_every_close_key() -> None:
    assert close_to("costa ana", ["ana costa"], 99) == [(0, 100.0)]
    keys = [f"ana costa {n}" for n in range(8)]
    assert sorted(at for at, _ in close_to("ana costa", keys, 70)) == list(range(8))


def test_closest_is_the_text_most_like_the_query_or_nothing() -> None:
    assert closest("globx", ["Initech", "Globex"]) == "Globex"
    assert closest("zzzz", ["Initech", "Globex"]) is None
    assert closest("brightxyze", ["Brightwave"]) == "Brightwave"  # 70: close enough
    assert closest("globex", []) is None


def test_a_broken_link_is_taken_for_a_name_never_for_a_company() -> None:
    index = index_from_texts({"People/Ana Costa.md": "---\ncompany: Globex Corporation\n---\n"})
    typo_of = closest_name(index)
    assert typo_of("Ana Costaa") == "Ana Costa"
    assert typo_of("Globex Corporatio") is None


def test_what_matched_is_named_by_its_field() -> None:
    index = index_from_texts(
        {
            "People/ana-c.md": (
                "---\nname: Ana Costa\naliases: [Nina]\ncompany: Globex\nrole: Designer\n"
                "history: [Initech (2014-2017)]\nlocation: Lisbon\n---\n"
            )
        }
    )
    fields = {query: search(index, query)[0].field for query in PEOPLE_FIELDS}
    assert fields == PEOPLE_FIELDS


PEOPLE_FIELDS = {
    "Ana Costa": "name",
    "ana-c": "file",
    "Nina": "alias",
    "Globex": "company",
    "Designer": "role",
    "Initech (2014-2017)": "history",
    "Lisbon": "location",
}


def test_search_lists_every_person_that_matches() -> None:
    index = index_from_texts({f"People/Ana Costa {n}.md": "" for n in range(8)})
    assert len(search(index, "ana costa")) == 8


def test_a_key_below_the_threshold_is_left_out_whatever_found_it() -> None:
    """A word of a key scores 90: under a threshold above that, only the key itself counts."""
    index = index_from_texts({"People/Ana Costa.md": "", "People/Costa.md": ""})
    assert [m.person.name for m in search(index, "costa", threshold=95)] == ["Costa"]
    assert [m.person.name for m in search(index, "ana", threshold=95)] == []


def test_find_forgives_a_typo_in_the_first_letters_of_a_word() -> None:
    """Only an import's look for similar names is narrowed to the words' first letters."""
    index = index_from_texts({"People/Costa.md": ""})
    assert [(m.person.name, m.score) for m in search(index, "Kosta")] == [("Costa", 80.0)]


def test_named_finds_a_name_written_without_its_accents() -> None:
    index = index_from_texts({"People/José Peres.md": "", "People/Ana.md": ""})
    assert [p.name for p in named(index, "jose peres")] == ["José Peres"]
    assert [p.name for p in named(index, "ANA")] == ["Ana"]
    twins = index_from_texts({"People/Jean-Luc Roy.md": "", "People/Jean Luc Roy.md": ""})
    assert [p.name for p in named(twins, "jean-luc roy")] == ["Jean-Luc Roy"]  # as written first


def test_a_lookup_says_who_it_found_and_nothing_else() -> None:
    index = index_from_texts({"People/Ana Costa.md": "", "People/Bo Lind.md": ""})
    ana = index.people[0]
    assert lookup(index, "Ana Costa") == Lookup(ana, [], [])
    assert lookup(index, "Ana Kosta") == Lookup(ana, [], [])


def test_a_name_two_people_share_offers_both_as_certain() -> None:
    index = index_from_texts({"People/Sam.md": "", "Work/Sam.md": "---\ntype: person\n---\n"})
    found = lookup(index, "sam")
    assert found.person is None and found.nearest == []
    assert [(m.person.path, m.score, m.matched) for m in found.candidates] == [
        ("People/Sam.md", 100.0, "Sam"),
        ("Work/Sam.md", 100.0, "Sam"),
    ]


def test_a_fuzzy_pick_at_its_thresholds_is_taken() -> None:
    """80 is enough to pick one person (`Marty` is 80 from `Marta`); 8 ahead of the next is
    clearly ahead (96 and 88)."""
    alone = index_from_texts({"People/Marta.md": ""})
    assert lookup(alone, "Marty").person is alone.people[0]
    two = index_from_texts({"People/Ana Carvalhos.md": "", "People/Ana Carvelhos.md": ""})
    assert [round(m.score, 6) for m in search(two, "Ana Carvalho")] == [96.0, 88.0]
    assert lookup(two, "Ana Carvalho").person is two.people[0]


def test_a_lookup_offers_ten_candidates_or_the_three_nearest_names() -> None:
    many = index_from_texts({f"People/Ana {n}.md": "" for n in range(12)})
    found = lookup(many, "ana")
    assert found.person is None and len(found.candidates) == 10 and found.nearest == []
    far = index_from_texts(
        {
            **{f"People/Bartholomew {n}.md": "" for n in "ABCD"},
            "People/Zed.md": "---\ncompany: Bartholomeo Industries\n---\n",
        }
    )
    found = lookup(far, "Bartolomeu Silva")
    assert found.person is None and found.candidates == []
    assert len(found.nearest) == 3 and all(m.field == "name" for m in found.nearest)


@pytest.mark.parametrize(
    ("field", "value", "found"),
    [
        ("email", "ANA@globex.com", ["Ana"]),
        ("tags", "climbing", ["Ana"]),
        ("aliases", "nina", ["Ana"]),
        ("history", "initech (2014-2017)", ["Ana"]),
        ("interests", "Rust", ["Ana"]),
        ("goals", "hire", ["Ana"]),
        ("cadence", "3m", ["Ana"]),
        ("name", "bo", ["Bo"]),
        ("company", "globex", ["Ana"]),
        ("role", "designer", ["Ana"]),
        ("status", "paused", ["Bo"]),
        ("channel", "signal", ["Ana"]),
        ("location", "lisbon", ["Ana"]),
        ("context", "met at pycon", ["Bo"]),
    ],
)
def test_where_compares_each_field_of_a_person(field: str, value: str, found: list[str]) -> None:
    index = index_from_texts(
        {
            "People/Ana.md": (
                "---\nemail: ana@globex.com\ntags: [climbing, rust]\naliases: [Nina]\n"
                "history: [Initech (2014-2017)]\ninterests: [rust]\ngoals: [Hire]\ncadence: 3m\n"
                "company: Globex\nrole: Designer\nchannel: Signal\nlocation: Lisbon\n---\n"
            ),
            "People/Bo.md": "---\nstatus: Paused\ncontext: Met at PyCon\n---\n",
        }
    )
    assert [p.name for p in where(index.people, field, value)] == found


def test_where_refuses_a_field_it_does_not_know() -> None:
    with pytest.raises(ValueError, match="--where takes a field notekit knows, not 'shoe'"):
        where([], "shoe", "x")
