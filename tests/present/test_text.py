"""What `due`, `stats`, `show`, `people` and `intro` print, as values (notekit.present.text),
on vaults held in memory: the words and their order without a terminal."""

from __future__ import annotations

import datetime as dt

from notekit.present.text import LATE, TODAY, Table, due_text, intro_text
from notekit.rules.due import due_report
from notekit.rules.network import introducers
from notekit.store.memory import index_from_texts

MONDAY = dt.date(2026, 11, 23)


def test_due_rows_are_marked_late_or_today_and_sections_come_in_order() -> None:
    vault = index_from_texts(
        {
            "People/Ana.md": "---\ncadence: 1m\n---\n- 2026-10-01 call: old news\n",
            "People/Ben.md": "---\ncadence: 1m\n---\n- 2026-10-23 call: a month ago\n",
            "People/Cy.md": "---\ncadence: 1m\n---\n- 2026-11-01 email to: hello\n"
            "- [ ] send Cy the deck 📅 2026-11-25\n",
        }
    )
    blocks = due_text(due_report(vault, MONDAY, 7), 7)
    tables = [b for b in blocks if isinstance(b, Table)]
    due = tables[0]
    assert [row[0] for row in due.rows] == ["Ana", "Ben"]
    assert due.marks == [LATE, TODAY]
    promises = blocks[blocks.index("\nPromises:") + 1]  # after the due table, under its title
    assert isinstance(promises, Table) and blocks.index(due) < blocks.index(promises)
    assert promises.rows[0][:4] == ["Cy", "2026-11-25", "due in 2 days", "send Cy the deck"]


def test_a_quiet_week_says_so_and_nothing_else() -> None:
    vault = index_from_texts({"People/Ana.md": "---\ncadence: 1y\n---\n- 2026-11-01 call: x\n"})
    assert due_text(due_report(vault, MONDAY, 7), 7) == [
        "Nobody is due by 2026-11-30. Enjoy the quiet week."
    ]


def test_show_puts_the_name_first_then_the_facts_it_has_and_the_promises() -> None:
    from notekit.present.text import Title, show_text
    from notekit.rules.due import follow_up
    from notekit.rules.engagement import reciprocity

    vault = index_from_texts(
        {
            "People/Ana.md": "---\ncompany: Globex\ncadence: 1m\n---\n## Notes\nLoves sourdough.\n"
            "## Log\n- 2026-11-01 call: the move\n- [ ] send the deck 📅 2026-11-25\n",
        }
    )
    ana = vault.people[0]
    follow = follow_up(ana, vault, MONDAY)
    blocks = show_text(
        ana,
        follow,
        None,
        [],
        reciprocity(ana, vault, MONDAY),
        [],
        vault.interactions_of(ana),
        vault.tasks_of(ana),
    )
    assert blocks[0] == Title("Ana", "  (People/Ana.md)")
    assert "  Globex" in blocks and "  Tags: " not in "".join(map(str, blocks))
    assert blocks[-2:] == ["\nOpen promises:", "  2026-11-25  send the deck  (People/Ana.md:9)"]


def test_people_without_anyone_says_what_makes_a_person() -> None:
    from notekit.present.text import people_text

    assert "type: person" in str(people_text([], None, {})[0])


def test_intro_names_each_way_in_with_its_freshness_and_evidence() -> None:
    vault = index_from_texts(
        {
            "People/Ana.md": "---\nknows: [Cy]\n---\n- 2026-11-01 call: catch-up\n",
            "People/Ben.md": "---\nknows: [Cy]\n---\n",
            "People/Cy.md": "---\ncompany: Globex\n---\n",
        }
    )
    target = vault.person_at("People/Cy.md")
    assert target is not None
    lines = [str(block) for block in intro_text(introducers(vault, target, MONDAY), "Cy")]
    assert lines[0].startswith("Ana → Cy  (score ") and lines[0].endswith(
        ", last contact 2026-11-01)"
    )
    assert lines[1] == "    Ana knows Cy (People/Ana.md)"
    assert lines[2].startswith("Ben → Cy") and lines[2].endswith(", never contacted)")
    assert intro_text([], "Cy") == [
        "No path to Cy: nobody in your notes is tied to them (add `knows:` or "
        "`introduced_by:`, or note a meeting together)."
    ]
