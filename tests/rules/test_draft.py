"""`draft NAME`: a message built only from the person's note and `[me]`, for each channel."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, MakeVault, Run

VAULT = FIXTURES / "drafts"
PACKAGE = Path(__file__).resolve().parents[2] / "notekit"


def _phrases(path: Path) -> list[str]:
    """The texts a module writes: its string constants, docstrings and comments aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


# the words notekit writes itself: its draft templates and the phrases of rules/draft.py
TEMPLATE_WORDS = {
    word
    for text in [
        *(p.read_text(encoding="utf-8") for p in (PACKAGE / "site/templates/draft").glob("*.md")),
        *_phrases(PACKAGE / "rules/draft.py"),
    ]
    for word in re.findall(r"[\w']+", text)
}
OPEN = ("What ", "How ", "Which ", "Where ", "Who ", "Why ")


def invented(text: str, note: str, vault: Path = VAULT) -> list[str]:
    """Capitalised words and numbers of a draft that are neither words notekit writes nor in
    the person's own note (`note`, vault-relative) or notekit.toml (`[me]`)."""
    source = (vault / note).read_text(encoding="utf-8") + (vault / "notekit.toml").read_text(
        encoding="utf-8"
    )
    words = re.findall(r"\b(?:[A-ZÀ-Ý][\w']*|\d[\d.:]*)", text)
    return [w for w in words if w not in TEMPLATE_WORDS and w.rstrip(".:") not in source]


def questions(text: str) -> list[str]:
    return [q.strip() + "?" for q in re.findall(r"(?:^|[.!?]\s+)([^.!?]*)\?", text)]


@pytest.mark.parametrize("channel", ["email", "linkedin", "message"])
def test_each_channel_names_the_memory_the_role_and_asks_open_questions(run: Run, channel) -> None:
    result = run("draft", "Ana Costa", "--channel", channel, "--json", vault=VAULT)
    assert result.exit_code == 0, result.stderr
    draft = result.json()
    body = draft["body"]
    assert "the 2016 Black Friday outage" in body
    assert draft["memory_from"] == "People/Ana Costa.md:15"
    assert "Staff Engineer" in body or "Globex" in body
    asked = questions(body)
    assert asked and all(q.startswith(OPEN) for q in asked), asked
    assert invented((draft["subject"] or "") + "\n" + body, "People/Ana Costa.md") == []
    assert "I'll pass along anything good I read on bouldering." in body  # reciprocity
    if channel == "email":
        assert draft["subject"].startswith("Thinking of the 2016 Black Friday outage")
        assert body.startswith("Hi Ana,\n\n") and body.rstrip().endswith("Best,\nSam")
        assert "the Kestrel payments rewrite" in body  # a project before the role
        assert "hiring works there" in body  # her goal, referral
    else:
        assert draft["subject"] is None
        assert len(body) < 420, len(body)  # short channels stay short
        assert "\n\n" not in body.strip() or channel == "linkedin"


def test_default_channel_news_and_a_memory_told_in_the_third_person(run: Run) -> None:
    result = run("draft", "tomas", vault=VAULT)  # whatsapp: a message
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("Hey Tomás! Just thinking about how you showed me the Porto lab's")
    assert "Congrats on the new role, Lead Engineer at Atlantic Robotics!" in text
    assert "How is the new role treating you, and what are you most focused on?" in text
    assert invented(text, "People/Tomás Peres.md") == []
    email = run("draft", "tomas", "--channel", "email", vault=VAULT).stdout
    assert "What has been keeping you busy with surfing lately?" in email  # not robotics again
    assert "I'll pass along anything good I read on robotics." in email
    assert invented(email, "People/Tomás Peres.md") == []


def test_without_a_memory_the_last_conversation_is_named_and_missing_facts_are_said(
    run: Run,
) -> None:
    result = run("draft", "Lee Wong", vault=VAULT)  # LinkedIn: the only address
    assert result.exit_code == 0
    assert result.stdout.startswith("Hi Lee, it's been a while since our call back in 2021!")
    assert (
        "What are you most focused on in your role as Product Designer these days?" in result.stdout
    )
    assert "add to People/Lee Wong.md: a shared memory" in result.stderr
    assert "their interests" in result.stderr
    assert invented(result.stdout, "People/Lee Wong.md") == []


def test_the_invention_check_knows_another_persons_facts_from_this_ones() -> None:
    """Facts of someone else's note, or words no template holds, are inventions."""
    told = "Congrats on Globex, Staff Engineer since 2016! Ana says hi from Initech."
    assert set(invented(told, "People/Tomás Peres.md")) >= {"Globex", "Staff", "2016", "Ana"}
    assert invented("Lovely to Meet you in Zanzibar.", "People/Ana Costa.md") == [
        "Lovely",
        "Meet",
        "Zanzibar",
    ]


def test_too_little_to_write_says_what_to_add_and_invents_nothing(run: Run) -> None:
    result = run("draft", "Jo Park", vault=VAULT)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "too little in People/Jo Park.md" in result.stderr
    for fact in ("a shared memory", "their interests", "their current role"):
        assert fact in result.stderr


def test_a_template_in_the_vault_wins_and_its_errors_name_file_and_line(
    run: Run, tmp_path: Path
) -> None:
    import shutil

    vault = tmp_path / "v"
    shutil.copytree(VAULT, vault)
    own = vault / "Templates/notekit"
    own.mkdir(parents=True)
    (own / "message.md").write_text("Yo {{ first_name }} — {{ questions[0] }}\n", encoding="utf-8")
    result = run("draft", "ana", "--channel", "message", "--json", vault=vault)
    assert (
        result.json()["body"]
        == "Yo Ana — How is the Kestrel payments rewrite coming along, and what has surprised "
        "you so far?\n"
    )
    assert result.json()["template"] == "Templates/notekit/message.md"
    (own / "message.md").write_text("Hi\n{% if %}\n", encoding="utf-8")
    broken = run("draft", "ana", "--channel", "message", vault=vault)
    assert broken.exit_code == 2
    assert "Templates/notekit/message.md:2:" in broken.stderr
    (own / "message.md").write_text("{{ offer.__class__.__mro__ }}\n", encoding="utf-8")
    sandboxed = run("draft", "ana", "--channel", "message", vault=vault)
    assert sandboxed.exit_code == 2 and "unsafe" in sandboxed.stderr
    (own / "message.md").write_text("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}\n")
    endless = run("draft", "ana", "--channel", "message", vault=vault)
    assert endless.exit_code == 2 and "calls itself without end" in endless.stderr
    (own / "message.md").write_bytes(b"Hi \xff\xfe\n")
    binary = run("draft", "ana", "--channel", "message", vault=vault)
    assert binary.exit_code == 2 and "not UTF-8" in binary.stderr
    (own / "message.md").unlink()
    (own / "message.md").symlink_to(tmp_path / "elsewhere.md")
    (tmp_path / "elsewhere.md").write_text("{{ name }}\n", encoding="utf-8")
    outside = run("draft", "ana", "--channel", "message", vault=vault)
    assert outside.exit_code == 2 and "leads out of the vault" in outside.stderr
    other = tmp_path / "other"  # a vault of its own: templates are kept per folder
    shutil.copytree(VAULT, other)
    (other / "Templates/notekit").mkdir(parents=True)
    (other / "Templates/notekit/_phrases.md").write_text("{% if %}\n", encoding="utf-8")
    phrases = run("draft", "ana", "--channel", "message", vault=other)
    assert phrases.exit_code == 2 and phrases.stderr.startswith(
        "notekit: error: Templates/notekit/_phrases.md:1: "
    )


