"""A classifier data file that is not installed is an error, not a quiet fall-back."""
import pytest


@pytest.mark.parametrize("loader", ["load_model", "load_lexicon"])
def test_missing_attribution_model_is_an_error(tmp_path, monkeypatch, loader):
    from onrecord.attribute import classifier

    monkeypatch.setattr(classifier, "DATA", tmp_path)
    getattr(classifier, loader).cache_clear()
    try:
        with pytest.raises(classifier.ModelMissing, match="is missing"):
            getattr(classifier, loader)()
    finally:
        getattr(classifier, loader).cache_clear()


def test_missing_quote_kind_model_is_an_error(tmp_path, monkeypatch):
    from onrecord.attribute import quote_kinds

    monkeypatch.setattr(quote_kinds, "DATA", tmp_path)
    quote_kinds.load_model.cache_clear()
    try:
        with pytest.raises(quote_kinds.QuoteKindModelMismatch, match="is missing"):
            quote_kinds.load_model()
    finally:
        quote_kinds.load_model.cache_clear()
