"""Writes the debate transcripts of corpus/provenance/transcripts/ from the two repositories
that hold them (corpus/SOURCES.md): the 2016 general-election and vice-presidential debates
(user01/Presidential-Debates, debate.csv, one row per paragraph) and the 2015-16 primary
debates (paxtonab/primary_debates_nltk, one text file per debate).  Each page is a title
line, a date line and the transcript as published ("TRUMP: …" turns); a CSV row of the
speaker of the row before is a new paragraph of the same turn; applause rows are left out
and the CSV's "CANDIDATES: (CROSSTALK)" rows are the bare "(CROSSTALK)" of the published text.

    python corpus/provenance/make_transcripts.py GENERAL_GIT_DIR PRIMARY_GIT_DIR
"""
import csv
import io
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "transcripts"
GENERAL = {  # date in the CSV -> (file stem, title, date line)
    "9/26/16": ("general-2016-09-26-hofstra", "First presidential debate, Hofstra University, Hempstead, New York", "September 26, 2016"),
    "10/4/16": ("vp-2016-10-04-longwood", "Vice-presidential debate, Longwood University, Farmville, Virginia", "October 4, 2016"),
    "10/9/16": ("general-2016-10-09-st-louis", "Second presidential debate, Washington University, St. Louis, Missouri", "October 9, 2016"),
    "10/19/2016": ("general-2016-10-19-las-vegas", "Third presidential debate, University of Nevada, Las Vegas", "October 19, 2016"),
}
PRIMARY = {  # file -> (file stem, title, date line)
    "4_republican_debate.txt": ("republican-2015-11-10-milwaukee", "Republican presidential debate, Milwaukee (Fox Business Network)", "November 10, 2015"),
    "5_republican_debate.txt": ("republican-2015-12-15-las-vegas", "Republican presidential debate, Las Vegas (CNN)", "December 15, 2015"),
    "6_republican_debate.txt": ("republican-2016-01-14-north-charleston", "Republican presidential debate, North Charleston (Fox Business Network)", "January 14, 2016"),
    "7_republican_debate.txt": ("republican-2016-01-28-des-moines", "Republican presidential debate, Des Moines (Fox News)", "January 28, 2016"),
    "8_republican_debate.txt": ("republican-2016-02-06-manchester", "Republican presidential debate, Manchester, New Hampshire (ABC News)", "February 6, 2016"),
    "11_republican_debate.txt": ("republican-2016-03-03-detroit", "Republican presidential debate, Detroit (Fox News)", "March 3, 2016"),
    "12_republican_debate.txt": ("republican-2016-03-10-miami", "Republican presidential debate, Coral Gables, Florida (CNN)", "March 10, 2016"),
    "2_democratic_debate.txt": ("democratic-2015-11-14-des-moines", "Democratic presidential debate, Des Moines (CBS News)", "November 14, 2015"),
    "3_democratic_debate.txt": ("democratic-2015-12-19-manchester", "Democratic presidential debate, Manchester, New Hampshire (ABC News)", "December 19, 2015"),
    "4_democratic_debate.txt": ("democratic-2016-01-17-charleston", "Democratic presidential debate, Charleston, South Carolina (NBC News)", "January 17, 2016"),
    "5_democratic_debate.txt": ("democratic-2016-01-25-des-moines-town-hall", "Democratic presidential town hall, Des Moines (CNN)", "January 25, 2016"),
    "6_democratic_debate.txt": ("democratic-2016-02-04-durham", "Democratic presidential debate, Durham, New Hampshire (MSNBC)", "February 4, 2016"),
    "7_democratic_debate.txt": ("democratic-2016-02-11-milwaukee", "Democratic presidential debate, Milwaukee (PBS)", "February 11, 2016"),
    "9_democratic_debate.txt": ("democratic-2016-03-09-miami", "Democratic presidential debate, Miami (Univision, The Washington Post)", "March 9, 2016"),
    "10_democratic_debate.txt": ("democratic-2016-04-14-brooklyn", "Democratic presidential debate, Brooklyn (CNN)", "April 14, 2016"),
}


def show(git_dir: str, path: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, "show", "HEAD:" + path],
                          capture_output=True, text=True, check=True).stdout


def main(general_git: str, primary_git: str) -> None:
    OUT.mkdir(exist_ok=True)
    rows = list(csv.DictReader(io.StringIO(show(general_git, "debate.csv"))))
    for date, (stem, title, when) in GENERAL.items():
        paras, last = [], None
        for r in rows:
            if r["Date"] != date or r["Speaker"] == "Audience":
                continue
            text = r["Text"].strip()
            if r["Speaker"] == "CANDIDATES":  # the CSV's name for "(CROSSTALK)" lines
                paras.append(text)
                continue
            paras.append(text if r["Speaker"] == last else f"{r['Speaker'].upper()}: {text}")
            last = r["Speaker"]
        (OUT / f"{stem}.txt").write_text(f"Transcript: {title}\n{when}\n\n" + "\n\n".join(paras) + "\n")
    for name, (stem, title, when) in PRIMARY.items():
        body = show(primary_git, name).strip()
        (OUT / f"{stem}.txt").write_text(f"Transcript: {title}\n{when}\n\n{body}\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
