"""Write a realistic synthetic vault: people with logs and aliases, daily and meeting notes.

    python bench/generate.py OUT --people 10000 [--seed 1] [--today 2026-11-23]

The mix follows what a long-lived personal CRM looks like: most people in People/ with a
handful of log entries, field keys spelled several ways, some people found by type or tag
elsewhere, a daily note for most days of the last years linking to a few people, meeting notes
with attendees in the front-matter. About 1.2 notes per person. Same seed, same vault.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

FIRST = (
    "Ana Ben Chloé Dmitri Elena Farid Grace Hiro Isabel Jonas Kwame Laura Marco Nadia Oscar "
    "Priya Quentin Rosa Sam Tomás Uma Victor Wen Yara Zoë Liam Mia Noah Sofia Kim Lena Omar "
    "Ines Raj Mei Pablo Greta Yusuf Aiko Bruno Carla Diego Emma Felix Hana Ivan Julia Karl"
).split()
LAST = (
    "Costa Okafor Martin Volkov Rossi Haddad Liu Tanaka Ferreira Berg Mensah Schmidt Bianchi "
    "Karimi Lindqvist Nair Dubois Alvarez Whitfield Peres Patel Nguyen Zhao Ångström O'Reilly "
    "Johansson Kim Marques Park Novak Silva Weber Sato Moreau Rahman Kowalski Jensen Fischer"
).split()
COMPANIES = "Initech Globex Umbrella Hooli Paylane Fernway Tidewater Streamline Brightline".split()
CHANNELS = "email call coffee lunch video message linkedin dinner meeting".split()
TOPICS = (
    "her new role",
    "his move to Lisbon",
    "the hiring plan",
    "a referral for Sam",
    "the conference talk",
    "their startup's seed round",
    "kids and school",
    "a side project",
    "the old payments outage",
    "climbing on Saturday",
    "a book recommendation",
)
LAST_KEYS = ("last_contact", "Last Contact", "lastContacted", "last-seen")
CADENCES = ("1m", "6w", "3m", "quarterly", "6m", "1y", "yearly", "2m")


def generate(out: Path, people: int, seed: int = 1, today: dt.date | None = None) -> int:
    """Write the vault; return the number of notes written."""
    rng = random.Random(seed)
    today = today or dt.date(2026, 11, 23)
    out.mkdir(parents=True, exist_ok=True)
    (out / "People").mkdir(exist_ok=True)
    (out / "Network").mkdir(exist_ok=True)
    (out / "Daily").mkdir(exist_ok=True)
    (out / "Meetings").mkdir(exist_ok=True)
    (out / ".obsidian").mkdir(exist_ok=True)
    (out / ".obsidian" / "daily-notes.json").write_text('{"folder": "Daily"}\n')
    (out / "notekit.toml").write_text('[cadence.tags]\nmentor = "1m"\n')
    names: list[str] = []
    used: set[str] = set()
    for n in range(people):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in used:
            name = f"{name} {n}"
        used.add(name)
        names.append(name)
    notes = 0
    for n, name in enumerate(names):
        folder, kind = ("People", "") if n % 10 else ("Network", "type: person\n")
        (out / folder / f"{name}.md").write_text(_person(rng, name, kind, today), "utf-8")
        notes += 1
    days = max(1, people // 6)  # daily notes
    for d in range(days):
        date = today - dt.timedelta(days=d + 1)
        links = rng.sample(names, k=min(len(names), rng.randint(1, 4)))
        lines = [f"# {date:%A %d %B %Y}", ""]
        for who in links:
            lines.append(f"- {rng.choice(CHANNELS)} with [[{who}]] about {rng.choice(TOPICS)}")
        if rng.random() < 0.2:
            due = date + dt.timedelta(days=rng.randint(1, 30))
            lines.append(f"- [ ] send [[{rng.choice(names)}]] the notes 📅 {due.isoformat()}")
        (out / "Daily" / f"{date.isoformat()}.md").write_text("\n".join(lines) + "\n", "utf-8")
        notes += 1
    for m in range(max(1, people // 30)):  # meeting notes
        date = today - dt.timedelta(days=rng.randint(1, 900))
        who = rng.sample(names, k=min(len(names), rng.randint(2, 6)))
        attendees = ", ".join(f'"[[{w}]]"' for w in who)
        text = (
            f"---\ndate: {date.isoformat()}\ntype: meeting\nattendees: [{attendees}]\n---\n"
            f"# Meeting {m}\n\nWe talked about {rng.choice(TOPICS)} and {rng.choice(TOPICS)}.\n"
        )
        (out / "Meetings" / f"Meeting {m:05d}.md").write_text(text, "utf-8")
        notes += 1
    return notes


def _person(rng: random.Random, name: str, kind: str, today: dt.date) -> str:
    first = name.split()[0]
    company = rng.choice(COMPANIES)
    tags = ["person", company.lower()] + (["mentor"] if rng.random() < 0.05 else [])
    # a third of the people have a cadence, and those are mostly kept up: their latest
    # entry falls within the cadence four times out of five
    cadence = rng.choice(CADENCES) if rng.random() < 0.33 else None
    entries = sorted(
        (today - dt.timedelta(days=rng.randint(1, 1500)) for _ in range(rng.randint(0, 12))),
        reverse=True,
    )
    if cadence and rng.random() < 0.8:
        entries.insert(0, today - dt.timedelta(days=rng.randint(1, 28)))
    last = entries[0].isoformat() if entries and rng.random() < 0.6 else ""
    front = [
        "---",
        *([kind.strip()] if kind else []),
        f"aliases: [{first}]" if rng.random() < 0.3 else "aliases: []",
        f"company: {company}",
        f"role: {rng.choice(['Engineer', 'Manager', 'Designer', 'Founder', 'Recruiter'])}",
        f"email: {first.lower()}.{rng.randint(1, 999)}@example.com",
        f"context: Worked together at {company} in {rng.randint(2008, 2024)}",
        f"history: [{company} ({rng.randint(2008, 2016)}-{rng.randint(2017, 2024)})]",
        f"cadence: {cadence}" if cadence else "# no cadence",
        f"{rng.choice(LAST_KEYS)}: {last}",
        f"birthday: {rng.randint(1960, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"tags: [{', '.join(tags)}]",
        "---",
        f"# {name}",
        "",
        "## Memories",
        f"- {rng.choice(TOPICS).capitalize()}, long ago.",
        "",
        "## Log",
    ]
    front += [f"- {d.isoformat()} {rng.choice(CHANNELS)}: {rng.choice(TOPICS)}" for d in entries]
    if rng.random() < 0.1:
        due = today + dt.timedelta(days=rng.randint(-10, 40))
        front.append(f"- [ ] follow up on {rng.choice(TOPICS)} 📅 {due.isoformat()}")
    return "\n".join(front) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.out, args.people, args.seed), "notes written to", args.out)


if __name__ == "__main__":
    main()
