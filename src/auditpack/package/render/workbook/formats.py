"""The workbook's vocabulary and look: status labels and meanings, colours, cell formats."""

from __future__ import annotations

from typing import Any

# Requirement statuses, in the order the Summary and its chart show them.
REQUIREMENT_STATUSES = ("pass", "fail", "stale", "missing", "not_tested", "organisational",
                        "uncovered", "not_applicable")
CONTROL_STATUSES = ("pass", "fail", "stale", "missing", "not_tested", "not_applicable",
                    "out_of_scope")
LABELS = {"pass": "Pass", "fail": "Fail", "stale": "Stale", "missing": "Missing",
          "not_tested": "For assessor review", "not_applicable": "Not applicable",
          "out_of_scope": "Out of scope", "organisational": "Organisational",
          "uncovered": "Uncovered", "covered": "Covered", "via_crosswalk": "Via crosswalk"}
MEANINGS = {
    "pass": "Every evidence need was checked on current evidence and passed",
    "fail": "A check found exceptions (see the Exceptions and Findings - POA&M sheets)",
    "stale": "The newest evidence is too old for the control's frequency or misses the period",
    "missing": "No evidence collected for at least one evidence need",
    "not_tested": "Evidence on file and current; no automated check, for the assessor to review",
    "not_applicable": "The organisation does not operate the control (reason on Controls)",
    "out_of_scope": "Outside the scope of this package (reason on Controls)",
}
# Fill colours of status cells and chart series.
COLOURS = {"pass": "#63BE7B", "fail": "#E0504A", "stale": "#F4B183", "missing": "#FFC000",
           "not_tested": "#A6A6A6", "organisational": "#8EA9DB", "uncovered": "#7B2C2C",
           "not_applicable": "#D9D9D9", "out_of_scope": "#EDEDED"}
FILLS = {"pass": "#C6EFCE", "fail": "#FFC7CE", "stale": "#FCE4D6", "missing": "#FFEB9C",
         "not_tested": "#EDEDED", "uncovered": "#F4CCCC"}
HEADER_FILL = "#DCE6F1"


class Formats:
    """The workbook's cell formats, made once."""

    def __init__(self, book: Any) -> None:
        top = {"valign": "top"}
        self.header = book.add_format({"bold": True, "bg_color": HEADER_FILL, "text_wrap": True,
                                       "valign": "top", "border": 1})
        self.text = book.add_format(top)
        self.wrap = book.add_format({**top, "text_wrap": True})
        self.date = book.add_format({**top, "num_format": "yyyy-mm-dd", "align": "left"})
        self.datetime = book.add_format({**top, "num_format": "yyyy-mm-dd hh:mm:ss",
                                         "align": "left"})
        self.integer = book.add_format({**top, "num_format": "#,##0"})
        self.number = book.add_format({**top, "num_format": "0.0"})
        self.percent = book.add_format({**top, "num_format": "0.0%"})
        self.link = book.add_format({**top, "font_color": "#0563C1", "underline": 1})
        self.center = book.add_format({**top, "align": "center"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.section = book.add_format({"bold": True, "font_size": 12})
        self.label = book.add_format({**top, "bold": True})
        self.status = {s: book.add_format({**top, "bg_color": fill}) for s, fill in FILLS.items()}