def test_a_draft_never_writes(run: Run, tmp_path: Path) -> None:
    import shutil

    vault = tmp_path / "v"
    shutil.copytree(VAULT, vault)
    before = {p: p.read_bytes() for p in vault.rglob("*.md")}
    for name in ("ana", "tomas", "lee", "jo"):
        run("draft", name, vault=vault)
    assert {p: p.read_bytes() for p in vault.rglob("*.md")} == before


def test_note_text_is_data_to_the_template_never_code(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Eve.md": "---\nrole: \"{{ 7*7 }}\"\ninterests: ['{% raw %}x']\n---\n"
            "## Memories\n- The {{ config }} night\x1b[2J at the \u202eoffice\n",
        }
    )
    result = run("draft", "Eve", "--channel", "message", "--json", vault=vault)
    assert result.exit_code == 0, result.stderr
    body = result.json()["body"]
    assert "the {{ config }} night" in body and "as {{ 7*7 }} these days" in body
    assert "49" not in body
    shown = run("draft", "Eve", "--channel", "message", vault=vault).stdout
    assert "\x1b" not in shown and "\u202e" not in shown  # controls made visible on a terminal


def test_a_memory_built_to_make_a_pattern_backtrack_is_read_at_once(
    make_vault: MakeVault, run: Run
) -> None:
    memory = "The night" + " \t" * 50_000 + "we met" + "-" * 50_000
    vault = make_vault({"People/Max.md": f"---\nrole: Pilot\n---\n## Memories\n- {memory}\n"})
    result = run("draft", "Max", "--channel", "message", vault=vault)
    assert result.exit_code == 0
    assert result.stdout.startswith("Hey Max! Just thinking about the night we met")


def test_a_memory_too_long_for_a_message_is_named_with_its_line(
    make_vault: MakeVault, run: Run
) -> None:
    """notekit's own template never writes a message that long: the note's text does, and the
    message says which line, not that the template is at fault."""
    memory = "The night we met" + ", and then" * 12_000
    vault = make_vault({"People/Max.md": f"---\nrole: Pilot\n---\n## Memories\n- {memory}\n"})
    result = run("draft", "Max", "--channel", "message", vault=vault)
    assert result.exit_code == 2
    assert result.stderr == (
        f"notekit: error: People/Max.md:5: {len(memory):,} characters, too long for a message "
        "(a draft holds at most 100,000); no draft\n"
    )


def test_a_draft_greets_them_by_their_given_name_not_their_title(
    make_vault: MakeVault, run: Run
) -> None:
    vault = make_vault(
        {
            "People/Helen.md": "---\nname: Dr. Helen Brooks\nrole: Professor\n---\n"
            "## Memories\n- Dr. Brooks read every page of my thesis\n",
            "People/Bean.md": "---\nname: Mr Bean\nrole: Pilot\n---\n",
        }
    )
    helen = run("draft", "Helen Brooks", "--channel", "message", vault=vault).stdout
    assert helen.startswith("Hey Helen! ") and "Dr.!" not in helen
    bean = run("draft", "Mr Bean", "--channel", "email", vault=vault).stdout
    assert "Hi Mr Bean," in bean  # no given name to use: the name as written


HOSTILE_TEMPLATES = {
    "nested loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "it runs",  # more than 2,000,000 steps, or longer than 2 s, whichever comes first
    ),
    "loops over a long text": (
        "{% set s = 'x' * 50000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        "it runs",
    ),
    "a huge text": ("{{ 'x' * 10**10 }}", "longer than 100,000"),
    "a huge number": ("{{ 7 ** 100000000 }}", "bits"),
    "a huge field width": ("{{ '%999999999d' % 1 }}", "field width"),
    "a huge padding": ("{{ 'x'.center(4000000000) }}", "memory"),
    "endless output": ("{% for i in range(100000) %}{{ 'y' * 99999 }}{% endfor %}", "writes more"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_TEMPLATES))
