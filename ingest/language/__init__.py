"""Everything Plansvar knows about Swedish (and English) text, in one room.

Every other module imports its language knowledge from here; none defines its own word lists or
text patterns (tests/test_architecture.py checks that regular expressions live here).

- :mod:`.words`: words, function and stop words, stemming (Snowball, Swedish), character n-grams,
  accent folding.
- :mod:`.detect`: the language of a text (Swedish or English).
- :mod:`.marks`: text shapes — list-item marks, label lines, numbers, years, periods, amounts,
  contact lines, signatures.
- :mod:`.sentences`: sentence boundaries as exact offsets (abbreviations that do not end one).
- :mod:`.search_text`: the search form of a text (words broken at a line end mended).
- :mod:`.questions`: what a question asks for (its cues: who, list, comparison, amount …, follow-ups).
- :mod:`.admin`: Swedish administrative phrasing (statements of responsibility and assignment).
- :mod:`.glossary`: the English → Swedish domain vocabulary (``data/glossary_en_sv.tsv``).
- :mod:`.fuzzy`: near words (edit distance through a deletion index), for typo-tolerant matching.
- :mod:`.spelling`: the vocabulary word a Swedish word typed without å, ä, ö or with a typo meant.
"""
