"""A real PostgreSQL 15 server for the store tests, started and stopped by the fixture.

As root, the server runs as an unprivileged user (``postgres`` if the Debian
package created it, else ``nobody``) from a temporary data directory, listening
on a free loopback port with its socket in that directory.  Each test gets its
own schema (``search_path``), so tests never see each other's rows.

Without the binaries or root the PostgreSQL tests are skipped with the reason;
under CI (``CI=true``) they fail instead, since there they must run.
"""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

PG_BIN_CANDIDATES = [Path(f"/usr/lib/postgresql/{v}/bin") for v in (15, 16, 17, 14)]


def _pg_bin() -> Path | None:
    env = os.environ.get("ONRECORD_PG_BIN")
    if env and (Path(env) / "initdb").exists():
        return Path(env)
    for p in PG_BIN_CANDIDATES:
        if (p / "initdb").exists() and (p / "pg_ctl").exists():
            return p
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL tests must run in CI: {reason}")
    pytest.skip(reason)


class PgServer:
    def __init__(self, bindir: Path, user: str):
        self.bindir = bindir
        self.user = user
        self.tmp = Path(tempfile.mkdtemp(prefix="onrecord-pg-"))
        self.data = self.tmp / "data"
        self.port = _free_port()
        self.log = self.tmp / "server.log"

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        cmd = list(args)
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", self.user, "--"] + cmd
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              cwd=str(self.tmp))

    def start(self) -> None:
        if os.geteuid() == 0:
            pw = pwd.getpwnam(self.user)
            os.chown(self.tmp, pw.pw_uid, pw.pw_gid)
            os.chmod(self.tmp, 0o700)
        r = self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                      "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        if r.returncode != 0:
            raise RuntimeError(f"initdb failed: {r.stderr.strip() or r.stdout.strip()}")
        opts = (f"-p {self.port} -k {self.tmp} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=50 -c shared_buffers=32MB")
        r = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                      "-o", opts, "-w", "-t", "60", "start")
        if r.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {r.stderr.strip()} {log[-2000:]}")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-w", "stop", timeout=30)
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server():
    bindir = _pg_bin()
    if bindir is None:
        _unavailable("PostgreSQL server binaries not found (apt-get install postgresql)")
    user = None
    if os.geteuid() == 0:
        for cand in ("postgres", "nobody"):
            try:
                pwd.getpwnam(cand)
                user = cand
                break
            except KeyError:
                continue
        if user is None:
            _unavailable("no unprivileged user to run PostgreSQL as")
    else:
        user = pwd.getpwuid(os.geteuid()).pw_name
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed")
    server = PgServer(bindir, user)
    try:
        server.start()
    except Exception as e:  # noqa: BLE001
        shutil.rmtree(server.tmp, ignore_errors=True)
        _unavailable(f"cannot start PostgreSQL: {e}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty schema on the test server, as a ``postgresql://`` URL."""
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server.url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{pg_server.url}?options=-csearch_path%3D{schema}"
    with psycopg.connect(pg_server.url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """Each store test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("pg_url")


# --- stand-in records for store / serve tests ---------------------------------

def _rec(text: str, *, path: str, title: str, published: str | None, speakers: list[dict],
         atts: list[tuple], author_sentences: list[str] = (), chrome: list[str] = ()):
    """Build a Record; ``atts`` are (kind, content, cue, source, speaker_id, addressee_id)."""
    import hashlib

    from onrecord.model import (Attribution, ChromeSpan, DocumentInfo, Record, Sentence,
                                Source, Span, Speaker)

    def span(s: str, after: int = 0) -> Span:
        i = text.index(s, after)
        return Span(i, i + len(s), s)

    sp = {}
    for s in speakers:
        mentions = []
        for alias in [s["name"]] + s.get("aliases", []):
            i = text.find(alias)
            while i >= 0:
                if not any(m.start <= i < m.end for m in mentions):
                    mentions.append(Span(i, i + len(alias), alias))
                i = text.find(alias, i + 1)
        sp[s["id"]] = Speaker(s["id"], s["name"], s.get("type", "person"), s.get("role"),
                              s.get("aliases", []), sorted(mentions, key=lambda m: m.start))
    attributions = []
    for n, (kind, content, cue, source, spk, addr) in enumerate(atts, 1):
        c = span(content)
        attributions.append(Attribution(
            id=f"a{n}", kind=kind, content=[c],
            cue=span(cue, max(0, c.start - 40)) if cue else None,
            source=span(source, max(0, c.start - 60)) if source else None,
            speaker=sp[spk].ref() if spk else None,
            addressee=sp[addr].ref() if addr else None, confidence=0.9))
    doc_chrome = [ChromeSpan(span(c).start, span(c).end, "navigation") for c in chrome]
    sentences = [Sentence(span(s).start, span(s).end, "author") for s in author_sentences]
    body_start = max((c.end for c in doc_chrome), default=0)
    return Record(
        text=text,
        source=Source(path=path, sha256=hashlib.sha256(text.encode()).hexdigest(),
                      content_type="text"),
        document=DocumentInfo(title=title, author="Test Author", published=published,
                              published_basis="explicit", body=Span(body_start, len(text)),
                              chrome=doc_chrome),
        speakers=list(sp.values()), attributions=attributions, sentences=sentences)


LAVROV = {"id": "sergey-lavrov", "name": "Sergey Lavrov", "role": "Russian Foreign Minister",
          "aliases": ["Lavrov"]}
POMPEO = {"id": "mike-pompeo", "name": "Mike Pompeo", "role": "US Secretary of State",
          "aliases": ["Pompeo"]}
ZAKHAROVA = {"id": "maria-zakharova", "name": "Maria Zakharova",
             "role": "Foreign Ministry spokeswoman", "aliases": ["Zakharova"]}


def record_treaty(path: str = "/archive/treaty.txt", extra: str = ""):
    text = ("Home | World | Contact\n"
            "Arms control talks stall\n\n"
            "Sergey Lavrov said the New START treaty must be extended without conditions. "
            "\"We are ready to extend the treaties for five years,\" Lavrov told reporters. "
            "\"Mike Pompeo is wrong about our nuclear forces,\" Lavrov said. "
            "Mike Pompeo said Washington would not accept the terms. "
            "This writer thinks both sides are posturing." + extra)
    return _rec(text, path=path, title="Arms control talks stall", published="2020-11-17",
                speakers=[LAVROV, POMPEO],
                atts=[("indirect", "the New START treaty must be extended without conditions",
                       "said", "Sergey Lavrov", "sergey-lavrov", None),
                      ("direct", "We are ready to extend the treaties for five years", "told",
                       "Lavrov", "sergey-lavrov", None),
                      ("direct", "Mike Pompeo is wrong about our nuclear forces", "said",
                       "Lavrov", "sergey-lavrov", None),
                      ("indirect", "Washington would not accept the terms", "said",
                       "Mike Pompeo", "mike-pompeo", None)],
                author_sentences=["This writer thinks both sides are posturing."],
                chrome=["Home | World | Contact"])


def record_sanctions(path: str = "/archive/sanctions.txt"):
    text = ("Sanctions row deepens <script>alert('x')</script>\n\n"
            "Maria Zakharova said the sanctions were illegal and aimed at Lavrov's ministry. "
            "Lavrov told Pompeo that Moscow would respond to the sanctions. "
            "Readers may recall <b>earlier rounds</b> of this.")
    return _rec(text, path=path, title="Sanctions row deepens <script>alert('x')</script>",
                published="2021-03-01", speakers=[ZAKHAROVA, LAVROV, POMPEO],
                atts=[("indirect", "the sanctions were illegal and aimed at Lavrov's ministry",
                       "said", "Maria Zakharova", "maria-zakharova", None),
                      ("indirect", "Moscow would respond to the sanctions", "told", "Lavrov",
                       "sergey-lavrov", "mike-pompeo")],
                author_sentences=["Readers may recall <b>earlier rounds</b> of this."])


def record_undated(path: str = "/archive/undated.txt"):
    text = "An anonymous official said talks were \"going nowhere\" at all."
    return _rec(text, path=path, title=None, published=None, speakers=[],
                atts=[("mixed", "talks were \"going nowhere\" at all", "said",
                       "An anonymous official", None, None)])
