"""Write a realistic synthetic vault: people with logs and aliases, daily and meeting notes.

    python bench/generate.py OUT --people 10000 [--seed 1] [--linked]

The mix follows what a long-lived personal CRM looks like: most people in People/ with a
handful of log entries, field keys spelled several ways, some people found by type or tag
elsewhere, a daily note for most days of the last years linking to a few people, meeting notes
with attendees in the front-matter. About 1.2 notes per person. Same seed, same vault.
`--linked`: the vault of someone behind on everyone, whose person notes link each other
(ten colleagues each, about ten links per person note), and most people due.
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
NEW_FIRST = (  # people an export brings that the vault has not met yet
    "Abebe Bjorn Cyrus Delphine Eitan Fumiko Gustavo Halima Ingrid Jamal Katarina Lorenzo "
    "Malik Nikolai Odette Pranav Rania Stellan Thandiwe Ulrich Valentina Wojciech Ximena "
    "Yevgenia Zaid Anselm Brigitte Cosimo Dagny Esperanza Florian Gideon Hyacinth Isidore "
    "Jorunn Kasimir Leopold Marisol Nnamdi Ottilie Perpetua Radomir Saoirse Teodoro Ulla "
    "Vidar Wilhelmina Xavier Ysolde Zdenek Amadou Berit Casimir Dorotea Emeric Fenella"
).split()
NEW_LAST = (
    "Abernathy Brannigan Castellanos Delacroix Eriksen Fitzgerald Gallagher Hargreaves "
    "Iwasaki Jablonski Kowalczyk Lafontaine Mbeki Nakamura Oyelaran Papadopoulos Quintero "
    "Rasmussen Szymanski Thorvaldsen Urquhart Vasquez Wojcik Xenakis Yamamoto Zielinski "
    "Achterberg Bergstrom Cavendish Drummond Esposito Falkenrath Grunewald Holloway Ignatiev "
    "Jaramillo Kristiansen Lindgren Montgomery Nordstrom Olander Pemberton Radcliffe "
    "Sandoval Tremblay Underwood Valentini Wainwright Yarborough Zimmermann Ashworth"
).split()
COMPANIES = "Initech Globex Umbrella Hooli Paylane Fernway Tidewater Streamline Brightline".split()
ROLES = ("Engineer", "Manager", "Designer", "Founder", "Recruiter")
WRITTEN = {"email", "message", "linkedin"}  # channels whose entries may say who wrote
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


LINKED_COLLEAGUES = 10  # links from each person note to others, in a `--linked` vault
LINKED_BEHIND_DAYS = 400  # how far behind on everyone the owner of a `--linked` vault is


def generate(
    out: Path, people: int, seed: int = 1, today: dt.date | None = None, linked: bool = False
) -> int:
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
    default = 'default_cadence = "6m"\n' if linked else ""  # behind on everyone: due
    (out / "notekit.toml").write_text(default + '[cadence.tags]\nmentor = "1m"\n')
    names = _names(rng, people)
    notes = 0
    for n, name in enumerate(names):
        folder, kind = ("People", "") if n % 10 else ("Network", "type: person\n")
        if linked:
            text = _person(rng, name, kind, today - dt.timedelta(days=LINKED_BEHIND_DAYS))
            colleagues = rng.sample(names, k=min(len(names), LINKED_COLLEAGUES))
            text += "\n## Colleagues\n" + "".join(
                f"- [[{other}]], {rng.choice(ROLES).lower()} at {rng.choice(COMPANIES)}\n"
                for other in colleagues
                if other != name
            )
        else:
            text = _person(rng, name, kind, today)
        (out / folder / f"{name}.md").write_text(text, "utf-8")
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
        present = rng.sample(names, k=min(len(names), rng.randint(2, 6)))
        attendees = ", ".join(f'"[[{w}]]"' for w in present)
        text = (
            f"---\ndate: {date.isoformat()}\ntype: meeting\nattendees: [{attendees}]\n---\n"
            f"# Meeting {m}\n\nWe talked about {rng.choice(TOPICS)} and {rng.choice(TOPICS)}.\n"
        )
        (out / "Meetings" / f"Meeting {m:05d}.md").write_text(text, "utf-8")
        notes += 1
    return notes


def _names(rng: random.Random, people: int) -> list[str]:
    names: list[str] = []
    used: set[str] = set()
    for n in range(people):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in used:
            name = f"{name} {n}"
        used.add(name)
        names.append(name)
    return names


def linkedin_export(
    out: Path, vault: Path, people: int, connections: int, messages: int, seed: int = 1
) -> None:
    """A LinkedIn data export (zip) for the vault `generate` wrote with `people` and `seed`:
    nine in ten of its people among the connections (one in ten of those at another company
    now), the rest new people; messages with connections in one-to-one and group
    conversations over three years, some drafts, some with people who are no connection."""
    import csv
    import io
    import zipfile

    rng = random.Random(seed + 1)
    known = _names(random.Random(seed), people)
    jobs = {}
    for note in vault.glob("*/*.md"):
        lines = note.read_text("utf-8").splitlines()
        pairs = [line.split(": ", 1) for line in lines if line.startswith(("company:", "role:"))]
        values = dict(pairs)
        jobs[note.stem] = (values.get("company"), values.get("role"))
    chosen = rng.sample(known, k=min(connections, people * 9 // 10))
    new = [f"{first} {last}" for first in NEW_FIRST for last in NEW_LAST]
    rng.shuffle(new)
    chosen += new[: connections - len(chosen)]
    rows = io.StringIO()
    rows.write('Notes:\n"When exporting your connection data, you may notice …"\n\n')
    table = csv.writer(rows, lineterminator="\n")
    table.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    profiles = {}
    for n, name in enumerate(chosen):
        first, last = name.split(" ", 1)
        profiles[name] = f"https://www.linkedin.com/in/member-{n}"
        connected = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 4000))
        company, role = jobs.get(name, (None, None))
        if company is None or rng.random() < 0.1:
            company, role = rng.choice(COMPANIES), rng.choice(ROLES)
        table.writerow(
            [
                first,
                last,
                profiles[name],
                f"{first.lower()}.{n}@example.org" if rng.random() < 0.2 else "",
                company,
                role,
                f"{connected:%d %b %Y}",
            ]
        )
    me = ("Me Myself", "https://www.linkedin.com/in/me")
    talk = io.StringIO()
    out_csv = csv.writer(talk, lineterminator="\n")
    out_csv.writerow(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,"
        "IS CONVERSATION ARCHIVED".split(",")
    )
    written = 0
    conversation = 0
    start = dt.datetime(2023, 12, 1, 9, 0)
    while written < messages:
        conversation += 1
        group = rng.random() < 0.1
        stranger = rng.random() < 0.05
        others = [
            (f"Stranger {conversation}", f"https://www.linkedin.com/in/stranger-{conversation}")
            if stranger
            else (name, profiles[name])
            for name in rng.sample(chosen, k=3 if group else 1)
        ]
        moment = start + dt.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60 - 1))
        for _ in range(min(rng.randint(2, 30), messages - written)):
            moment += dt.timedelta(minutes=rng.randint(5, 5000))
            mine = rng.random() < 0.5
            sender = me if mine else rng.choice(others)
            receivers = [p for p in [me, *others] if p != sender]
            out_csv.writerow(
                [
                    f"conv-{conversation}",
                    "Reunion" if group else "",
                    sender[0],
                    sender[1],
                    ", ".join(p[0] for p in receivers),
                    ", ".join(p[1] for p in receivers),
                    f"{moment:%Y-%m-%d %H:%M:%S} UTC",
                    "",
                    f"About {rng.choice(TOPICS)}, line one\nand more",
                    "INBOX",
                    "",
                    "Yes" if rng.random() < 0.02 else "No",
                    "No",
                ]
            )
            written += 1
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", rows.getvalue())
        archive.writestr("messages.csv", talk.getvalue())
        archive.writestr("Invitations.csv", "From,To,Sent At,Message,Direction\n")


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
        f"role: {rng.choice(ROLES)}",
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
    for d in entries:  # a message says who wrote more often than not
        channel = rng.choice(CHANNELS)
        marker = rng.choice(["", " to", " from"]) if channel in WRITTEN else ""
        front.append(f"- {d.isoformat()} {channel}{marker}: {rng.choice(TOPICS)}")
    if rng.random() < 0.1:
        due = today + dt.timedelta(days=rng.randint(-10, 40))
        front.append(f"- [ ] follow up on {rng.choice(TOPICS)} 📅 {due.isoformat()}")
    return "\n".join(front) + "\n"


ME_ADDRESS = "me@example.org"
ME_NAME = "Sam Reyes"


def _addresses(vault: Path) -> list[tuple[str, str]]:
    """(name, address) of each person note the vault holds, as `generate` wrote them."""
    found = []
    for note in sorted(vault.glob("*/*.md")):
        for line in note.read_text("utf-8").splitlines():
            if line.startswith("email: "):
                found.append((note.stem, line[len("email: ") :]))
                break
    return found


def mailbox(out: Path, vault: Path, messages: int, seed: int = 1) -> int:
    """An mbox as Google Takeout writes one (Gmail's labels and thread ids, Received and DKIM
    headers, text and HTML parts, CRLF lines) for the vault `generate` wrote: over three
    years, two in three messages with its people (one-to-one both ways, replies by
    In-Reply-To, some to several people), the rest mailing lists, newsletters, auto-replies,
    no-reply senders, spam and strangers; one in eight with an attachment of 40-120 KB;
    subjects in UTF-8, ISO-8859-1 and plain ASCII. About 11 KB a message. Returns its size."""
    import base64

    rng = random.Random(seed + 2)
    people = _addresses(vault)
    blob = base64.encodebytes(rng.randbytes(120_000)).decode().replace("\n", "\r\n")
    signature = blob.replace("\r\n", "")[:200]
    me = f"{ME_NAME} <{ME_ADDRESS}>"
    start = dt.datetime(2023, 11, 23, 8, 0, tzinfo=dt.UTC)
    size = 0
    with open(out, "wb") as handle:
        for n in range(messages):
            moment = start + dt.timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
            name, address = rng.choice(people)
            them = f"{name} <{address}>"
            topic = rng.choice(TOPICS)
            labels, extra = "Inbox,Opened", []
            roll = rng.random()
            if roll < 0.30:
                sender, to, labels = me, them, "Sent"
            elif roll < 0.60:
                sender, to = them, me
                if rng.random() < 0.5:
                    extra.append(f"In-Reply-To: <m{n - 1}@mail.example.org>")
            elif roll < 0.67:
                others = ", ".join(f"{a} <{b}>" for a, b in rng.sample(people, 3))
                sender, to = them, f"{me}, {others}"
            elif roll < 0.80:
                sender, to = f"Newsletter <news{n % 40}@lists.example.com>", me
                extra += [f"List-Id: <list{n % 40}.example.com>", "List-Unsubscribe: <mailto:x>"]
            elif roll < 0.85:
                sender, to = f"Updates <noreply@service{n % 9}.example>", me
            elif roll < 0.88:
                sender, to = them, me
                extra.append("Auto-Submitted: auto-replied")
            elif roll < 0.90:
                sender, to, labels = f"Prize <win{n}@spam.example>", me, "Spam"
            else:
                stranger = f"{rng.choice(NEW_FIRST)} {rng.choice(NEW_LAST)}"
                sender, to = f"{stranger} <{stranger.split()[0].lower()}@old.example>", me
            subject = f"About {topic}"
            if n % 7 == 0:
                subject = "=?UTF-8?B?" + base64.b64encode(f"Olá: {topic}".encode()).decode() + "?="
            elif n % 11 == 0:
                subject = f"=?ISO-8859-1?Q?Caf=E9_and_{topic.replace(' ', '_')}?="
            headers = [
                f"X-GM-THRID: {1700000000000000000 + n // 3}",
                f"X-Gmail-Labels: {labels}",
                *(
                    f"Received: from mail{i}.example.net (mail{i}.example.net [203.0.113.{i}])"
                    f"\r\n        by mx.example.org with ESMTPS id {n}x{i}"
                    f"\r\n        for <{ME_ADDRESS}>; {moment:%a, %d %b %Y %H:%M:%S +0000}"
                    for i in range(3)
                ),
                "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=s1;"
                "\r\n        h=from:to:subject:date:message-id;"
                f"\r\n        bh={signature[:44]}=;\r\n        b={signature[44:]}",
                f"From: {sender}",
                f"To: {to}",
                f"Subject: {subject}",
                f"Date: {moment:%a, %d %b %Y %H:%M:%S +0000}",
                f"Message-ID: <m{n}@mail.example.org>",
                *extra,
                "MIME-Version: 1.0",
                'Content-Type: multipart/mixed; boundary="b"',
            ]
            text = f"Hi,\r\n\r\nabout {topic}: " + "let us talk soon. " * rng.randint(5, 60)
            parts = [
                "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text,
                "--b\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>" + text + "</p>",
            ]
            if rng.random() < 0.125:
                length = rng.randint(40_000, 120_000)
                parts.append(
                    '--b\r\nContent-Type: application/pdf; name="notes.pdf"\r\n'
                    "Content-Transfer-Encoding: base64\r\n\r\n" + blob[:length]
                )
            body = "\r\n".join(headers) + "\r\n\r\n" + "\r\n".join(parts) + "\r\n--b--\r\n"
            data = f"From {n}@xxx {moment:%a %b %d %H:%M:%S +0000 %Y}\n{body}\r\n".encode()
            handle.write(data)
            size += len(data)
    return size


def whatsapp_chat(out: Path, vault: Path, lines: int, seed: int = 1) -> str:
    """A WhatsApp chat as Android exports it, with one person of the vault, over five years:
    `lines` lines, some messages going on over several lines, media and system lines among
    them. Returns the person's name."""
    rng = random.Random(seed + 3)
    name = _addresses(vault)[len(_addresses(vault)) // 2][0]
    moment = dt.datetime(2021, 11, 23, 8, 0)
    step = dt.timedelta(days=5 * 365) / lines
    written = ["23/11/2021, 08:00 - Messages and calls are end-to-end encrypted."]
    while len(written) < lines:
        moment += step * rng.uniform(0.5, 1.5)
        who = rng.choice((ME_NAME, name))
        said = "<Media omitted>" if rng.random() < 0.05 else f"about {rng.choice(TOPICS)}"
        written.append(f"{moment:%d/%m/%Y, %H:%M} - {who}: {said}")
        if rng.random() < 0.1:
            written.append("and one more thing on a line of its own")
    out.write_text("\n".join(written[:lines]) + "\n", "utf-8")
    return name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--linked", action="store_true", help="person notes link each other")
    args = parser.parse_args()
    written = generate(args.out, args.people, args.seed, linked=args.linked)
    print(written, "notes written to", args.out)


if __name__ == "__main__":
    main()
