"""Transcript turns of the provenance test set: for every transcript in a store, the speaker
labels at the start of a line, the turns the record holds, and whether each turn's speaker is
the person its label names.  python bench/provenance_turns.py STORE.db"""
import json, re, sqlite3, collections, sys
db = sqlite3.connect(sys.argv[1])
GENERIC = {'question','announcer','unidentified','male','female','audience','moderator','q','a','candidates','unknown'}
tot = collections.Counter()
for doc_id, key, rec in db.execute("select id, key, record from documents where key like '%transcripts%' order by key"):
    r = json.loads(rec); text = r['text']
    labels = {m.start(1): m.group(1) for m in re.finditer(r"^([A-Z][A-Z .'’-]{0,40}?)(?: \([^)]*\))?:\s", text, re.M)}
    turns = [a for a in r['attributions'] if a.get('how') == 'turn']
    starts = {a['source']['start'] for a in turns}
    ok = bad = 0; errs = collections.Counter()
    for a in turns:
        lab = a['source']['text']; name = ((a.get('speaker') or {}).get('name') or '').lower().replace('’', "'")
        words = re.findall(r"[a-z']+", lab.lower().replace('’', "'"))
        if not words or words[-1] in GENERIC or words[-1] in re.findall(r"[a-z']+", name):
            ok += 1
        else:
            bad += 1; errs[(lab, a['speaker'] and a['speaker']['name'])] += 1
    missing = [l for s, l in labels.items() if s not in starts]
    tot['labels'] += len(labels); tot['turns'] += len(turns); tot['ok'] += ok; tot['bad'] += bad; tot['missing'] += len(missing)
    print(f"{key.split('/')[-1]:48} labels {len(labels):4} turns {len(turns):4} right {ok:4} wrong {bad:3} unparsed {len(missing):2}", errs.most_common(3), missing[:3])
print(dict(tot))
