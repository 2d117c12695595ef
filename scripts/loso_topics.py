#!/usr/bin/env python3
"""Leave-one-SET-out test of the topic classifier trained on all labelled v7 material.

    .venv/bin/python scripts/loso_topics.py                       # every held-out set h6..h11, h13 left out in turn
    .venv/bin/python scripts/loso_topics.py --left heldout_h10    # one
    .venv/bin/python scripts/loso_topics.py --left all --probe-weight 3 --shipped OLD.json  # round 11's table
    .venv/bin/python scripts/loso_topics.py --ask 0.6 --veto 0.2  # the engine's classifier thresholds (variants)
    # round 14: more material, each fresh set left out in turn, H11 never trained on, the bank's even half added
    .venv/bin/python scripts/loso_topics.py --left heldout_h14 --left heldout_h15 --left heldout_h17 --left heldout_h18 \
        --skip heldout_h11 --bank tests/corpus/banks/questions.toml --probe-weight 3 --save DIR
    # (the bank's odd half: train_topics.py --all-sets --skip heldout_h11 --bank ... --probe-weight 3 --out M.json,
    #  then scripts/eval_bank_questions.py --half odd --topics M.json)

For each left-out set S the classifier (scripts/train_topics.py's features and fit) is trained on the
manager turns of every OTHER v7 set (tuning, paraphrases, every held-out set but S) plus the shared
material, and compared with a model on S: ``--shipped`` (e.g. round 10's, `git show 7b46098:qa_desk/
analysis/data/topics.json`), by default the package's. Since round 11 the package's model is trained on
every set but H11, so its column is in-sample everywhere but on H11. A tuning-only ``--shipped`` model is
replaced on ``tuning`` by its recipe without it (shared material only), as before:

* per manager turn (BANT topics): rules alone, classifier alone (θ), rules vetted by the classifier + classifier;
* the whole engine (``score_deals``, as ``scripts/eval_questions.py --set S``): asked / answered tp/fp/fn.

The rules were tuned on h6..h9, so both columns are optimistic there; h10 is the fair comparison.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_topics as tt  # noqa: E402

from qa_desk.analysis import detect  # noqa: E402
from qa_desk.analysis.corpus_v7 import find_deals, score_deals  # noqa: E402
from qa_desk.analysis.detect import TOPIC_VETO  # noqa: E402
from qa_desk.analysis.topics import TopicModel, load_model, topic_model  # noqa: E402

V7 = ROOT / "tests" / "corpus" / "v7"
LEFT = ("heldout_h6", "heldout_h7", "heldout_h8", "heldout_h9", "heldout_h10", "heldout_h11", "heldout_h13", "heldout_h14")


def set_bags() -> dict[str, list[tt.Bag]]:
    """Every v7 set's bags by set (folder) name."""
    out: dict[str, list[tt.Bag]] = {}
    for b in tt.all_v7_bags(V7):
        out.setdefault(b.author, []).append(b)
    return out


def turn_level(model: TopicModel, test: Sequence[tt.Bag], th: float) -> dict[str, tuple[int, int, int]]:
    by_rules = [tt.rules(b) for b in test]
    clf = [tt.predict(model, b, th) for b in test]
    kept = [(r & tt.predict(model, b, TOPIC_VETO)) | c for r, c, b in zip(by_rules, clf, test, strict=True)]
    return {"rules": tt.score(test, by_rules), "clf": tt.score(test, clf), "rules+clf": tt.score(test, kept)}


Counts = tuple[int, int, int]


def engine(folder: Path, model: TopicModel) -> tuple[Counts, Counts]:
    """The whole engine's asked and answered (tp, fp, fn) on a set with this model."""
    score = score_deals(find_deals(folder), topics=model)
    a, n = score.total("asked"), score.total("answered")
    return (a.tp, a.fp, a.fn), (n.tp, n.fp, n.fn)


def _engine_line(counts: tuple[Counts, Counts]) -> str:
    return f"asked {tt.f1(*counts[0]):.3f} {counts[0]}  answered {tt.f1(*counts[1]):.3f} {counts[1]}"


def _add(a: Counts, b: Counts) -> Counts:
    return a[0] + b[0], a[1] + b[1], a[2] + b[2]


