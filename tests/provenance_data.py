"""Stores for the provenance tests, built from real text without the NLP pipeline: a debate
transcript of corpus/provenance/transcripts (its turns found by onrecord.attribute.turns, each
a direct statement of its label's speaker) and articles holding real quotations of the gold
set (corpus/provenance/gold.jsonl), each quotation a direct statement of its gold speaker."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROV = ROOT / "corpus" / "provenance"
TRANSCRIPTS = PROV / "transcripts"
GOLD = [json.loads(line) for line in (PROV / "gold.jsonl").open()]


def _rec(text: str, key: str, title: str, published: str, atts: list[tuple]) -> dict:
    speakers, out = {}, []
    for k, (start, end, name, src_span, cue_span) in enumerate(atts):
        sid = name.lower().replace(" ", "-")
        speakers[sid] = {"id": sid, "name": name, "type": "person", "role": None, "aliases": [],
                         "mentions": []}
        out.append({"id": f"a{k}", "kind": "direct", "how": "turn" if cue_span else "cue",
                    "content": {"start": start, "end": end, "text": text[start:end]},
                    "cue": ({"start": cue_span[0], "end": cue_span[1], "text": text[cue_span[0]:cue_span[1]]}
                            if cue_span else None),
                    "source": ({"start": src_span[0], "end": src_span[1], "text": text[src_span[0]:src_span[1]]}
                               if src_span else None),
                    "speaker": {"id": sid, "name": name}, "confidence": 0.9})
    return {"schema": "onrecord/1", "text": text,
            "source": {"path": None, "url": key, "sha256": hashlib.sha256(text.encode()).hexdigest(),
                       "encoding": "utf-8", "content_type": "text"},
            "document": {"title": title, "published": published, "author": None, "chrome": []},
            "speakers": list(speakers.values()), "attributions": out, "sentences": [], "events": [],
            "warnings": [], "rejected_quotations": []}


NAMES = {"HOLT": "Lester Holt", "TRUMP": "Donald Trump", "CLINTON": "Hillary Clinton"}


def transcript_record(name: str = "general-2016-09-26-hofstra.txt", chars: int = 30000) -> dict:
    from onrecord.attribute.turns import find_turns

    text = (TRANSCRIPTS / name).read_text()[:chars]
    atts = [(t.content[0], t.content[1], NAMES.get(text[t.label[0]:t.label[1]], text[t.label[0]:t.label[1]].title()),
             t.label, t.colon) for t in find_turns(text)]
    return _rec(text, "https://example.org/debate-transcript", "Transcript: First presidential debate",
                "2016-09-26", atts)


def article_record(quotes: list[tuple[str, str]], key: str, published: str = "2016-09-28") -> dict:
    """An article: each (speaker, quotation) a paragraph '“…,” Speaker said.'"""
    text, atts = "Debate night, in their words\n\n", []
    for speaker, q in quotes:
        start = len(text) + 1
        text += f"“{q}” {speaker} said.\n\n"
        atts.append((start - 1, start + len(q) + 1, speaker, None, None))
    return _rec(text, key, "Debate night, in their words", published, atts)


def debate_store(path: str):
    """A store with the first 30,000 characters of the first 2016 debate and two articles."""
    from onrecord.store import open_store

    store = open_store(path)
    store.put(transcript_record())
    store.put(article_record([
        ("Hillary Clinton", "He started his business with $14 million borrowed from his father, and he "
                            "really believes that the more you help wealthy people, the better off we’ll "
                            "be and that everything will work out from there. I don’t buy that,"),
        ("Donald Trump", "That makes me smart."),
        ("Donald Trump", "Our jobs are fleeing the country. They're going to Mexico."),
        ("Hillary Clinton", "Donald thinks that climate change is a hoax perpetrated by the Chinese."),
        ("Donald Trump", "We invested in a solar company … That was a total disaster."),
        ("Hillary Clinton", "The central question in this election is really what kind of country we want to be"),
        ("Ted Cruz", "I think that whoever gets the most delegates should win."),
    ], "https://example.org/article-one"))
    store.put(article_record([
        ("Donald Trump", "Our jobs are fleeing the country. They're going to Mexico. They're going to many other countries."),
    ], "https://example.org/article-two", published="2016-09-30"))
    return store
