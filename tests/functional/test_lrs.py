"""tutor sync and tutor report --lrs against a real LRS (Ralph on a loopback port), and an LRS that fails."""

from __future__ import annotations

import http.client
import http.server
import json
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.clients import harness
from tests.clients.harness import FIXTURE_LESSONS, Ralph, fixture_library, free_port, take_quizzes, validate_statement
from tutor.cli import main
from tutor.progress.store import Store
from tutor.teacher.assignment import make_assignment

LESSONS = ["--no-shipped", "--lessons", str(FIXTURE_LESSONS)]
ralph = harness.ralph  # the session's LRS (a fixture)


def sync(url: str, *extra: str, user: str = "teacher", password: str = "s3cret-for-tests") -> int:
    return main([*LESSONS, "sync", "--lrs", url, "--user", user, "--password", password, *extra])


def outbox(home: Path) -> tuple[int, int]:
    """(pending, all) rows in the outbox."""
    with Store.open(home / "progress.db") as store:
        return store.pending_count(), store.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]


def learner(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


#: sync's per-request timeout in these tests: long enough for a busy CI machine, short enough to keep them quick.
SLOW = 3.0


class FlakyProxy:
    """An HTTP proxy in front of the LRS that, after ``allow`` requests, drops connections, answers 503 or stalls."""

    def __init__(self, target: Ralph, allow: int, mode: str = "down") -> None:
        self.target, self.allow, self.mode, self.seen = target, allow, mode, 0
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.seen += 1
                if proxy.seen > proxy.allow:
                    if proxy.mode == "down":
                        self.close_connection = True
                        self.connection.close()
                        return
                    if proxy.mode == "slow":
                        time.sleep(SLOW + 1.5)  # longer than sync's timeout
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                conn = http.client.HTTPConnection("127.0.0.1", proxy.target.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                conn.request(self.command, self.path, body=body or None, headers=headers)
                answer = conn.getresponse()
                data = answer.read()
                conn.close()
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.getheader("Content-Type", "application/json"))
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _forward

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:
                pass  # a client that gave up on a stalled answer is what these tests make happen: not news

        self.server = Server(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FlakyProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_sync_sends_every_learners_statements_once(ralph, isolated_data_dir, capsys):
    ana, bo = learner("ana"), learner("bo")
    take_quizzes(isolated_data_dir, ana)
    take_quizzes(isolated_data_dir, bo, wrong={"why-closed"})
    assert outbox(isolated_data_dir) == (24, 24)
    assert sync(ralph.url.rstrip("/"), "--batch", "5") == 0  # without the final slash too
    assert "Sent 24 statements" in capsys.readouterr().out
    assert outbox(isolated_data_dir) == (0, 24)
    with Store.open(isolated_data_dir / "progress.db") as store:
        ours = {json.loads(s)["id"]: json.loads(s) for name in (ana, bo) for s in store.statements(name)}
    stored = ralph.statements_of(ana) + ralph.statements_of(bo)
    assert sorted(s["id"] for s in stored) == sorted(ours)
    for statement in stored:
        validate_statement(statement)
        assert statement["result"] == ours[statement["id"]]["result"]
    # Nothing pending: a second sync sends nothing. A crash after the LRS accepted but before the rows were
    # marked (simulated by unmarking them) resends them: the LRS keeps one copy of each.
    assert sync(ralph.url) == 0 and "Nothing to send" in capsys.readouterr().out
    with Store.open(isolated_data_dir / "progress.db") as store:
        store.mark_unsent()
    assert sync(ralph.url, "--batch", "7") == 0
    assert outbox(isolated_data_dir) == (0, 24)
    assert len(ralph.statements_of(ana)) == 12 and len(ralph.statements_of(bo)) == 12


def test_settings_from_the_environment(ralph, isolated_data_dir, monkeypatch, capsys):
    take_quizzes(isolated_data_dir, learner("env"))
    monkeypatch.setenv("TUTOR_LRS_URL", ralph.url)
    monkeypatch.setenv("TUTOR_LRS_USER", ralph.user)
    monkeypatch.setenv("TUTOR_LRS_PASSWORD", ralph.password)
    assert main([*LESSONS, "sync"]) == 0
    assert "Sent 12 statements" in capsys.readouterr().out


@pytest.mark.parametrize("mode", ["down", "5xx", "slow"])
def test_an_lrs_failing_mid_sync_loses_nothing(ralph, isolated_data_dir, capsys, mode):
    ana = learner("ana")
    take_quizzes(isolated_data_dir, ana)
    with FlakyProxy(ralph, allow=3, mode={"5xx": "5xx"}.get(mode, mode)) as proxy:  # the check, then two batches
        started = time.monotonic()
        status = sync(proxy.url, "--batch", "4", "--give-up-after", "1.5", "--timeout", str(SLOW))
        took = time.monotonic() - started
    err = capsys.readouterr().err
    assert status == 1 and "8 statements sent, 4 still waiting in the outbox" in err and "run 'tutor sync' again" in err, err
    assert "Traceback" not in err and took < 1.5 + 4 * SLOW + 5  # retried with backoff, for a bounded time
    assert outbox(isolated_data_dir) == (4, 12)
    assert len(ralph.statements_of(ana)) == 8
    assert sync(ralph.url) == 0  # the LRS is back
    assert outbox(isolated_data_dir) == (0, 12)
    assert len(ralph.statements_of(ana)) == 12


def test_an_lrs_that_is_not_there(isolated_data_dir, capsys):
    take_quizzes(isolated_data_dir, learner("ana"))
    status = sync(f"http://127.0.0.1:{free_port()}/xAPI/", "--give-up-after", "0.5")
    err = capsys.readouterr().err
    assert status == 1 and "cannot be reached" in err and "0 statements sent, 12 still waiting" in err
    assert outbox(isolated_data_dir) == (12, 12)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("lrs.school.example", "is not an xAPI endpoint address"),
        ("ftp://lrs.school.example/xAPI/", "is not an xAPI endpoint address"),
        ("http://127.0.0.1:notaport/xAPI/", "port that is not a number"),
        ("{ralph}nothing-here/", "is not an xAPI endpoint: it has no statements resource (404)"),
        ("{ralph_root}", "is not an xAPI endpoint"),
    ],
)
def test_bad_lrs_urls_and_credentials_are_clear_errors(ralph, isolated_data_dir, capsys, url, message):
    take_quizzes(isolated_data_dir, learner("ana"))
    url = url.format(ralph=ralph.url, ralph_root=f"http://127.0.0.1:{ralph.port}/")
    assert sync(url) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert outbox(isolated_data_dir) == (12, 12)
    assert sync(ralph.url, password="wrong") == 1
    assert "refused the user name or password (401)" in capsys.readouterr().err
    assert outbox(isolated_data_dir) == (12, 12)


