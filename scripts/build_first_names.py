"""Build src/onrecord/resolve/data/first_names.json from the 1990 US Census first-name lists.

The lists (public domain, US Census Bureau) come inside the PyPI package ``names==0.3.0``
(MIT): ``pip install -e .[train]``.  For each first name the table holds the share of
female bearers, from the two lists' frequencies; names given to both sexes keep their
share (e.g. "jordan" ~0.1), so the resolver can treat them as unknown.
Run: python scripts/build_first_names.py
"""
import json
from pathlib import Path

import names

HERE = Path(names.__file__).parent
OUT = Path(__file__).resolve().parents[1] / "src/onrecord/resolve/data/first_names.json"


def read(kind: str) -> dict[str, float]:
    freq = {}
    for line in (HERE / f"dist.{kind}.first").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            freq[parts[0].lower()] = float(parts[1])
    return freq


def main() -> None:
    fem, male = read("female"), read("male")
    # the census counts ~1.05 women per man among the sampled: weigh frequencies as given
    table = {}
    for name in sorted(set(fem) | set(male)):
        f, m = fem.get(name, 0.0), male.get(name, 0.0)
        table[name] = round(f / (f + m), 3) if f + m else 0.5
    OUT.write_text(json.dumps({"source": "1990 US Census first names (public domain), via PyPI names==0.3.0",
                               "female_share": table}, separators=(",", ":")) + "\n")
    print(f"{len(table)} names -> {OUT}")


if __name__ == "__main__":
    main()
