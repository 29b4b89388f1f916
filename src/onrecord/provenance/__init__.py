"""Quote provenance: where a quotation's words came from, and whether they were changed.

``align`` aligns a quotation with a passage word by word and gives its fidelity class;
``index`` finds the candidate passages of the store by shared word 4-grams; ``trace`` answers
for one quotation or for every quotation of the archive; ``export`` writes the whole archive's
answers; ``cli`` holds the ``trace`` and ``provenance`` commands.
"""
