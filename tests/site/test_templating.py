"""The report's template environment: values read from plain dicts as the templates write
them (`item.line`)."""

from __future__ import annotations

from typing import Any

import jinja2
import pytest

from notekit.site.templating import page_environment


def test_a_dict_is_read_by_its_items_then_its_attributes() -> None:
    """An item answers first (the views give the pages dicts); a method is still there when
    no item has its name; what is neither is undefined; objects are read by their attributes
    as before."""
    environment = page_environment(None)
    render = environment.from_string(
        "{{ row.line }}|{{ row.keys() | list | join(',') }}|{{ row.missing }}|{{ plain.real }}"
    ).render
    assert render(row={"line": 3, "text": "t"}, plain=2.5) == "3|line,text||2.5"
    assert environment.from_string("{{ row.items }}").render(row={"items": "a key"}) == "a key"


def test_an_item_of_a_dict_costs_no_failed_attribute_lookup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The work a page's rows cost: Jinja's own lookup, which tries an attribute and fails
    before it takes a dict's item, is never reached for an item that is there."""
    asked: list[str] = []
    real = jinja2.Environment.getattr

    def counting(self: jinja2.Environment, obj: Any, attribute: str) -> Any:  # noqa: ANN401
        asked.append(attribute)
        return real(self, obj, attribute)

    monkeypatch.setattr(jinja2.Environment, "getattr", counting)
    rows = [{"line": n, "text": "x"} for n in range(50)]
    template = page_environment(None).from_string("{% for r in rows %}{{ r.line }}{% endfor %}")
    assert template.render(rows=rows) == "".join(str(n) for n in range(50))
    assert asked == []
    assert page_environment(None).from_string("{{ n.real }}").render(n=2) == "2"
    assert asked == ["real"]  # an object's attribute: Jinja's own lookup