def test_a_web_server_that_is_not_an_lrs(isolated_data_dir, capsys):
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>Welcome to our school</html>")

        do_POST = do_GET

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        take_quizzes(isolated_data_dir, learner("ana"))
        assert sync(f"http://127.0.0.1:{server.server_address[1]}/") == 1
    finally:
        server.shutdown()
        server.server_close()
    assert "answered, but not as an xAPI endpoint does" in capsys.readouterr().err
    assert outbox(isolated_data_dir) == (12, 12)


def test_report_from_the_lrs_is_the_report_from_result_files(ralph, isolated_data_dir, tmp_path, capsys):
    library = fixture_library(isolated_data_dir)
    homework = make_assignment(
        library.modules, ["bridge-basics", "bridge-sources"], "Bridge homework", 60, "2026-12-01", 2, False, 7, f"bridge-{uuid.uuid4().hex[:8]}"
    )
    assignment_file = tmp_path / "homework.assignment.yaml"
    assignment_file.write_text(homework.to_yaml(), encoding="utf-8")
    students = {learner("ana"): set(), learner("bo"): {"why-closed", "who-says-cost", "engineer-name"}, learner("cy"): {"match-speakers"}}
    for name, wrong in students.items():
        take_quizzes(isolated_data_dir, name, wrong=wrong, assignment=homework)
    take_quizzes(isolated_data_dir, learner("dee"), finish=False, assignment=homework)  # part-way through
    take_quizzes(isolated_data_dir, next(iter(students)), assignment=None)  # outside the assignment: not counted
    assert sync(ralph.url) == 0
    capsys.readouterr()
    assert main([*LESSONS, "report", str(isolated_data_dir / "results"), "--assignment", str(assignment_file), "--json"]) == 0
    from_files = json.loads(capsys.readouterr().out)
    lrs = ["--lrs", ralph.url, "--user", ralph.user, "--password", ralph.password]
    assert main([*LESSONS, "report", *lrs, "--assignment", str(assignment_file), "--json"]) == 0
    from_lrs = json.loads(capsys.readouterr().out)
    assert set(from_lrs["students"]) == set(from_files["students"]) | {n for n in from_lrs["students"] if n.startswith("dee-")}
    for name, student in from_files["students"].items():
        got = from_lrs["students"][name]
        assert (got["score"], got["passed"], got["late"]) == (student["score"], student["passed"], student["late"])
        for module_id, module in student["modules"].items():
            for key in ("score", "passed", "finished", "late", "attempts_used", "completed_at", "completed_on"):
                assert got["modules"][module_id][key] == module[key], (name, module_id, key)
    dee = next(v for k, v in from_lrs["students"].items() if k.startswith("dee-"))
    assert not dee["modules"]["bridge-basics"]["finished"] and dee["modules"]["bridge-basics"]["score"] == 1.0
    assert from_lrs["class_average"] != {} and from_lrs["items"][0]["missed"] >= 1
    missed = {(i["module"], i["question"]): i["missed"] for i in from_lrs["items"]}
    assert missed == {(i["module"], i["question"]): i["missed"] for i in from_files["items"]}
    # following "more" links: the same report when the LRS answers three statements at a time
    from tutor.exports.lrs import LRS
    from tutor.exports.lrs_report import class_report
    from tutor.progress.xapi import Settings
    from tutor.teacher.report import as_json, item_analysis

    paged = class_report(LRS(ralph.url, ralph.user, ralph.password), Settings(), library, homework, page=3)
    paged_json = as_json(paged, item_analysis(paged, library.modules))
    assert {k: v["modules"] for k, v in paged_json["students"].items()} == {k: v["modules"] for k, v in from_lrs["students"].items()}
    # and as text, the same table the teacher knows
    assert main([*LESSONS, "report", *lrs, "--assignment", str(assignment_file)]) == 0
    text = capsys.readouterr().out
    assert "Assignment: Bridge homework (4 students)" in text and "Most-missed questions:" in text


def test_a_statement_the_lrs_holds_differently_is_reported_and_the_rest_sent(ralph, isolated_data_dir, capsys):
    ana = learner("ana")
    take_quizzes(isolated_data_dir, ana)
    assert sync(ralph.url) == 0
    with Store.open(isolated_data_dir / "progress.db") as store, store.write() as conn:
        row_id, text = conn.execute("SELECT id, statement FROM outbox ORDER BY id LIMIT 1").fetchone()
        edited = json.loads(text)
        edited["result"]["success"] = not edited["result"]["success"]  # same id, other content
        conn.execute("UPDATE outbox SET statement = ?, sent_at = NULL WHERE id = ?", (json.dumps(edited), row_id))
        conn.execute("UPDATE outbox SET sent_at = NULL WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 4)")
        conn.execute("UPDATE outbox_sent_through SET id = 0")  # as if they had never been marked
    capsys.readouterr()
    assert sync(ralph.url) == 1
    captured = capsys.readouterr()
    assert "Sent 3 statements" in captured.out and "different statements under the ids of 1 statement" in captured.err
    assert outbox(isolated_data_dir) == (1, 12)
    assert len(ralph.statements_of(ana)) == 12
