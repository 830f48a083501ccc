"""`intro TARGET`: who could introduce me, directly or through one more person, with the
evidence of each tie; and a clear answer when there is no path."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import MakeVault, Run


def test_intro_paths_their_evidence_and_no_path(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "notekit.toml": '[me]\nhistory = ["Initech (2014-2017)"]\n',
            "People/Ana.md": "---\nknows: ['[[Tess]]']\n---\n- 2026-11-01 call: caught up\n",
            "People/Ben.md": "---\nhistory: [Initech (2015-2018)]\n---\n"
            "- 2025-01-01 call: long ago\n",
            "People/Cy.md": "---\nintroduced_by: '[[Ben]]'\n---\n- 2026-11-20 coffee: yesterday\n",
            "People/Tess.md": "---\nhistory: [Initech (2016-2019)]\n---\n",
            "People/Zed.md": "---\ncompany: Nowhere\n---\n",
            # through Ana, whom I am in touch with myself: no path
            "People/Dee.md": "---\nintroduced_by: '[[Ana]]'\n---\n- 2026-11-20 call: hi\n",
        }
    )
    found = run("intro", "Tess", "--json", vault=vault).json()
    # first, I was at Initech with Tess myself (2016–2017). Ana knows Tess (3) and we spoke
    # 22 days ago (+2.9); Cy, seen yesterday (+3.0), was introduced by Ben (3), whose tie to
    # Tess is years at Initech (1.5): 1.5 / 2 + 3.0; Ben himself is tied to Tess (1.5), but we
    # last spoke in 2025 (+0)
    mine = found.pop(0)
    assert (mine["via"], mine["direct"]) == ("Tess", True)
    assert mine["evidence"] == ["you overlapped 2016–2017 at Initech: write directly"]
    assert "You know Tess yourself:" in run("intro", "Tess", vault=vault).stdout
    assert [(p["via"], p["then"], p["score"]) for p in found] == [
        ("Ana", None, 5.88),
        ("Cy", "Ben", 3.73),
        ("Ben", None, 1.5),
    ]
    assert found[0]["evidence"] == ["Ana knows Tess (People/Ana.md)"]
    assert found[2]["evidence"] == ["at Initech together 2016–2018"]
    assert found[1]["evidence"] == [
        "Cy was introduced by Ben (People/Cy.md)",
        "at Initech together 2016–2018",
    ]
    nobody = run("intro", "Zed", vault=vault)
    assert nobody.exit_code == 0 and "No path to Zed" in nobody.stdout


def test_intro_to_an_org_starts_with_the_people_there(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "notekit.toml": '[orgs]\n"Globex" = ["Globex Corporation"]\n',
            "People/Ana.md": "---\ncompany: Globex Corporation\n---\n- 2026-11-20 call: hi\n",
            "People/Ben.md": "---\nknows: ['[[Ana]]', '[[Eve]]']\n---\n- 2026-11-01 call: hi\n",
            "People/Cy.md": "---\nhistory: [Paylane (2016-2016)]\n---\n",
            "People/Dee.md": "---\nhistory: [Paylane (2016-2019)]\n---\n- 2026-10-01 call: hi\n",
            "People/Eve.md": "---\ncompany: Globex\n---\n",  # never in touch
        }
    )
    found = run("intro", "globex", "--json", vault=vault).json()  # an alias of Ana's company
    # no "Ben → Ana": I am in touch with Ana myself, and can ask her
    assert [(p["via"], p["then"]) for p in found] == [("Ana", None), ("Ben", "Eve"), ("Eve", None)]
    assert found[0]["evidence"] == ["Ana is at Globex Corporation now"]
    assert found[1]["evidence"] == ["Ben knows Eve (People/Ben.md)", "Eve is at Globex now"]
    text = run("intro", "Globex", vault=vault).stdout
    # Ana is there (3) and we spoke 3 days ago (+2.98); Ben knows Eve (3, halved) and we
    # spoke 22 days ago (+2.88); Eve is there (3), and we never spoke
    assert text.startswith("Ana → Globex Corporation  (score 6.0")
    assert "Ben → Eve → Globex Corporation  (score 4.4" in text
    assert "Eve → Globex Corporation  (score 3.0, never contacted)" in text
    before = run("intro", "paylane", "--json", vault=vault).json()  # nobody is there now
    assert [p["via"] for p in before] == ["Dee", "Cy"]
    assert before[1]["evidence"] == ["Cy was at Paylane 2016"]
    unknown = run("intro", "Initrode", vault=vault)
    assert unknown.exit_code == 2
    assert "neither a person of your notes nor an org" in unknown.stderr


def test_no_path_to_a_name_with_terminal_controls_shows_them_escaped(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault({"People/Zed.md": '---\nname: "Zed\\e]0;owned\\a\\e[2J\\r\\u202e"\n---\n'})
    result = run("intro", "Zed", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "No path to Zed\\x1b]0;owned\\x07\\x1b[2J\\x0d\\u202e" in result.stdout
    assert not any(c in result.stdout for c in "\x1b\x07\r\u202e")


def test_a_note_of_more_than_eight_people_ties_nobody(run: Run, make_vault: MakeVault) -> None:
    """A meeting of eight is a tie between its people; of nine, a crowd (docs/format.md)."""
    eight = [f"P{n}" for n in range(8)]
    nine = [f"Q{n}" for n in range(9)]
    vault = make_vault(
        {
            **{f"People/{p}.md": "---\ncadence: 1y\n---\n" for p in (*eight, *nine)},
            "Meetings/small.md": "---\ndate: 2026-10-01\n---\n"
            + " ".join(f"[[{p}]]" for p in eight),
            "Meetings/big.md": "---\ndate: 2026-10-01\n---\n" + " ".join(f"[[{p}]]" for p in nine),
            "People/P0.md": "---\ncadence: 1y\n---\n- 2026-11-20 call: hi\n",
            "People/Q0.md": "---\ncadence: 1y\n---\n- 2026-11-20 call: hi\n",
        }
    )
    paths = run("intro", "P7", "--json", vault=vault).json()
    assert [p["via"] for p in paths if not p["direct"]][:1] == ["P0"]
    crowd = run("intro", "Q8", "--json", vault=vault).json()
    assert [p["via"] for p in crowd] == ["Q8"] and crowd[0]["direct"]  # met, but tied to no one


def test_a_group_conversation_ties_its_members(run: Run, make_vault: MakeVault) -> None:
    """Ana's group entry links Ben and Cy: all three are tied by it, Ben and Cy too, with the
    entry as evidence; a group of more than eight people ties nobody."""
    crowd = ", ".join(f"[[P{n}]]" for n in range(9))
    vault = make_vault(
        {
            "People/Ana.md": "## Log\n- 2026-11-12 linkedin group with [[Ben]], [[Cy]]: hi\n"
            f"- 2026-11-13 whatsapp group with {crowd}: party\n",
            "People/Ben.md": "- 2026-01-01 call: hi\n",
            "People/Cy.md": "- 2026-01-01 call: hi\n",
            **{f"People/P{n}.md": "- 2026-01-01 call: hi\n" for n in range(9)},
        }
    )
    found = [p for p in run("intro", "Cy", "--json", vault=vault).json() if not p["direct"]]
    evidence = "in one group conversation (People/Ana.md:2)"
    assert sorted((p["via"], p["evidence"]) for p in found) == [
        ("Ana", [evidence]),
        ("Ben", [evidence]),
    ]
    assert [p for p in run("intro", "P0", "--json", vault=vault).json() if not p["direct"]] == []


def test_a_meeting_a_note_logs_ties_everyone_there(run: Run, make_vault: MakeVault) -> None:
    """Ana's note logs a meeting with Ben and Cy: Ana's note links each of them, and Ben and
    Cy were in one meeting, with the entry as evidence. A call with one person ties no one
    else, and a note's plain mention of two people is no meeting."""
    vault = make_vault(
        {
            "People/Ana.md": "## Log\n- 2026-11-12 meeting: roadmap with [[Ben]] and [[Cy]]\n"
            "- 2026-11-13 call: about [[Dee]]\n"
            "- 2026-11-14 email to: told [[Eve]] about [[Fay]]\n",
            **{
                f"People/{name}.md": "- 2026-01-01 call: hi\n"
                for name in ("Ben", "Cy", "Dee", "Eve", "Fay")
            },
        }
    )
    graph = {
        name: {p["via"]: p["evidence"] for p in run("intro", name, "--json", vault=vault).json()}
        for name in ("Cy", "Dee", "Fay")
    }
    assert graph["Cy"]["Ben"] == ["in one meeting (People/Ana.md:2)"]
    assert graph["Cy"]["Ana"] == ["Ana's note links Cy (People/Ana.md:2)"]
    assert "Ben" not in graph["Dee"] and "Eve" not in graph["Fay"]


