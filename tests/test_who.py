"""`who TOPIC`: people a topic belongs with, typo-tolerant, with the matching text."""

from __future__ import annotations

from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "vault-example"


def test_who_finds_fields_and_note_lines_with_a_typo(run, make_vault) -> None:
    found = run("who", "sourdogh", "--json", vault=EXAMPLE).json()  # a typo
    assert (found[0]["name"], found[0]["field"], found[0]["text"]) == (
        "Ana Costa",
        "interest",
        "sourdough",
    )
    vault = make_vault(
        {
            "People/Bea.md": "---\ninterests: [Fintech]\n---\n",
            "People/Cy.md": "---\nrole: Engineer\n---\n## Notes\n- moved to a fintech startup\n",
            "People/Dee.md": "---\nrole: Designer\n---\n",
        }
    )
    found = run("who", "fíntech", "--json", vault=vault).json()  # accents do not count
    assert [(f["name"], f["field"], f["line"]) for f in found] == [
        ("Bea", "interest", None),
        ("Cy", "note", 5),
    ]
    assert "Nobody's note mentions 'knitting'" in run("who", "knitting", vault=vault).stdout