def test_a_template_cannot_hang_or_exhaust_draft_or_report(name: str, tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    vault = tmp_path / "v"
    shutil.copytree(VAULT, vault)
    (vault / "Templates/notekit").mkdir(parents=True)
    template, says = HOSTILE_TEMPLATES[name]
    for channel in ("email", "linkedin", "message"):
        (vault / f"Templates/notekit/{channel}.md").write_text(template + "\n")
    command = [sys.executable, "-m", "notekit", "--vault", str(vault), "--today", "2026-11-23"]
    env = {**os.environ, "NOTEKIT_CACHE_DIR": str(tmp_path / "cache")}
    draft = subprocess.run(
        [*command, "draft", "ana"], capture_output=True, text=True, timeout=60, env=env
    )
    assert draft.returncode == 2, draft.stdout[:200]
    assert "Templates/notekit/" in draft.stderr and says in draft.stderr, draft.stderr
    assert "Traceback" not in draft.stderr
    if name not in ("nested loops", "endless output"):
        return  # the report renders drafts through the same function: two kinds suffice
    report = subprocess.run(
        [*command, "report", "-o", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "site/index.html").is_file() and "Traceback" not in report.stderr


def test_the_last_conversation_named_comes_from_the_persons_own_note(
    run: Run, make_vault: MakeVault
) -> None:
    """An earlier mention in a daily note is the vault's, not their note's; a call is named as
    the last conversation, never told as a memory."""
    vault = make_vault(
        {
            "notekit.toml": '[me]\nname = "Sam"\n',
            "People/Lee Wong.md": "---\nlinkedin: https://www.linkedin.com/in/lee\n"
            "role: Designer\n---\n## Log\n- 2021-03-01 call: portfolio\n",
            "Daily/2019-05-01.md": "- lunch with [[Lee Wong]] at the conference\n",
        }
    )
    draft = run("draft", "Lee Wong", "--json", vault=vault).json()
    assert "our call back in 2021" in draft["body"] and "2019" not in draft["body"]
    assert draft["memory_from"] is None
    assert draft["reason"] == {
        "kind": "reconnect",
        "date": "2021-03-01",
        "text": "portfolio",
        "source": "People/Lee Wong.md:6",
    }


FRENCH = {
    "notekit.toml": '[me]\nname = "Camille"\nlanguage = "fr"\n',
    "People/Léa Martin.md": """\
        ---
        company: Doctolib
        role: Product Manager
        email: lea@example.fr
        interests: [escalade, vélo]
        ---

        ## Souvenirs
        - Elle m'a appris à grimper au mur de Pantin, tous les jeudis soir.

        ## Log
        - 2026-10-20 coffee: au Bastringue
        - [ ] envoyer mon CV à Léa 📅 2026-11-30
        """,
    "People/Hugo Bernard.md": """\
        ---
        company: Alan
        email: hugo@example.fr
        ---

        ## Souvenirs
        - Le hackathon de Lyon où il a codé toute la nuit
        ## Log
        - 2025-03-02 email to: bonne année
        """,
    "People/Ana Lima.md": """\
        ---
        email: ana@example.com
        language: English
        ---
        ## Memories
        - She taught me to climb.
        """,
}


def _drafted(run: Run, vault: Path, name: str, today: str = "2026-11-23") -> dict:
    """`draft NAME --json` (on 2026-11-23), as a user runs it."""
    result = run("draft", name, "--json", vault=vault, today=today)
    assert result.exit_code == 0, result.stderr
    return result.json()


def _said(result) -> dict[str, list[str]]:
    assert result.exit_code == 0, result.stderr
    return {s["text"]: s["from"] for s in result.json()["sentences"]}


def test_french_drafts_from_french_templates_with_their_sources(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(FRENCH)
    lea = _said(run("draft", "Léa", "--json", vault=vault, today="2026-12-02"))
    assert lea["Comme promis"] == []  # the subject: the template's own words
    assert lea["Comme promis, voici mon CV."] == ["People/Léa Martin.md:13"]
    assert lea["Sur quoi te concentres-tu en ce moment en tant que Product Manager ?"] == [
        "People/Léa Martin.md:3"
    ]
    assert lea["Camille"] == ["notekit.toml"]
    hugo = _said(run("draft", "Hugo", "--json", vault=vault, today="2026-12-02"))
    memory = (
        "Un souvenir m'est revenu l'autre jour : le hackathon de Lyon où tu as codé toute la nuit."
    )
    assert hugo[memory] == ["People/Hugo Bernard.md:7"]  # told to him: `il a` -> `tu as`
    assert "Sur quoi travailles-tu chez Alan en ce moment ?" in hugo
    short = run("draft", "Hugo", "--channel", "message", vault=vault, today="2026-12-02").stdout
    assert short.startswith("Salut Hugo ! Je repensais à ce souvenir : le hackathon")


def test_a_note_language_wins_over_me_and_an_unknown_one_is_english(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(FRENCH)
    ana = run("draft", "Ana Lima", "--json", vault=vault, today="2026-12-02").json()
    assert ana["template"] == "notekit's own email.md"
    assert "about how you taught me to climb" in ana["body"]
    (vault / "People/Ana Lima.md").write_text(
        "---\nemail: ana@example.com\nlanguage: de-AT\n---\n"
        "## Memories\n- She taught me to climb.\n",
        encoding="utf-8",
    )
    german = run("draft", "Ana Lima", "--json", vault=vault, today="2026-12-02").json()
    assert german["template"] == "notekit's own email.md"  # no German templates: English
    assert "about how you taught me to climb" in german["body"]  # and told in English
    said = run("draft", "Ana Lima", vault=vault, today="2026-12-02")
    assert "notekit: no draft templates in 'de', so this one is in English" in said.stderr
    assert "no draft templates" not in run("draft", "Ana Lima", vault=make_vault(FRENCH)).stderr


def test_a_draft_to_someone_out_of_follow_ups_says_so(run: Run, make_vault: MakeVault) -> None:
    """Paused: a draft, and a word that the note takes them out of follow-ups. Deceased, or do
    not contact: no draft at all."""
    memory = "## Memories\n- Paris.\n"
    vault = make_vault(
        {
            "People/Ana.md": f"---\nemail: a@x.org\nstatus: Paused\n---\n{memory}",
            "People/Bo.md": f"---\nemail: b@x.org\nstatus: Deceased\n---\n{memory}",
            "People/Cy.md": f"---\nemail: c@x.org\nstatus: do not contact\n---\n{memory}",
        }
    )
    said = run("draft", "Ana", vault=vault)
    assert said.exit_code == 0, said.stderr
    assert "People/Ana.md takes them out of follow-ups (status: Paused)" in said.stderr
    for name, status in (("Bo", "Deceased"), ("Cy", "do not contact")):
        refused = run("draft", name, vault=vault)
        assert (refused.exit_code, refused.stdout) == (2, "")
        assert f"says not to write to {name} (status: {status}): no draft" in refused.stderr


def test_a_language_of_the_vaults_own_needs_its_phrases(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Jonas.md": "---\nlanguage: Deutsch\nlinkedin: https://x.example/j\n"
            "role: Koch\n---\n",
            "Templates/notekit/deutsch/linkedin.md": "Hallo {{ first_name }}! {{ questions[0] }}\n",
        }
    )
    missing = run("draft", "Jonas", vault=vault)
    assert missing.exit_code == 2
    assert "deutsch/_phrases.md" in missing.stderr
    (vault / "Templates/notekit/deutsch/_phrases.md").write_text(
        "{% macro question(kind, topic) %}Wie läuft es als {{ topic }}?{% endmacro %}\n"
        "{% macro their_message(day, today) %}{% endmacro %}\n"
        "{% macro last_talk(kind, day, today) %}{% endmacro %}\n"
        "{% macro promise(thing, task) %}{% endmacro %}\n"
        "{% macro thanks_for(kind) %}{% endmacro %}\n",
        encoding="utf-8",
    )
    result = run("draft", "Jonas", "--json", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert result.json()["body"] == "Hallo Jonas! Wie läuft es als Koch?\n"
    assert result.json()["template"] == "Templates/notekit/deutsch/linkedin.md"
    assert _said(result)["Wie läuft es als Koch?"] == ["People/Jonas.md:4"]


def test_a_language_folder_that_leads_out_of_the_vault_is_not_read(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(FRENCH)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "email.md").write_text("{{ name }}\n", encoding="utf-8")
    own = vault / "Templates/notekit/fr"
    own.mkdir(parents=True)
    (own / "email.md").symlink_to(elsewhere / "email.md")
    result = run("draft", "Léa", vault=vault, today="2026-12-02")
    assert result.exit_code == 2
    assert "Templates/notekit/fr/email.md: leads out of the vault" in result.stderr


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (None, "en"),
        ("", "en"),
        ("fr", "fr"),
        ("fr-CA", "fr"),
        ("French", "fr"),
        ("Français", "fr"),
        ("English", "en"),
        ("de_AT", "de"),
        ("Deutsch", "deutsch"),
        ("../../etc", "en"),
        ("x", "en"),
    ],
)
def test_language_names_are_template_folders(value, code) -> None:
    from notekit.rules.draft import language_code

    assert language_code(value) == code


@pytest.mark.parametrize(
    ("memory", "told"),
    [
        ("Elle m'a appris à grimper au mur.", "tu m'as appris à grimper au mur"),
        ("La nuit où elle a présenté son exposé", "la nuit où tu as présenté ton exposé"),
        ("Il joue du piano", "tu joues du piano"),
        ("Il pleuvait quand on a fini le projet", "il pleuvait quand on a fini le projet"),
        ("Il y a eu ce jour à Lyon", "il y a eu ce jour à Lyon"),
        ("Quand il faisait froid à Lille", "quand il faisait froid à Lille"),
        ("Marseille, où il était venu en vélo", "Marseille, où tu étais venu en vélo"),
        ("Il part toujours le premier.", "tu pars toujours le premier"),
        ("Elle chante faux !", "tu chantes faux"),
        ("Il prend toujours le dernier train", "tu prends toujours le dernier train"),
        ("Elle ira au Japon", "tu iras au Japon"),
        ("Il choisit le vin", "tu choisis le vin"),
        ("À Lyon. Elle a chanté faux.", "À Lyon. Tu as chanté faux"),
    ],
)
def test_a_french_memory_is_told_to_them(memory, told) -> None:
    from notekit.rules.draft import tell

    assert tell(memory, "fr") == told


@pytest.mark.parametrize(
    ("memory", "told"),
    [
        ("She taught me to climb.", "how you taught me to climb"),
        ("I helped her move to Berlin.", "how I helped you move to Berlin"),
        ("We made her laugh at the offsite", "how we made you laugh at the offsite"),
        ("Her wedding in Porto.", "your wedding in Porto"),
        ("I went to her wedding in Porto", "how I went to your wedding in Porto"),
        (
            "Talked for hours about Dune at the offsite.",
            "how we talked for hours about Dune at the offsite",
        ),
        (
            "Gave me the 'write the doc first' advice",
            "how you gave me the 'write the doc first' advice",
        ),
        ("Pair-programmed the migration", "how we pair-programmed the migration"),
        ("Both got laid off the same day", "how we both got laid off the same day"),
        ("Was my mentor during the internship", "how you were my mentor during the internship"),
        ("Road trip to Sintra, 2017", "our road trip to Sintra, 2017"),
        ("Coffee every Friday", "our coffee every Friday"),
        ("Met", "Met"),  # a word alone: no sentence to make of it
        ("Metallica at Wembley", "Metallica at Wembley"),
    ],
)
def test_an_english_memory_is_told_to_them(memory: str, told: str) -> None:
    from notekit.rules.draft import tell

    assert tell(memory, "en") == told


def test_a_memory_an_html_comment_hides_is_not_told(run: Run, make_vault: MakeVault) -> None:
    """What a note hides in `<!-- -->` (Obsidian shows none of it) is no memory for a draft,
    nor is a `## Memories` heading inside it a heading."""
    vault = make_vault(
        {
            "People/Kim.md": "---\nemail: kim@example.com\nrole: Chef\n---\n"
            "## Memories\n<!--\n- The night the kitchen flooded\n## Memories\n- Hidden too\n-->\n"
            "- The Lisbon food tour\n",
        }
    )
    result = run("draft", "Kim", "--json", vault=vault)
    assert result.exit_code == 0, result.stderr
    draft = result.json()
    assert "the Lisbon food tour" in draft["body"] and draft["memory_from"] == "People/Kim.md:11"
    assert "flooded" not in draft["body"] and "Hidden" not in draft["body"]


@pytest.mark.parametrize(
    ("task", "opening"),
    [
        ("send Bo the slides", "As promised, I'm sending you the slides."),
        ("send her the `pytest` plugin", "As promised, I'm sending you the pytest plugin."),
        ("email him my notes <!-- or print them? -->", "As promised, I'm sending you my notes."),
        ("send them the photos", "As promised, I'm sending you the photos."),
        ("send the recording", "As promised, I'm sending you the recording."),
        ("call Bo back", "As promised, I wanted to call you back."),
        ("send Bo the slides.", "As promised, I'm sending you the slides."),
        ("send Bo the slides (due 2026-11-25)", "As promised, I'm sending you the slides."),
    ],
)
def test_a_promise_is_kept_in_the_words_of_the_task(
    task: str, opening: str, run: Run, make_vault: MakeVault
) -> None:
    """What is sent is what the task names, whoever it is sent to (their name or a pronoun);
    its code is kept and a comment in it is not said."""
    note = f"---\nemail: bo@example.com\n---\n- [ ] {task} 📅 2026-11-25\n"
    result = run("draft", "Bo", "--json", vault=make_vault({"People/Bo.md": note}))
    assert result.exit_code == 0, result.stderr
    draft = result.json()
    assert draft["reason"]["kind"] == "promise"
    assert [s["text"] for s in draft["sentences"]][2] == opening


def test_a_message_of_mine_without_an_answer_is_never_our_last_conversation(
    run: Run, make_vault: MakeVault
) -> None:
    """My latest message unanswered, and recent: a nudge that says it was mine. Old: a
    reconnect that names the last conversation we had. Still in its reply window: the follow-up
    of the conversation before it."""
    log = "---\nemail: {0}@example.com\ncadence: 3m\ninterests: [sailing]\n---\n## Log\n{1}"
    vault = make_vault(
        {
            "notekit.toml": '[me]\nname = "Sam"\n',
            "People/Ada Byrne.md": log.format(
                "ada", "- 2026-06-15 lunch: the move\n- 2026-11-02 linkedin to: a call?\n"
            ),
            "People/Bo Chen.md": log.format(
                "bo", "- 2025-03-10 coffee: the move\n- 2025-09-01 email to: a call?\n"
            ),
            "People/Cy Diaz.md": log.format(
                "cy", "- 2026-10-20 coffee: the move\n- 2026-11-20 email to: a call?\n"
            ),
        }
    )

    def draft(name: str) -> dict:
        result = run("draft", name, "--channel", "email", "--json", vault=vault, today="2026-11-23")
        assert result.exit_code == 0, result.stderr
        return result.json()

    ada, bo, cy = draft("Ada Byrne"), draft("Bo Chen"), draft("Cy Diaz")
    assert ada["reason"]["kind"] == "nudge" and ada["reason"]["source"] == "People/Ada Byrne.md:8"
    assert "I wanted to follow up on my message from November." in ada["body"]
    assert bo["reason"]["kind"] == "reconnect" and bo["reason"]["date"] == "2025-03-10"
    assert "since our coffee back in 2025" in bo["body"]
    assert cy["reason"]["kind"] == "follow-up" and cy["reason"]["date"] == "2026-10-20"
    assert "I've been thinking about our coffee in October." in cy["body"]
    for body in (ada["body"], bo["body"], cy["body"]):
        assert "exchange" not in body


def test_a_nudge_in_french(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "notekit.toml": '[me]\nname = "Camille"\nlanguage = "fr"\n',
            "People/Léa Martin.md": "---\nemail: lea@example.fr\n---\n## Log\n"
            "- 2026-11-02 email to: un appel ?\n",
        }
    )
    result = run("draft", "Léa Martin", "--json", vault=vault, today="2026-11-23")
    assert result.exit_code == 0, result.stderr
    draft = result.json()
    assert draft["subject"] == "Suite à mon message"
    assert "Je reviens vers toi au sujet de mon e-mail de novembre." in draft["body"]


def test_a_promise_due_within_a_week_and_the_latest_open_offer_are_reasons(
    run: Run, make_vault: MakeVault
) -> None:
    """Monday 11-23: Ada's promise is due on 11-30, a week ahead: the reason. Bo's is due a day
    later: not yet, so his latest open offer is (not the older one, nor the one given)."""
    head = "---\nemail: {}@example.com\ninterests: [sailing]\n---\n"
    vault = make_vault(
        {
            "People/Ada Byrne.md": head.format("ada") + "- [ ] send Ada the deck 📅 2026-11-30\n",
            "People/Bo Chen.md": head.format("bo")
            + "- [ ] send Bo the deck 📅 2026-12-01\n## Opportunities\n"
            "- 2026-10-15 referral (open): to his team lead\n"
            "- 2026-09-01 job (open): the data role\n"
            "- 2026-11-01 intro (given): to Sam\n",
        }
    )

    def reason(name: str) -> dict:
        result = run("draft", name, "--json", vault=vault, today="2026-11-23")
        assert result.exit_code == 0, result.stderr
        return result.json()["reason"]

    assert reason("Ada Byrne") == {
        "kind": "promise",
        "date": "2026-11-30",
        "text": "send Ada the deck 📅 2026-11-30",
        "source": "People/Ada Byrne.md:5",
    }
    assert reason("Bo Chen") == {
        "kind": "offer",
        "date": "2026-10-15",
        "text": "to his team lead",
        "source": "People/Bo Chen.md:7",
    }


@pytest.mark.parametrize(
    ("channel", "kind"),
    [
        ("coffee", "coffee"),
        ("lunch", "lunch"),
        ("dinner", "dinner"),
        ("call", "call"),
        ("phone", "call"),
        ("video", "call"),
        ("meeting", "meeting"),
        ("conference", "meeting"),
        ("email", "exchange"),
        ("linkedin", "exchange"),
        (None, "exchange"),
    ],
)
def test_a_conversation_is_named_by_its_channel(channel, kind) -> None:
    from notekit.rules.reason import conversation

    assert conversation(channel) == kind


def test_an_only_interest_is_named_once(run: Run, make_vault: MakeVault) -> None:
    """With their work to ask about, the one interest is the offer's; with nothing else to
    ask, it is the question, and the offer is a general one."""
    memory = "## Memories\n- The offsite in Lisbon where we got lost\n"
    vault = make_vault(
        {
            "People/Kim Park.md": "---\nemail: kim@x.org\ninterests: [sailing]\n"
            "role: Staff Engineer\n---\n" + memory,
            "People/Lee Wong.md": "---\nemail: lee@x.org\ninterests: [sailing]\n---\n" + memory,
        }
    )

    def body(name: str) -> str:
        result = run("draft", name, "--channel", "email", vault=vault, today="2026-11-23")
        assert result.exit_code == 0, result.stderr
        return result.stdout

    kim, lee = body("Kim Park"), body("Lee Wong")
    assert kim.count("sailing") == 1 and "I'll pass along anything good I read on sailing." in kim
    assert "What are you most focused on in your role as Staff Engineer these days?" in kim
    assert lee.count("sailing") == 1
    assert "What has been keeping you busy with sailing lately?" in lee
    assert "If there is anything I can help with, just say." in lee


def test_the_last_conversation_and_how_recent_it_is(run: Run, make_vault: MakeVault) -> None:
    """Monday 11-23. Ana: two entries today, the later line is the last; a call planned for
    Friday is none. Bo, cadence 1m: in touch a month ago to the day, a follow-up; Cy, a day
    more, a reconnect. Without a cadence, six months of 31 days: Di 186 days ago, Ed 187."""
    head = "---\nemail: x@example.com\ninterests: [sailing]\n{}---\n## Log\n"
    vault = make_vault(
        {
            "People/Ana.md": head.format("")
            + "- 2026-11-23 email: first\n- 2026-11-23 call: second\n- 2026-11-27 call: planned\n",
            "People/Bo.md": head.format("cadence: 1m\n") + "- 2026-10-23 call: a month\n",
            "People/Cy.md": head.format("cadence: 1m\n") + "- 2026-10-22 call: a day more\n",
            "People/Di.md": head.format("") + "- 2026-05-21 call: 186 days\n",
            "People/Ed.md": head.format("") + "- 2026-05-20 call: 187 days\n",
            "People/Fa.md": head.format("")
            + "- 2026-11-01 email from: a question\n- 2026-11-02 email to: my answer\n",
        }
    )

    def reason(name: str) -> tuple[str, str, str]:
        result = run("draft", name, "--json", vault=vault, today="2026-11-23")
        assert result.exit_code == 0, result.stderr
        found = result.json()["reason"]
        return found["kind"], found["text"], found["source"]

    assert reason("Ana") == ("follow-up", "second", "People/Ana.md:7")
    assert reason("Bo")[:2] == ("follow-up", "a month")
    assert reason("Cy")[:2] == ("reconnect", "a day more")
    assert reason("Di")[:2] == ("follow-up", "186 days")
    assert reason("Ed")[:2] == ("reconnect", "187 days")
    assert reason("Fa") == ("follow-up", "my answer", "People/Fa.md:7")  # my answer: a talk


def test_a_moment_is_the_reason_with_its_day_and_years(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\nemail: a@example.com\nbirthday: 1990-11-26\n---\n",
            "People/Bo.md": "---\nemail: b@example.com\nhow_we_met: 2018-11-25 at the Globex "
            "offsite\n---\n",
            "People/Cé.md": "---\nemail: c@example.com\nbirthday: 11-26\nlanguage: fr\n---\n",
        }
    )

    draft = functools.partial(_drafted, run, vault)
    assert draft("Cé")["subject"] == "Joyeux anniversaire en avance, Cé !"

    ana, bo = draft("Ana"), draft("Bo")
    assert ana["reason"] == {
        "kind": "moment",
        "date": "2026-11-26",
        "text": "",
        "source": "People/Ana.md:3",  # the line of the field, as the draft's sentence
    }
    assert ana["body"].split("\n")[2].startswith("Happy early birthday!")  # on Monday
    assert ana["subject"] == "Happy early birthday, Ana!"
    on_the_day = run("draft", "Ana", "--json", vault=vault, today="2026-11-26").json()
    assert (on_the_day["subject"], on_the_day["body"].split("\n")[2]) == (
        "Happy birthday, Ana!",
        "Happy birthday!",
    )
    assert (bo["reason"]["kind"], bo["reason"]["date"]) == ("moment", "2026-11-25")
    assert (bo["reason"]["source"], bo["reason"]["text"]) == ("People/Bo.md:3", "")
    assert "It's 8 years since we met, and I wanted to say hello." in bo["body"]