def test_freshness_is_when_i_last_heard_from_them(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """Tom never answered my December message: the cadence counts it (last contact 12-20),
    but the tie is as fresh as our coffee in June: fading on the network page, and `show`
    says so. Ana answered hers: fresh."""
    vault = make_vault(
        {
            "People/Tom.md": "---\ncompany: Initech\n---\n- 2025-06-01 coffee: catch-up\n"
            "- 2025-12-20 email to: happy holidays!\n",
            "People/Ana.md": "---\ncompany: Initech\n---\n- 2025-12-20 email to: hi\n"
            "- 2025-12-22 email from: hi back\n",
        }
    )
    today = "2026-03-01"
    tom = run("show", "Tom", "--json", vault=vault, today=today).json()
    assert (tom["last_contact"], tom["last_heard"]) == ("2025-12-20", "2025-06-01")
    text = run("show", "Tom", vault=vault, today=today).stdout
    assert "Last heard: 2025-06-01 (your later message is still unanswered)" in text
    people = {p["name"]: p for p in run("people", "--json", vault=vault, today=today).json()}
    assert people["Ana"]["last_heard"] == "2025-12-22"
    assert "Last heard" not in run("show", "Ana", vault=vault, today=today).stdout
    out = tmp_path / "site"
    assert run("report", "-o", str(out), vault=vault, today=today).exit_code == 0
    page = (out / "network.html").read_text()
    assert re.search(r'class="fresh-fading"[^<]*<text[^>]*>Tom<', page)
    assert re.search(r'class="fresh-fresh"[^<]*<text[^>]*>Ana<', page)


def test_years_at_a_big_org_weigh_less_than_at_a_small_one(run: Run, make_vault: MakeVault) -> None:
    """Two people at a ten-person org of the vault are tied by 1.5 × 5/10; at a two-person one,
    by 1.5 (docs/format.md)."""
    big = {f"People/B{n}.md": "---\nhistory: [Megacorp (2010-2020)]\n---\n" for n in range(10)}
    vault = make_vault(
        {
            **big,
            "People/S0.md": "---\nhistory: [Tinyco (2010-2020)]\n---\n",
            "People/S1.md": "---\nhistory: [Tinyco (2010-2020)]\n---\n",
        }
    )
    assert [p["score"] for p in run("intro", "B0", "--json", vault=vault).json()][:1] == [0.75]
    assert [p["score"] for p in run("intro", "S0", "--json", vault=vault).json()] == [1.5]


def test_the_ties_around_a_few_people_are_theirs_in_the_whole_graph() -> None:
    """`intro` asks only for the ties of the target and of those tied to it: each is the tie
    of the whole graph, with the same strength and evidence in the same order."""
    import datetime as dt

    from notekit.rules.network import ties
    from notekit.store.kept_summary import vault_summary

    vault = vault_summary(Path(__file__).resolve().parents[2] / "vault-example")
    today = dt.date(2026, 11, 23)
    whole = ties(vault, today)
    assert sum(len(found) for found in whole.values()) > 50  # the sample vault is well tied
    for person in vault.people:
        around = {person.path, *whole.get(person.path, {})}
        near = ties(vault, today, around)
        for path in around:
            assert near.get(path, {}) == whole.get(path, {}), (person.path, path)


def test_intro_ten_paths_at_most_through_cold_contacts_and_never_the_target_itself(
    run: Run, make_vault: MakeVault
) -> None:
    """Twelve people know Tess: ten are listed, after Tess herself, whom I had lunch with. A
    lunch of three ties each two of them, none to themselves. No path goes through May, whom I
    spoke to 400 days ago (still warm): ask her; Ned, never contacted, takes Yan (spoken to on
    11-01) to Tess."""
    many = {f"People/K{n:02d}.md": "---\nknows: ['[[Tess]]']\n---\n" for n in range(12)}
    vault = make_vault(
        {
            **many,
            "People/Tess.md": "---\nname: Tess\n---\n",
            "Daily/2026-11-20.md": "Lunch with [[Ada]], [[Tess]] and [[Bob]]\n",
            "People/Ada.md": "---\nname: Ada\n---\n",
            "People/Bob.md": "---\nname: Bob\n---\n",
            "People/May.md": "---\nknows: ['[[Tess]]']\n---\n- 2025-10-19 call: a while ago\n",
            "People/Xia.md": "---\nknows: ['[[May]]']\n---\n- 2026-11-01 call: hi\n",
            "People/Ned.md": "---\nknows: ['[[Tess]]']\n---\n",
            "People/Yan.md": "---\nknows: ['[[Ned]]']\n---\n- 2026-11-01 call: hi\n",
            # two ways to Tess, through Ned and through Pia: listed once, by the better
            "People/Zoe.md": "---\nknows: ['[[Ned]]', '[[Pia]]']\n---\n- 2026-11-20 call: hi\n",
            "People/Pia.md": "---\nknows: ['[[Tess]]']\n---\n",
        }
    )
    found = run("intro", "Tess", "--json", vault=vault, today="2026-11-23").json()
    mine = found.pop(0)  # the lunch: I know her myself
    assert (mine["via"], mine["direct"], mine["last_contact"]) == ("Tess", True, "2026-11-20")
    assert len(found) == 10
    assert len({p["via"] for p in found}) == 10
    assert [(p["via"], p["then"]) for p in found if p["via"] == "Zoe"] == [("Zoe", "Ned")]
    by = {p["via"]: p for p in found}
    assert by["Yan"] == {
        "via": "Yan",
        "via_path": "People/Yan.md",
        "then": "Ned",
        "score": 4.38,  # half Ned's tie to Tess, and 22 days since we spoke
        "last_contact": "2026-11-01",
        "evidence": ["Yan knows Ned (People/Yan.md)", "Ned knows Tess (People/Ned.md)"],
        "direct": False,
    }
    assert (by["May"]["score"], by["May"]["then"]) == (3.78, None)
    assert by["Ada"]["evidence"] == ["together in Daily/2026-11-20.md"]
    assert "Xia" not in [p["via"] for p in found]
    ada = run("intro", "Ada", "--json", vault=vault, today="2026-11-23").json()
    assert ada[0]["direct"]  # the lunch: I know her myself
    assert sorted(p["via"] for p in ada[1:]) == ["Bob", "Tess"]  # never Ada through herself


def test_intro_to_an_org_says_the_years_each_was_there(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Al.md": "---\nhistory: [Paylane]\n---\n",
            "People/Bo.md": "---\nhistory:\n  - {org: Paylane, to: 2017}\n---\n",
            "People/Cy.md": "---\nhistory: [Paylane (2015-)]\n---\n",
        }
    )
    found = run("intro", "Paylane", "--json", vault=vault).json()
    assert sorted(p["evidence"][0] for p in found) == [
        "Al was at Paylane",
        "Bo was at Paylane 2017",
        "Cy was at Paylane 2015",
    ]


