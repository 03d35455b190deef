"""Built-in rule plugins, one module per family, each with its data files beside it.

The engine registers every module listed in BUILTIN as a pluggy plugin; it knows no rule by name.
"""

BUILTIN = [
    "lawlint.plugins.headings",  # H  heading structure
    "lawlint.plugins.sections",  # S  mandatory parts, title block, closing block
    "lawlint.plugins.citations",  # C  titles of cited documents, 发文字号, 以下简称
    "lawlint.plugins.brackets",  # P1 paired marks
    "lawlint.plugins.punctuation",  # P2 punctuation, dashes, spaces
    "lawlint.plugins.years",  # Y  report year, dates, anachronisms
    "lawlint.plugins.wording",  # W  misused words, numbers, fixed sequences, placeholders
    "lawlint.plugins.privacy",  # D  personal data in a report that will be published
    "lawlint.plugins.residue",  # F  conversion residue and file-level defects
]