def test_the_conversation_followed_up_is_the_latest_wherever_it_was_written(
    run: Run, make_vault: MakeVault
) -> None:
    """Ana's note logs a call in June; a daily note had lunch with her on 11-20: the draft
    follows that up, not the call, as her last contact. Bo's last was a meeting note."""
    vault = make_vault(
        {
            "People/Ana.md": "---\ncadence: 3m\nemail: a@x.org\n---\n## Log\n"
            "- 2026-06-10 call: her move to Globex\n- 2026-11-01 planning the offsite\n",
            "Daily/2026-11-20.md": "- Lunch with [[Ana]] by the river\n",
            "People/Bo.md": "---\ncadence: 3m\nemail: b@x.org\n---\n## Log\n"
            "- 2026-06-10 call: roadmap\n",
            "Meetings/Offsite.md": "---\ndate: 2026-11-12\n---\nWith [[Bo]].\n",
        }
    )
    ana, bo = _drafted(run, vault, "Ana"), _drafted(run, vault, "Bo")
    assert ana["reason"] == {
        "kind": "follow-up",
        "date": "2026-11-20",
        "text": "Lunch with [[Ana]] by the river",
        "source": "Daily/2026-11-20.md:1",
    }
    assert "I've been thinking about our last exchange on Friday" in ana["body"]
    assert "June" not in ana["body"]
    assert bo["reason"]["source"] == "Meetings/Offsite.md:4"
    assert "I've been thinking about our meeting in November" in bo["body"]


