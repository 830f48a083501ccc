"""notekit.toml: defaults, every section, and clear errors for unknown keys."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ("colour = true", "'colour'"),
        ("[people]\nfolder = ['X']", "'folder' in [people]"),
        ("[report]\ntheme = 'dark'", "'theme' in [report]"),
        ("[fields]\nnickname = ['nick']", "unknown field 'nickname'"),
        ("[cadence]\ndefault = '1m'", "'default' in [cadence]"),
        ("default_cadence = 'often'", "default_cadence: not a cadence"),
        ("ignore = 'Archive'", "'ignore' must be a list"),
        ("title = ", "notekit.toml"),
        ("[people]\nfolders = ['../x']", "inside the vault"),
        ("[people]\nfolders = ['/tmp/x']", "inside the vault"),
        ("[people]\ntemplate = '../../t.md'", "inside the vault"),
        ("[report]\nnotes_folder = '/etc'", "inside the vault"),
        ("[report]\nnotes_folder = 'a/../../b'", "inside the vault"),
        ("[report]\nnotes_folder = '~/x'", "inside the vault"),
    ],
)
def test_bad_config_is_a_clear_error_naming_file_and_key(run, make_vault, toml, named) -> None:
    vault = make_vault({"notekit.toml": toml, "People/Pat.md": ""})
    result = run("people", vault=vault)
    assert result.exit_code == 2
    assert result.stderr.startswith("notekit: error: ")
    assert "notekit.toml" in result.stderr and named in result.stderr


def test_ignore_globs(run, make_vault) -> None:
    vault = make_vault(
        {
            "notekit.toml": 'ignore = ["Archive", "**/old-*.md"]',
            "People/Pat.md": "",
            "People/old-Sam.md": "",
            "Archive/People/Kim.md": "",
        }
    )
    assert [p["name"] for p in run("people", "--json", vault=vault).json()] == ["Pat"]


def test_daily_notes_settings_from_the_config(run, make_vault) -> None:
    vault = make_vault(
        {
            "notekit.toml": '[daily_notes]\nfolder = "Log"\nformat = "YYYY/MMMM D"\n',
            "People/Pat.md": "---\ncadence: 1y\n---\n",
            "Log/2026/October 5.md": "met [[Pat]]",
        }
    )
    assert run("people", "--json", vault=vault).json()[0]["last_contact"] == "2026-10-05"


def test_the_configs_daily_notes_beat_obsidians_settings(run, make_vault) -> None:
    vault = make_vault(
        {
            "notekit.toml": '[daily_notes]\nfolder = "Log"\nformat = "YYYY/MMMM D"\n',
            ".obsidian/daily-notes.json": '{"folder": "Journal", "format": "DD.MM.YYYY"}',
            "People/Pat.md": "---\ncadence: 1y\n---\n",
            "Log/2026/October 5.md": "met [[Pat]]",
            "Journal/06.10.2026.md": "met [[Pat]] again",  # Obsidian's: not a daily note here
        }
    )
    assert run("people", "--json", vault=vault).json()[0]["last_contact"] == "2026-10-05"
    (vault / "notekit.toml").write_text("")
    assert run("people", "--json", vault=vault).json()[0]["last_contact"] == "2026-10-06"