def test_intro_to_an_org_ten_at_most_with_each_one_s_last_contact(
    run: Run, make_vault: MakeVault
) -> None:
    """Twelve people at Globex now: ten listed; Ana there, whom I spoke to on 11-20, and Cy,
    who knows Bo there and whom I spoke to on 11-01, carry those days; Ana knowing Bo, who
    is there too, does not hide Cy."""
    there = {f"People/G{n:02d}.md": "---\ncompany: Globex\n---\n" for n in range(10)}
    vault = make_vault(
        {
            **there,
            "People/Ana.md": "---\ncompany: Globex\nknows: ['[[Bo]]']\n---\n"
            "- 2026-11-20 call: hi\n",
            "People/Bo.md": "---\ncompany: Globex\n---\n",
            "People/Cy.md": "---\nknows: ['[[Bo]]']\n---\n- 2026-11-01 call: hi\n",
        }
    )
    found = run("intro", "Globex", "--json", vault=vault, today="2026-11-23").json()
    assert len(found) == 10
    assert [(p["via"], p["then"], p["last_contact"]) for p in found[:2]] == [
        ("Ana", None, "2026-11-20"),
        ("Cy", "Bo", "2026-11-01"),
    ]


def test_i_know_the_target_myself_by_years_still_open_or_a_contact_of_400_days(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            "notekit.toml": '[me]\nhistory = ["Globex (2020-)"]\n',
            "People/Ana.md": "---\nhistory: [Globex (2021-)]\n---\n",
            "People/Bo.md": "---\nname: Bo\n---\n- 2025-10-19 call: a while ago\n",
        }
    )

    def mine(name: str) -> dict:
        found = run("intro", name, "--json", vault=vault, today="2026-11-23").json()
        assert found and found[0]["direct"]
        return found[0]

    assert mine("Ana")["evidence"] == ["you overlapped 2021–2026 at Globex: write directly"]
    bo = mine("Bo")
    assert (bo["evidence"], bo["last_contact"]) == (
        ["you were in touch on 2025-10-19: write directly"],
        "2025-10-19",
    )