@pytest.mark.parametrize(
    ("today", "english", "french"),
    [
        (
            "2026-11-20",
            "Thank you for your message today.",
            "Merci pour ton message reçu aujourd'hui.",
        ),
        (
            "2026-11-21",
            "Thank you for your message yesterday.",
            "Merci pour ton message reçu hier.",
        ),
        (
            "2026-11-23",
            "Thank you for your message on Friday.",
            "Merci pour ton message reçu en novembre.",
        ),
        (
            "2026-11-24",
            "Thank you for your message on Friday, and sorry to be slow to answer.",
            "Merci pour ton message reçu en novembre, et pardon pour ma réponse tardive.",
        ),
        (
            "2027-01-05",
            "Thank you for your message back in 2026, and sorry to be slow to answer.",
            "Merci pour ton message reçu en 2026, et pardon pour ma réponse tardive.",
        ),
    ],
)
def test_a_reply_says_when_their_message_came_and_is_sorry_only_when_late(
    run: Run, make_vault: MakeVault, today: str, english: str, french: str
) -> None:
    """Her message came on Friday 2026-11-20: a reply the same day or three days on is in
    time; from the fourth day it says sorry."""
    entry = "## Log\n- 2026-11-20 email from: can you look at my draft?\n"
    vault = make_vault(
        {
            "People/Ana.md": f"---\nemail: a@x.org\n---\n{entry}",
            "People/Bea.md": f"---\nemail: b@x.org\nlanguage: fr\n---\n{entry}",
        }
    )
    assert english in _drafted(run, vault, "Ana", today)["body"]
    assert french in _drafted(run, vault, "Bea", today)["body"]