def every_set() -> list[str]:
    """Every v7 set folder (tuning, paraphrases, held-out): ``--left all``."""
    return sorted(d.name for d in V7.iterdir() if d.is_dir() and find_deals(d))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--left", action="append", help="held-out set(s) to leave out (default h6..h11 and h13; 'all': every v7 set)")
    parser.add_argument("--theta", type=float, default=0.5, help="turn-level: classifier's topic threshold")
    parser.add_argument("--ask", type=float, help="engine: detect.TOPIC_ASK for this run")
    parser.add_argument("--veto", type=float, help="engine: detect.TOPIC_VETO for this run")
    parser.add_argument("--l2", type=float, default=tt.L2)
    parser.add_argument("--probe-weight", type=float, default=tt.PROBE_WEIGHT, help="a hand-written item's weight")
    parser.add_argument("--none-weight", type=float, default=tt.NONE_WEIGHT, help='"none"\'s class-balance factor')
    parser.add_argument("--skip", action="append", default=[], help="a set never trained on (e.g. heldout_h11)")
    parser.add_argument("--bank", type=Path, action="append", default=[],
                        help="a question bank whose even half is added to every fold's training (train_topics.py --bank)")
    parser.add_argument("--shipped", type=Path, help="the model to compare with (default: the package's)")
    parser.add_argument("--no-shipped", action="store_true", help="score the LOSO models only")
    parser.add_argument("--no-engine", action="store_true", help="turn-level figures only")
    parser.add_argument("--save", type=Path, help="write each LOSO model as DIR/<set>.json")
    parser.add_argument("--load", type=Path, help="read each LOSO model from DIR/<set>.json (no training)")
    args = parser.parse_args()
    if args.ask is not None:
        detect.TOPIC_ASK = args.ask
    if args.veto is not None:
        detect.TOPIC_VETO = args.veto
    bags = {name: bs for name, bs in set_bags().items() if name not in args.skip}
    shared = tt.shared_bags() + [b for path in args.bank for b in tt.bank_bags(path, "even")]
    shipped_model = load_model(args.shipped) if args.shipped else topic_model()
    left_sets = every_set() if args.left == ["all"] else args.left or LEFT
    unknown = [name for name in left_sets if not (V7 / name).is_dir()]
    if unknown:
        print(f"Нет такого набора в {V7}: {', '.join(unknown)}", file=sys.stderr)
        return 2
    missing = [name for name in left_sets if args.load and not (args.load / f"{name}.json").is_file()]
    if missing:
        print(f"Нет сохранённой модели для {', '.join(missing)} в {args.load}", file=sys.stderr)
        return 2
    pooled: dict[str, tuple[Counts, Counts]] = {}
    table = []
    for left in left_sets:
        train = [b for name, bs in bags.items() if name != left for b in bs] + shared
        shipped = shipped_model
        if left == "tuning" and args.shipped and not args.no_shipped:
            # a tuning-only model (round 10's) saw the tuning material: honestly, its recipe without it (shared only)
            shipped = tt.train(tt.shared_bags(), shipped_model.spec)
        if args.load:
            model = load_model(args.load / f"{left}.json")
        else:
            model = tt.train(train, tt.default_spec(), args.l2, args.probe_weight, args.none_weight)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{left}.json").write_text(model.to_json(), encoding="utf-8")
        test = [b for b in bags.get(left, []) if b.manager]
        print(f"== left out {left} ({len(test)} manager turns, trained on {len(train)} bags)")
        models = (("loso", model),) if args.no_shipped else (("shipped", shipped), ("loso", model))
        for name, m in models:
            line = "  ".join(f"{k} {tt._fmt(v)}" for k, v in turn_level(m, test, args.theta).items())
            print(f"  turns {name:<8} {line}")
        if not args.no_engine:
            row = [left]
            for name, m in models:
                counts = engine(V7 / left, m)
                old = pooled.get(name, ((0, 0, 0), (0, 0, 0)))
                pooled[name] = (_add(old[0], counts[0]), _add(old[1], counts[1]))
                print(f"  engine {name:<8} {_engine_line(counts)}", flush=True)
                row += [f"{tt.f1(*c):.3f} ({c[0]}/{c[1]}/{c[2]})" for c in counts]
            table.append(row)
    if table:
        head = "| left out |" + ("" if args.no_shipped else " shipped asked | shipped answered |")
        print(head + " LOSO asked | LOSO answered |\n|---|---|---|" + ("" if args.no_shipped else "---|---|"))
        print("\n".join("| " + " | ".join(row) + " |" for row in table))
        for name, counts in pooled.items():
            print(f"pooled engine {name:<8} {_engine_line(counts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
