"""Rewrite the parser's golden files from what the parser gives now, and the table of config
keys in docs/format.md from their declarations: `make golden`, after a deliberate change, then
review the diff. Never run by the suite."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from read.test_config import BEGIN, END, FORMAT, config_reference  # noqa: E402
from read.test_parse import GOLDEN, golden_of  # noqa: E402

for source in sorted(GOLDEN.glob("*.md")):
    golden = GOLDEN / f"{source.stem}.json"
    text = json.dumps(golden_of(source.stem), indent=2, ensure_ascii=False) + "\n"
    if not golden.exists() or golden.read_text("utf-8") != text:
        golden.write_text(text, "utf-8")
        print(f"rewrote {golden}")

text = FORMAT.read_text("utf-8")
before, rest = text.split(BEGIN, 1)
after = rest.split(END, 1)[1]
table = f"{before}{BEGIN}\n{config_reference()}\n{END}{after}"
if table != text:
    FORMAT.write_text(table, "utf-8")
    print(f"rewrote the config keys of {FORMAT}")