def test_a_year_since_we_met_and_the_anniversary_of_joining_an_org(
    run: Run, make_vault: MakeVault
) -> None:
    """One year is "a year" ("un an"), not "1 years"; the anniversary of joining an org I was
    at too rests on the `history:` line."""
    vault = make_vault(
        {
            "notekit.toml": '[me]\nhistory = ["Initech (2016-2020)"]\n',
            "People/Ana.md": "---\nemail: a@example.com\nhow_we_met: 2025-11-25 at a meetup\n---\n",
            "People/Bo.md": "---\nemail: b@example.com\nlanguage: fr\n"
            "how_we_met: 2025-11-25 à Lyon\n---\n",
            "People/Cy.md": "---\nemail: c@example.com\nhistory:\n"
            "  - {org: Initech, role: Engineer, from: 2018-11-26, to: 2021}\n---\n",
        }
    )

    draft = functools.partial(_drafted, run, vault)

    assert "It's a year since we met, and I wanted to say hello." in draft("Ana")["body"]
    assert "Cela fait un an qu'on se connaît" in draft("Bo")["body"]
    cy = draft("Cy")["reason"]
    assert (cy["kind"], cy["date"], cy["source"]) == ("moment", "2026-11-26", "People/Cy.md:3")


def test_every_moment_opens_its_draft(run: Run, make_vault: MakeVault) -> None:
    """The anniversary of joining an org I was at too, an event ahead that names them and the
    new year each open the draft with what the note says of them, in English and in French."""
    org = "history:\n  - {org: Initech, role: Engineer, from: 2018-11-26, to: 2021}\n"
    vault = make_vault(
        {
            "notekit.toml": '[me]\nhistory = ["Initech (2016-2020)"]\n',
            "People/Cy.md": "---\nemail: c@example.com\n" + org + "---\n",
            "People/Cé.md": "---\nemail: d@example.com\nlanguage: fr\n" + org + "---\n",
            "People/Ed.md": "---\nemail: e@example.com\n---\n",
            "People/Éa.md": "---\nemail: f@example.com\nlanguage: fr\n---\n",
            "People/Fa.md": "---\nemail: g@example.com\n---\n- 2026-01-10 email: hi\n",
            "People/Fé.md": "---\nemail: h@example.com\nlanguage: fr\n---\n"
            "- 2026-01-10 email: salut\n",
            "Meetings/PyCon Lisbon.md": "---\ndate: 2026-11-27\n---\nWith [[Ed]] and [[Éa]].\n",
        }
    )

    def opening(name: str, today: str = "2026-11-23") -> tuple[str, str, str]:
        result = run("draft", name, "--json", vault=vault, today=today)
        assert result.exit_code == 0, result.stderr
        found = result.json()
        return found["reason"]["kind"], found["subject"], found["body"].split("\n")[2]

    assert opening("Cy") == (
        "moment",
        "It's been too long, Cy",
        "It's 8 years since you joined Initech, and I wanted to say hello.",
    )
    assert opening("Cé")[2] == (
        "Cela fait 8 ans que tu as rejoint Initech, et je voulais te faire signe."
    )
    assert opening("Ed")[2].startswith("With PyCon Lisbon coming up, I thought of you.")
    assert opening("Éa")[2].startswith("Avec PyCon Lisbon qui approche, j'ai pensé à toi.")
    assert opening("Fa", today="2027-01-02")[1:] == ("Happy new year, Fa!", "Happy new year!")
    assert opening("Fé", today="2027-01-02")[1:] == ("Bonne année, Fé !", "Bonne année !")


def test_no_nudge_once_in_touch_since_my_message(run: Run, make_vault: MakeVault) -> None:
    """My message of 11-02 had no answer, but a daily note met Ada at a meetup on 11-10, and
    Bo's front-matter says we were last in touch on 11-12: neither draft nudges."""
    log = "- 2026-06-15 lunch: the move\n- 2026-11-02 email to: a call?\n"
    vault = make_vault(
        {
            "People/Ada.md": "---\nemail: a@example.com\ninterests: [sailing]\n---\n" + log,
            "People/Bo.md": "---\nemail: b@example.com\ninterests: [sailing]\n"
            "last_contact: 2026-11-12\n---\n" + log,
            "Daily/2026-11-10.md": "- saw [[Ada]] at the meetup\n",
        }
    )
    for name in ("Ada", "Bo"):
        result = run("draft", name, "--json", vault=vault, today="2026-11-23")
        assert result.exit_code == 0, result.stderr
        assert result.json()["reason"]["kind"] == "follow-up", name