def test_ties_add_up_their_evidence_and_stop_at_crowds_and_large_orgs() -> None:
    """On a vault in memory, the whole graph and the ties around one person: two pieces of
    evidence add up; a link from the target's own note counts; a group and a meeting tie
    those in them up to eight people; 50 people at one org are colleagues, 51 say nothing,
    and a large org does not end the count of the others; nobody is tied to themselves."""
    import datetime as dt

    from notekit.rules.network import ties
    from notekit.store.memory import index_from_texts

    seven = " ".join(f"[[M{n}]]" for n in range(7))
    eight = " ".join(f"[[N{n}]]" for n in range(8))
    notes = {
        "People/Ana.md": "---\nknows: ['[[Tess]]']\n---\n",
        "People/Tess.md": "---\nname: Tess\n---\nMy old friend [[Ann]].\n",
        "People/Ann.md": "",
        "Daily/2026-11-20.md": "Lunch with [[Ana]] and [[Tess]]\n",
        "People/Bo.md": "- 2026-11-12 linkedin group with [[Cy]], [[Di]]: hi\n",
        "People/Cy.md": "",
        "People/Di.md": "",
        "People/Eve.md": f"- 2026-11-12 meeting: seven with {seven}\n"
        f"- 2026-11-13 meeting: eight with {eight}\n",
        "People/Sol.md": "---\nknows: ['[[Sol]]']\n---\n",
        **{f"People/M{n}.md": "" for n in range(7)},
        **{f"People/N{n}.md": "" for n in range(8)},
        **{f"People/A{n:02d}.md": "---\nhistory: [BigCo (2019-2020)]\n---\n" for n in range(51)},
        **{f"People/B{n:02d}.md": "---\nhistory: [MidCo (2019-2020)]\n---\n" for n in range(50)},
        **{f"People/Z{n}.md": "---\nhistory: [SmallCo (2019-2020)]\n---\n" for n in range(2)},
        "People/O1.md": "---\nhistory: [OpenCo (2021-)]\n---\n",  # both still there
        "People/O2.md": "---\nhistory: [OpenCo (2022-)]\n---\n",
    }
    index = index_from_texts(notes)
    today = dt.date(2026, 11, 23)
    whole = ties(index, today)
    ana_tess = whole["People/Ana.md"]["People/Tess.md"]
    assert (ana_tess.strength, ana_tess.evidence) == (
        4.0,
        ["Ana knows Tess (People/Ana.md)", "together in Daily/2026-11-20.md"],
    )
    assert "People/Di.md" in whole["People/Cy.md"]  # the group, Bo aside
    assert "People/M1.md" in whole["People/M0.md"]  # eight at the meeting, Eve with them
    assert "People/N1.md" not in whole.get("People/N0.md", {})  # nine: a crowd
    assert "People/A01.md" not in whole.get("People/A00.md", {})  # 51 at BigCo
    assert whole["People/B00.md"]["People/B01.md"].evidence == ["at MidCo together 2019–2020"]
    assert "People/Z1.md" in whole["People/Z0.md"]
    assert whole["People/O1.md"]["People/O2.md"].evidence == ["at OpenCo together 2022–2026"]
    assert "People/Sol.md" not in whole.get("People/Sol.md", {})
    around = ties(index, today, {"People/Tess.md"})
    assert around["People/Tess.md"]["People/Ann.md"].evidence == [
        "Tess's note links Ann (People/Tess.md:4)"
    ]


