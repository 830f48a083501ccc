"""`notekit report`: a static index.html with this week's due list and everyone, offline."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import FIXTURES


def test_report_writes_index_with_due_people_and_prints_its_path(run, make_vault, tmp_path):
    vault = make_vault(
        {
            "People/Pat.md": "---\ncadence: 1m\nlast_contact: 2026-10-01\n---\n",
            "People/Sam.md": "---\ncadence: 1y\nlast_contact: 2026-10-01\n---\n",
        }
    )
    out = tmp_path / "site"
    result = run("report", "-o", str(out), vault=vault)
    assert result.exit_code == 0, result.stderr
    index = Path(result.stdout.strip())
    assert index == (out / "index.html").resolve()
    html = index.read_text("utf-8")
    due_section = html[html.index('id="due"') : html.index('id="recent"')]
    assert "Pat" in due_section and "Sam" not in due_section
    assert "cadence 1m, last contact 2026-10-01, 22 days overdue" in due_section
    people_section = html[html.index('id="people"') :]
    assert "Pat" in people_section and "Sam" in people_section


def test_report_needs_no_network_and_escapes_note_text(run, make_vault, tmp_path) -> None:
    vault = make_vault(
        {
            "People/x.md": """
                ---
                name: <script>alert(1)</script>
                company: <img src=x onerror=alert(1)>
                context: "[x](javascript:alert(1))"
                cadence: 1d
                ---
                - 2026-11-22 call: <b onmouseover=alert(1)>hi</b>
            """,
        }
    )
    result = run("report", "-o", str(tmp_path / "site"), vault=vault)
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert result.exit_code == 0


def test_same_input_same_bytes(run, tmp_path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    run("report", "-o", str(first), vault=FIXTURES / "interactions")
    run("report", "-o", str(second), vault=FIXTURES / "interactions")
    for name in ("index.html", "style.css"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