def test_a_nudge_is_about_my_message_not_another_line_of_its_day(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            "People/Cy.md": "---\nemail: c@example.com\n---\n"
            "- 2026-11-02 email to: a call?\n- 2026-11-02 email: his newsletter\n",
        }
    )
    result = run("draft", "Cy", "--json", vault=vault, today="2026-11-23")
    assert result.exit_code == 0, result.stderr
    reason = result.json()["reason"]
    assert (reason["kind"], reason["text"]) == ("nudge", "a call?")


def test_a_promise_names_them_by_their_whole_name_or_in_french(
    run: Run, make_vault: MakeVault
) -> None:
    """`send Priya Nair my CV` sends `my CV`, not `Nair my CV`; in French the name may come
    before what is sent, and a promise that sends nothing is said as written."""
    vault = make_vault(
        {
            "People/Priya Nair.md": "---\nemail: p@example.com\n---\n"
            "- [ ] send Priya Nair my CV 📅 2026-11-25\n",
            "People/Léa Martin.md": "---\nemail: l@example.fr\nlanguage: fr\n---\n"
            "- [ ] envoyer à Léa mon CV 📅 2026-11-25\n",
            "People/Hugo Bernard.md": "---\nemail: h@example.fr\nlanguage: fr\n---\n"
            "- [ ] appeler Hugo pour le projet 📅 2026-11-25\n",
        }
    )

    def opening(name: str) -> str:
        result = run("draft", name, "--json", vault=vault, today="2026-11-23")
        assert result.exit_code == 0, result.stderr
        return [s["text"] for s in result.json()["sentences"]][2]

    assert opening("Priya Nair") == "As promised, I'm sending you my CV."
    assert opening("Léa Martin") == "Comme promis, voici mon CV."
    assert opening("Hugo Bernard") == (
        "Comme promis, je reviens vers toi au sujet de ce que je t'avais promis : "
        "appeler Hugo pour le projet."
    )


def test_which_memory_a_draft_tells_and_how_short(run: Run, make_vault: MakeVault) -> None:
    """Under `## Memories`: a line that is no list item is not one; a ticked item is; an item
    linking another person of the vault, whatever the link shows, or naming one by their whole
    name (`Bo Chen`: his first name is too short to go by alone) is theirs to tell. A short
    message takes a memory up to its colon when that leaves 12 characters or more."""
    memories = (
        "## Memories\nSome of our best times:\n- Lunch with [[Bo Chen|Bo]] in Porto\n"
        "- Dinner with Bo Chen in Lyon\n- [x] {}\n"
    )
    head = "---\nlinkedin: https://www.linkedin.com/in/{}\n---\n"
    vault = make_vault(
        {
            "People/Bo Chen.md": head.format("bo"),
            "People/Ana.md": head.format("ana")
            + memories.format("The offsites: Lisbon, then Oslo"),
            "People/Cy.md": head.format("cy") + memories.format("The offsite: Lisbon, then Oslo"),
        }
    )

    def body(name: str) -> str:
        result = run("draft", name, "--channel", "linkedin", vault=vault, today="2026-11-23")
        assert result.exit_code == 0, result.stderr
        return result.stdout

    assert "I was just thinking about the offsites." in body("Ana")
    assert "I was just thinking about the offsite: Lisbon, then Oslo." in body("Cy")
    for text in (body("Ana"), body("Cy")):
        assert "Porto" not in text and "Lyon" not in text and "best times" not in text


def test_the_news_is_told_with_the_line_that_logged_it(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\nemail: a@example.com\n---\n## Log\n"
            "- 2026-11-02 call: the move\n- 2026-11-20 linkedin: now Staff at Globex\n",
        }
    )
    result = run("draft", "Ana", "--json", vault=vault, today="2026-11-23")
    assert result.exit_code == 0, result.stderr
    said = {s["text"]: s["from"] for s in result.json()["sentences"]}
    assert said["Congratulations on the new role, Staff at Globex!"] == ["People/Ana.md:6"]


def test_a_memory_in_another_language_is_told_as_written() -> None:
    from notekit.rules.draft import tell

    assert tell("Sie hat mir das Klettern beigebracht.", "de") == (
        "Sie hat mir das Klettern beigebracht"
    )
    assert tell("Wir waren bei SpaceX!", "de") == "Wir waren bei SpaceX"  # only the mark goes


def test_the_channel_a_draft_is_for_when_the_note_cannot_have_its_own(
    run: Run, make_vault: MakeVault
) -> None:
    """`channel: email` with no address: their LinkedIn profile, else a message."""
    vault = make_vault(
        {
            "People/Ana.md": "---\nchannel: email\nlinkedin: https://www.linkedin.com/in/ana\n"
            "interests: [sailing]\n---\n",
            "People/Bo.md": "---\nchannel: email\ninterests: [sailing]\n---\n",
        }
    )
    found = {}
    for name in ("Ana", "Bo"):
        result = run("draft", name, "--json", vault=vault, today="2026-11-23")
        assert result.exit_code == 0, result.stderr
        found[name] = result.json()["channel"]
    assert found == {"Ana": "linkedin", "Bo": "message"}


def test_what_a_draft_offers_and_where_a_birthday_and_a_year_old_role_come_from(
    run: Run, make_vault: MakeVault
) -> None:
    """No interests: an introduction at their company, else help. A birthday's greeting comes
    from the `birthday` line. A job change is news for a year: 365 days, not 366."""
    head = "---\nemail: x@example.com\n{}---\n## Memories\n- The offsite in Lisbon\n"
    vault = make_vault(
        {
            "People/Ana.md": head.format("company: Globex\nbirthday: 1990-11-26\n"),
            "People/Bo.md": head.format("")
            + "## Log\n- 2025-11-23 linkedin: now Staff at Initech\n",
            "People/Cy.md": head.format("")
            + "## Log\n- 2025-11-22 linkedin: now Staff at Initech\n",
        }
    )

    def said(name: str) -> dict[str, list[str]]:
        result = run("draft", name, "--json", vault=vault, today="2026-11-23")
        assert result.exit_code == 0, result.stderr
        return {s["text"]: s["from"] for s in result.json()["sentences"]}

    ana, bo, cy = said("Ana"), said("Bo"), said("Cy")
    assert ana["Happy early birthday!"] == ["People/Ana.md:4"]
    assert ana["I hope all is well with you at Globex."] == ["People/Ana.md:3"]
    congratulations = next(text for text in bo if "Staff at Initech" in text)
    assert bo[congratulations] == ["People/Bo.md:7"]  # not the reason: told beside it
    assert (
        "If an introduction to someone I know would help you or the team at Globex, "
        "I'd be glad to make it." in ana
    )
    assert "If there is anything I can help with, just say." in bo
    assert any("Staff at Initech" in text for text in bo)
    assert not any("Initech" in text for text in cy)