def test_no_one_is_asked_for_an_introduction_whose_note_says_never_to_write_to_them(
    run: Run, make_vault: MakeVault
) -> None:
    """Dee died and Eve is `do not contact`: neither is a way to Tess or into Globex, not as
    the first person asked nor as the one in between; archived Fay may still be asked."""
    vault = make_vault(
        {
            "People/Tess.md": "---\ncompany: Globex\n---\n",
            "People/Dee.md": "---\nstatus: Deceased (2025)\ncompany: Globex\n"
            "knows: ['[[Tess]]']\n---\n- 2026-11-01 call: hi\n",
            "People/Eve.md": "---\nstatus: Do not contact!\nknows: ['[[Tess]]', '[[Dee]]']\n"
            "---\n- 2026-11-01 call: hi\n",
            "People/Fay.md": "---\nstatus: archived\nknows: ['[[Tess]]', '[[Dee]]', '[[Eve]]']\n"
            "---\n- 2026-11-01 call: hi\n",
        }
    )
    to_tess = run("intro", "Tess", "--json", vault=vault, today="2026-11-23").json()
    assert [(p["via"], p["then"]) for p in to_tess] == [("Fay", None)]
    into_globex = run("intro", "Globex", "--json", vault=vault, today="2026-11-23").json()
    assert [(p["via"], p["then"]) for p in into_globex] == [("Fay", "Tess"), ("Tess", None)]


def test_a_note_naming_someone_on_thousands_of_lines_ties_them_in_linear_time(
    make_vault: MakeVault,
) -> None:
    """Each line is one more piece of evidence of the tie (looked through one by one, it was
    quadratic: 7 s for `intro` on a note of 16,000 such lines)."""
    import datetime as dt
    import time

    from notekit.rules.network import ties
    from notekit.store.facade import Store

    def seconds(lines: int) -> float:
        vault = make_vault(
            {
                "People/Ana.md": "---\nrole: Pilot\n---\n## Log\n"
                + "".join(f"- 2026-01-01 call: item {n} with [[Ben]]\n" for n in range(lines)),
                "People/Ben.md": "---\nrole: Cook\n---\n",
            }
        )
        summary = Store(vault).summary()
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            graph = ties(summary, dt.date(2026, 11, 23))
            best = min(best, time.process_time() - started)
        assert len(graph["People/Ana.md"]["People/Ben.md"].evidence) == lines
        return best

    assert min(seconds(8000) / seconds(1000) for _ in range(2)) < 20  # 8 linear, 64 quadratic
