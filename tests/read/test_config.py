"""notekit.toml: defaults, every section, and clear errors for unknown keys."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import MakeVault, Run


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ("colour = true", "'colour'"),
        ("[people]\nfolder = ['X']", "'folder' in [people]"),
        ("[report]\ntheme = 'dark'", "'theme' in [report]"),
        ("[fields]\nnickname = ['nick']", "[fields]: unknown field 'nickname'"),
        ("[cadence]\ndefault = '1m'", "'default' in [cadence]"),
        ("default_cadence = 'often'", "default_cadence: not a cadence"),
        ("ignore = 'Archive'", "ignore: must be a list"),
        ("channels = ['two words']", "channels: 'two words' is not one word"),
        ("[engagement]\nreply_days = 0", "[engagement] reply_days: must be a whole number, 1"),
        ("[engagement]\nnudge = 'yes'", "[engagement] nudge: must be true or false"),
        ("[plan]\nweek_starts = 'someday'", "[plan] week_starts: 'someday': one of monday"),
        ("[goals]\ncoffees = 3", "[goals]: unknown key 'coffees'"),
        ("[cadence.tags]\nmentor = 'often'", "[cadence] tags: mentor: not a cadence"),
        ("[me]\ntimezone = 'Mars/Olympus'", "[me] timezone: 'Mars/Olympus': no such time zone"),
        ("[orgs]\nInitech = 'INTC'", "[orgs]: must be a list of strings"),
        ("plan = 3", "[plan] must be a table"),
        ("title = ", "notekit.toml"),
        ("[people]\nfolders = ['../x']", "inside the vault"),
        ("[people]\nfolders = ['/tmp/x']", "inside the vault"),
        ("[people]\ntemplate = '../../t.md'", "inside the vault"),
        ("[report]\nnotes_folder = '/etc'", "inside the vault"),
        ("[report]\nnotes_folder = 'a/../../b'", "inside the vault"),
        ("[report]\nnotes_folder = '~/x'", "inside the vault"),
        ("[report]\nnotes_folder = ''", "inside the vault"),
        ("[report]\nnotes_folder = '..\\\\outside'", "inside the vault"),  # `..\outside`
        ("[report]\nnotes_folder = 'C:/Reviews'", "inside the vault"),
        ("[plan]\nsize = 0", "[plan] size: must be a whole number, 1 or more"),
        ("[plan]\nsize = true", "[plan] size: must be a whole number"),
        ("[me]\nhistory = 'Initech (2014-2017)'", "[me] history: must be a list"),
    ],
)
def test_bad_config_is_a_clear_error_naming_file_and_key(
    run: Run, make_vault: MakeVault, toml, named
) -> None:
    vault = make_vault({"notekit.toml": toml, "People/Pat.md": ""})
    result = run("people", vault=vault)
    assert result.exit_code == 2
    assert result.stderr.startswith("notekit: error: ")
    assert "notekit.toml" in result.stderr and named in result.stderr


def test_ignore_globs(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "notekit.toml": 'ignore = ["Archive", "**/old-*.md"]',
            "People/Pat.md": "",
            "People/old-Sam.md": "",
            "Archive/People/Kim.md": "",
        }
    )
    assert [p["name"] for p in run("people", "--json", vault=vault).json()] == ["Pat"]
    (vault / "notekit.toml").write_text('ignore = ["Archive/"]')  # a folder, as .gitignore says it
    assert [p["name"] for p in run("people", "--json", vault=vault).json()] == ["old-Sam", "Pat"]


def test_daily_notes_settings_from_the_config(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "notekit.toml": '[daily_notes]\nfolder = "Log"\nformat = "YYYY/MMMM D"\n',
            "People/Pat.md": "---\ncadence: 1y\n---\n",
            "Log/2026/October 5.md": "met [[Pat]]",
        }
    )
    assert run("people", "--json", vault=vault).json()[0]["last_contact"] == "2026-10-05"


def test_the_configs_daily_notes_beat_obsidians_settings(run: Run, make_vault: MakeVault) -> None:
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


FORMAT = Path(__file__).resolve().parents[2] / "docs/format.md"
BEGIN, END = "<!-- config:begin -->", "<!-- config:end -->"


def _shown(default: object) -> str:
    """A default as the reference table shows it."""
    if default is None or default in ((), {}):
        return "—"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    if isinstance(default, frozenset):
        return "the built-in channels"
    if isinstance(default, tuple):
        return "`[" + ", ".join(f'"{item}"' for item in default) + "]`"
    return f'`"{default}"`' if isinstance(default, str) else f"`{default}`"


def config_reference() -> str:
    """The table of every key, from the one place each is declared."""
    import dataclasses

    from notekit.read.config import WHOLE, settings

    rows = ["| key | default | what it does |", "|---|---|---|"]
    for item in settings():
        section, key = item.metadata["section"], item.metadata["key"]
        default = item.default
        if default is dataclasses.MISSING and item.default_factory is not dataclasses.MISSING:
            default = item.default_factory()
        name = (
            f"`[{section}]`" if key == WHOLE else f"`[{section}] {key}`" if section else f"`{key}`"
        )
        rows.append(f"| {name} | {_shown(default)} | {item.metadata['doc']} |")
    return "\n".join(rows)


def test_the_reference_table_is_the_declared_keys() -> None:
    """docs/format.md lists every key as read/config.py declares it (`make golden` rewrites
    the table after a change)."""
    text = FORMAT.read_text("utf-8")
    table = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert table == config_reference()


def test_every_key_the_docs_show_is_declared_and_every_declared_key_shown() -> None:
    import tomllib

    from notekit.read.config import WHOLE, settings

    shown: dict[str, Any] = {}  # the examples' top-level keys and sections, merged
    for block in re.findall(r"```toml\n(.*?)```", FORMAT.read_text("utf-8"), re.DOTALL):
        for section, value in tomllib.loads(block).items():
            if isinstance(value, dict):
                shown.setdefault(section, {}).update(value)
            else:
                shown[section] = value
    declared = {(i.metadata["section"], i.metadata["key"]) for i in settings()}
    for section, key in declared:
        if not section:
            assert key in shown, key
        elif key == WHOLE:
            assert section in shown, section
        else:
            assert key in shown.get(section, {}), f"[{section}] {key}"
    for name, value in shown.items():
        if isinstance(value, dict) and not any(s == name and k == WHOLE for s, k in declared):
            for key in value:
                assert (name, key) in declared, f"[{name}] {key}"
        elif not isinstance(value, dict):
            assert ("", name) in declared, name


def test_values_are_read_as_the_notes_are_compared(tmp_path: Path) -> None:
    """A tag of `[cadence.tags]` may keep its `#`; my addresses are compared in lower case; an
    empty title is the default one; the config knows its file and a digest of its text."""
    from notekit.read.config import load_config
    from notekit.read.fields import KNOWN_FIELDS

    (tmp_path / "notekit.toml").write_text(
        '[cadence.tags]\n"#Mentor" = "1m"\n[me]\nemails = [" Sam@Example.com "]\n'
        '[report]\ntitle = ""\n'
    )
    config = load_config(tmp_path, KNOWN_FIELDS)
    assert [(tag, str(cadence)) for tag, cadence in config.cadence_tags] == [("mentor", "1m")]
    assert config.me_emails == ("sam@example.com",)
    assert config.report_title == "notekit"
    assert config.path == tmp_path / "notekit.toml"
    (tmp_path / "notekit.toml").write_text('[report]\ntitle = "Mine"\n')
    other = load_config(tmp_path, KNOWN_FIELDS)  # what the kept state is keyed on changes
    assert len(config.fingerprint) == 64 and other.fingerprint not in ("", config.fingerprint)
