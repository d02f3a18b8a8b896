#!/usr/bin/env python3
"""Fit the ranking weights of `ask` (src/query/ask/rank.rs, WEIGHTS) on a question set.

  scripts/fit_ask_weights.py BIN [--set DIR] [--db DB] [--jobs N] [--cache FILE] [--check] [--both]
  (standard library only)

Stores the set's qa documents in a fresh database (or uses --db), asks every question with
`ask --explain --json`, and labels each listed candidate sentence by whether it holds a gold
answer. The documents are split in two halves by a stable hash of their names: the weights are
fitted on half A by a listwise softmax (see `fit`) and reported on both halves, so a gain that
shows on A only is visible as fitting. With --both, each half is fitted and scored on the other, and the
mean of the two fits is printed (each of them checked on the half it did not see). Prints the fitted weights
as a Rust array; only those numbers go into the repository, never the data.
"""
import argparse
import concurrent.futures
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def fold(s):
    return ' '.join(s.lower().split())


def half(doc):
    return hashlib.sha256(doc.encode()).digest()[0] % 2


def ingest(binp, set_dir, db):
    man = json.loads((set_dir / 'set.json').read_text())
    d = set_dir / man['qa']['docs']
    docs = sorted([*d.glob('*.txt'), *d.glob('*.html')])
    for k in range(0, len(docs), 100):
        subprocess.run([binp, '--db', db, '--json', 'ingest', *map(str, docs[k:k + 100])],
                       check=True, capture_output=True)
    return [json.loads(l) for l in (set_dir / man['qa']['questions']).read_text().splitlines() if l]


def weights_in_source():
    """(name, weight) pairs of WEIGHTS in rank.rs, next to this script, in its order."""
    src = (Path(__file__).resolve().parents[1] / 'src' / 'query' / 'ask' / 'rank.rs').read_text()
    body = src.split('pub const WEIGHTS')[1].split('];')[0].split('= [', 1)[1]
    pairs = []
    for line in body.splitlines():
        if '//' in line:
            value, name = line.split('//', 1)
            pairs.append((name.strip(), float(value.strip().rstrip(','))))
    return pairs


NAMES = [n for n, _ in weights_in_source()]


def explain(binp, db, q):
    r = subprocess.run([binp, '--db', db, '--json', 'ask', '--explain', q['question']],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return q, []
    ans = [fold(a) for a in q['answers']]
    cands = json.loads(r.stdout)['candidates']
    return q, [([c['features'][n] for n in NAMES], any(a in fold(c['sentence']) for a in ans)) for c in cands]


def evaluate(data, w):
    top1 = top3 = 0
    for cands in data:
        scored = sorted(cands, key=lambda c: -sum(a * b for a, b in zip(c[0], w)))
        top1 += bool(scored) and scored[0][1]
        top3 += any(c[1] for c in scored[:3])
    n = max(1, len(data))
    return 100 * top1 / n, 100 * top3 / n


def fit(data, w, epochs=30, rate=0.05, l2=1e-3, hold=()):
    """Listwise softmax: gradient descent on -log P(a gold candidate is first), where P is a
    softmax over each question's candidate scores. A smooth objective finds better weights than
    searching one weight at a time on a grid. Weights stay >= 0 (scores are compared as ratios);
    a feature that never differs between the candidates of one question (the time range, the
    topic hint: this set has neither) keeps its weight from rank.rs, as does each index in `hold`."""
    import math
    import random
    rng = random.Random(0)
    w = list(w)
    varies = [j not in hold and any(len({c[0][j] for c in cands}) > 1 for cands in data)
              for j in range(len(w))]
    qs = [cands for cands in data if any(c[1] for c in cands) and not all(c[1] for c in cands)]
    for epoch in range(epochs):
        rng.shuffle(qs)
        for cands in qs:
            scores = [sum(a * b for a, b in zip(c[0], w)) for c in cands]
            top = max(scores)
            exp = [math.exp(x - top) for x in scores]
            total = sum(exp)
            p = [e / total for e in exp]
            p_gold = sum(pi for pi, c in zip(p, cands) if c[1])
            grad = [0.0] * len(w)
            for pi, c in zip(p, cands):
                coef = pi - (pi / p_gold if c[1] else 0.0)
                for j, v in enumerate(c[0]):
                    grad[j] += coef * v
            for j in range(len(w)):
                if varies[j]:
                    w[j] = max(0.0, w[j] - rate * (grad[j] + l2 * w[j]))
        if (epoch + 1) % 10 == 0:
            print(f'fit: epoch {epoch + 1}: top1/top3 {evaluate(data, w)}', file=sys.stderr)
    return w


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('bin')
    ap.add_argument('--set', default=str(Path(__file__).resolve().parents[2] / 'shared' / 'eval'))
    ap.add_argument('--db')
    ap.add_argument('--jobs', type=int, default=4)
    ap.add_argument('--check', action='store_true', help='only score the weights now in rank.rs')
    ap.add_argument('--hold', default='', help='features (comma-separated names) whose weights stay as in rank.rs: '
                    'e.g. the article-level ones, which questions written from one passage lean on less than '
                    'questions asked in chat')
    ap.add_argument('--both', action='store_true', help='fit each half, score it on the other, print the mean')
    ap.add_argument('--cache', help='keep the labelled candidates in this file (outside the repository), '
                    'and read them from it when it exists: refits without asking again')
    a = ap.parse_args()
    set_dir = Path(a.set).resolve()
    db = a.db or str(Path(tempfile.mkdtemp(prefix='newsdesk-fit.')) / 'fit.db')
    if a.db:
        man = json.loads((set_dir / 'set.json').read_text())
        qs = [json.loads(l) for l in (set_dir / man['qa']['questions']).read_text().splitlines() if l]
    else:
        qs = ingest(a.bin, set_dir, db)
    if a.cache and Path(a.cache).exists():
        halves = tuple(json.loads(Path(a.cache).read_text()))
    else:
        halves = ([], [])
        with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
            for q, cands in ex.map(lambda q: explain(a.bin, db, q), qs):
                halves[half(q['doc'])].append(cands)
        if a.cache:
            Path(a.cache).write_text(json.dumps(halves))
    names = NAMES
    current = [w for _, w in weights_in_source()]
    for label, w in (('current', current),):
        print(f'{label}: A top1/top3 {evaluate(halves[0], w)}  B top1/top3 {evaluate(halves[1], w)}')
    if a.check:
        return
    unknown = [h for h in a.hold.split(',') if h and h not in names]
    if unknown:
        sys.exit(f'fit: no feature named {unknown[0]}')
    hold = {names.index(h) for h in a.hold.split(',') if h}
    fitted = fit(halves[0], current, hold=hold)
    print(f'fitted on A: A top1/top3 {evaluate(halves[0], fitted)}  B top1/top3 {evaluate(halves[1], fitted)}')
    if a.both:
        on_b = fit(halves[1], current, hold=hold)
        print(f'fitted on B: A top1/top3 {evaluate(halves[0], on_b)}  B top1/top3 {evaluate(halves[1], on_b)}')
        fitted = [(x + y) / 2 for x, y in zip(fitted, on_b)]
        print(f'mean of both: A top1/top3 {evaluate(halves[0], fitted)}  B top1/top3 {evaluate(halves[1], fitted)}')
    print('pub const WEIGHTS: [f64; %d] = [' % len(fitted))
    for n, v in zip(names, fitted):
        print(f'    {v:.2f}, // {n}')
    print('];')


if __name__ == '__main__':
    main()