def test_what_a_note_lacks_and_the_name_and_role_a_draft_uses(
    run: Run, make_vault: MakeVault
) -> None:
    """A company without a role is a current role enough; the greeting's name comes from the
    `name:` line when the note has one; `--goal learning` names the role."""
    vault = make_vault(
        {
            "People/ana.md": "---\nname: Ana Costa\nemail: a@example.com\ncompany: Globex\n"
            "interests: [sailing]\n---\n",
            "People/Bo.md": "---\nemail: b@example.com\nrole: Staff Engineer\n"
            "interests: [sailing]\n---\n",
        }
    )
    result = run("draft", "Ana Costa", "--json", vault=vault, today="2026-11-23")
    assert result.exit_code == 0, result.stderr
    ana = result.json()
    assert not any("current role" in item for item in ana["missing"])
    assert {s["text"]: s["from"] for s in ana["sentences"]}["Hi Ana,"] == ["People/ana.md:2"]
    result = run("draft", "Bo", "--goal", "learning", "--json", vault=vault, today="2026-11-23")
    assert result.exit_code == 0, result.stderr
    said = {s["text"]: s["from"] for s in result.json()["sentences"]}
    learning = "I'd love to learn from how you approach your role as Staff Engineer."
    assert said[learning] == ["People/Bo.md:3"]  # the `role:` line


def test_no_nudge_for_someone_given_a_rest(run: Run, make_vault: MakeVault) -> None:
    """Three of my messages in a row had no answer: `due` gives Ada a rest, and her draft does
    not chase a fourth time; it names our lunch in June."""
    log = "".join(f"- 2026-{m}-02 email to: any news?\n" for m in ("09", "10", "11"))
    vault = make_vault(
        {
            "People/Ada.md": "---\nemail: a@example.com\ninterests: [sailing]\ncadence: 1y\n---\n"
            "- 2026-06-15 lunch: the move\n" + log,
        }
    )
    result = run("draft", "Ada", "--json", vault=vault, today="2026-11-23")
    assert result.exit_code == 0, result.stderr
    reason = result.json()["reason"]
    assert (reason["kind"], reason["text"]) == ("follow-up", "the move")


def test_a_memory_of_the_memories_field_names_its_line_and_is_not_missing(
    run: Run, make_vault: MakeVault
) -> None:
    """A memory from `memories:` rests on that line; one under `## Memories` on its own line;
    either way the note tells one, so a draft does not ask for one."""
    vault = make_vault(
        {
            "People/Ana.md": "---\nemail: a@example.com\nrole: CTO\ninterests: [sailing]\n"
            "memories: [We got lost in Porto]\n---\n",
            "People/Bo.md": "---\nemail: b@example.com\nrole: CTO\ninterests: [sailing]\n---\n"
            "## Memories\n- We got lost in Lisbon\n",
        }
    )

    draft = functools.partial(_drafted, run, vault)

    ana, bo = draft("Ana"), draft("Bo")
    assert (ana["memory_from"], ana["missing"]) == ("People/Ana.md:5", [])
    assert (bo["memory_from"], bo["missing"]) == ("People/Bo.md:7", [])
    told = [s for s in ana["sentences"] if "lost in Porto" in s["text"]]
    assert told and all(s["from"] == ["People/Ana.md:5"] for s in told)  # subject and body


def test_each_question_names_the_line_it_asks_about(run: Run, make_vault: MakeVault) -> None:
    """The question about a new role (news of October: no longer the reason to write) rests on
    the news line, which its words do not quote; one about a project on `projects:`; one about
    the second interest on `interests:`."""
    vault = make_vault(
        {
            "People/Ana.md": "---\nemail: a@example.com\ninterests: [sailing, chess]\n---\n"
            "- 2026-10-01 linkedin: now CTO at Globex (was VP at Initech)\n",
            "People/Bo.md": "---\nemail: b@example.com\nprojects: [the new climbing gym]\n---\n",
        }
    )

    def said(name: str) -> dict[str, list[str]]:
        return _said(run("draft", name, "--json", vault=vault, today="2026-11-23"))

    ana, bo = said("Ana"), said("Bo")
    assert ana["How is the new role treating you, and what are you most focused on?"] == [
        "People/Ana.md:5"
    ]
    assert ana["What has been keeping you busy with chess lately?"] == ["People/Ana.md:3"]
    assert bo["How is the new climbing gym coming along, and what has surprised you so far?"] == [
        "People/Bo.md:3"
    ]


def test_how_we_know_each_other_stands_in_for_a_memory_unless_it_names_another(
    run: Run, make_vault: MakeVault
) -> None:
    """A `how_we_met` told as a clause opens the draft, but the note still lacks a memory; one
    that names another person of the vault is theirs to tell too, and is left out. The
    person's own first name, shared with another person of the vault, is no other's."""
    vault = make_vault(
        {
            "People/Ana Costa.md": "---\nemail: a@example.com\nrole: CTO\ninterests: [chess]\n"
            "how_we_met: we shipped the payments rewrite together\n---\n",
            "People/Bo.md": "---\nemail: b@example.com\nrole: CTO\ninterests: [chess]\n"
            "how_we_met: we shipped the payments rewrite with Ines Dunn\n---\n",
            "People/Ines Dunn.md": "---\nemail: c@example.com\nrole: CTO\ninterests: [chess]\n"
            "memories: [Ines and I got lost in Porto]\n---\n",
            "People/Ines Lee.md": "---\nname: Ines Lee\n---\n",
        }
    )

    draft = functools.partial(_drafted, run, vault)

    ana, bo, ines = draft("Ana Costa"), draft("Bo"), draft("Ines Dunn")
    assert "about how we shipped the payments rewrite together" in ana["body"]
    assert ana["memory_from"] == "People/Ana Costa.md:5"
    assert any("shared memory" in item for item in ana["missing"])
    assert bo["memory_from"] is None and "payments" not in bo["body"]
    assert ines["memory_from"] == "People/Ines Dunn.md:5" and "lost in Porto" in ines["body"]


@pytest.mark.parametrize(
    ("task", "language"),
    [("Introduce Sam to Laura for the junior role", "en"), ("présenter Sam à Laura", "fr")],
)
def test_a_draft_that_keeps_a_promised_introduction_offers_no_other(
    run: Run, make_vault: MakeVault, task: str, language: str
) -> None:
    """The draft opens with the introduction I promised; offering an introduction again
    beneath it reads as if the first were forgotten: it offers help instead."""
    note = (
        f"---\nemail: laura@example.com\ncompany: Globex\nlanguage: {language}\n---\n"
        f"- [ ] {task} 📅 2026-11-25\n"
    )
    draft = run("draft", "Laura", "--json", vault=make_vault({"People/Laura.md": note})).json()
    assert draft["reason"]["kind"] == "promise"
    offers = {"en": "If an introduction", "fr": "mise en relation"}
    assert offers[language] not in draft["body"]
    helps = {"en": "anything I can help with", "fr": "Si je peux t'aider"}
    assert helps[language] in draft["body"]
