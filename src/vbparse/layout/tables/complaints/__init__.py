"""The complaints table: category rows, counts, and groups from vertically merged cells.

A group is the rows its merged cell spans. Where rules cross the group column between
every two labels, a label's rows are those between the rules around it (a cell cut by a
page break runs to the page's foot; rows at a page's top before its first cell continue
the group above; an empty cell between closed ones is in no group). Elsewhere the
label's alignment in its cell is found from the geometry: the whole table's rows, over
all its pages, are split into runs so that each label stands at the top, the centre or
the bottom of its run, whichever fits all labels best (ties: the fewest rows in no
group, then top); a label printed on its group's first row only is the top case. A run
crosses page breaks: on below a top label, back above a bottom one. Alignments that fit
alike but group rows differently are reported (complaint_groups_ambiguous). A totals
row ("Totalt", "Summa") is no category.

Modules: `reader` (rows from lines), `column` (the group column's edge), `cells`
(cell text and counts), `groups` (which rows a label's merged cell spans), `row`.
"""

from .reader import parse_complaints

__all__ = ["parse_complaints"]
