"""A note's body as the report shows it: task lists as GitHub shows them, in linear time."""

from __future__ import annotations

import time

from notekit.site.markdown import make_renderer

BOX = '<input class="task-list-item-checkbox"{} disabled="disabled" type="checkbox">'
OPEN, TICKED = BOX.format(""), BOX.format(' checked="checked"')


def _render(text: str) -> str:
    return make_renderer(lambda target: f"{target}.html" if target == "Ana" else None)(text)


def test_task_items_are_boxes_ticked_or_not_and_other_items_stay_items() -> None:
    html = _render("- [ ] call [[Ana]]\n- [x] done\n- plain\n  1. [X] nested\n- [ ]\n")
    assert html == (
        '<ul class="contains-task-list">\n'
        f'<li class="task-list-item">{OPEN} call '
        '<a class="wikilink" href="Ana.html">Ana</a></li>\n'
        f'<li class="task-list-item">{TICKED} done</li>\n'
        "<li>plain\n"
        '<ol class="contains-task-list">\n'
        f'<li class="task-list-item">{TICKED} nested</li>\n'
        "</ol>\n"
        "</li>\n"
        "<li>[ ]</li>\n"  # a box with nothing after it is text
        "</ul>\n"
    )
    assert _render("[ ] not in a list\n") == "<p>[ ] not in a list</p>\n"


def _seconds(text: str) -> float:
    """The best of three timings, in this process's CPU time."""
    render = make_renderer(lambda target: None)
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        render(text)
        best = min(best, time.process_time() - started)
    return best


def test_a_list_of_thousands_of_tasks_is_rendered_in_linear_time() -> None:
    """Each item's list was found by walking back over every token before it: a note of
    16,000 tasks took about a minute in the report."""
    items = [f"- [ ] task {n}\n" for n in range(8000)]
    short, long = "".join(items[:1000]), "".join(items)
    growth = min(_seconds(long) / _seconds(short) for _ in range(2))
    assert growth < 20  # about 8 when linear, 64 when quadratic
