"""Ctrl-C (issue 10): a real SIGINT to a running ``casualties extract`` or ``build`` in a
subprocess leaves no half-written table or page, no process behind, and exits 130 with one
line on stderr."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from casualties.corpus import read_articles

pytestmark = pytest.mark.slow
INTERRUPTED = "interrupted (no partial output left)"


def _start(args: list[str], tmp_path: Path) -> tuple[subprocess.Popen, str]:
    marker = uuid.uuid4().hex
    env = {**os.environ, "CASUALTIES_TEST_RUN": marker}
    process = subprocess.Popen(
        [sys.executable, "-m", "casualties", *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    return process, marker


def _wait_for(condition, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the run never got to the point to interrupt"
        time.sleep(0.05)


def _ctrl_c(process: subprocess.Popen, group: bool = True) -> tuple[int, str]:
    if group:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
    else:
        os.kill(process.pid, signal.SIGINT)  # kill -INT: the main process only
    _stdout, stderr = process.communicate(timeout=90)
    return process.returncode, stderr


def _processes_of(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"CASUALTIES_TEST_RUN={marker}".encode() in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def _no_process_left(marker: str, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while _processes_of(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_of(marker) == []


def _check_one_line(code: int, stderr: str, command: str) -> None:
    assert code == 130, stderr
    assert "Traceback" not in stderr, stderr
    assert stderr.strip().splitlines()[-1] == f"casualties {command}: {INTERRUPTED}"
    assert stderr.count(INTERRUPTED) == 1


def test_ctrl_c_during_extract_leaves_no_table(tmp_path):
    corpus = tmp_path / "big.jsonl"
    with open(corpus, "w", encoding="utf-8") as handle:
        for copy in range(150):
            for article in read_articles():
                record = {"id": f"{article.doc_id}-{copy}", "title": f"{article.title} {copy}",
                          "outlet": article.outlet, "published": article.published,
                          "text": article.text}  # fmt: skip
                handle.write(json.dumps(record) + "\n")
    out = tmp_path / "out"
    out.mkdir()
    process, marker = _start(["extract", str(corpus), "-o", str(out / "claims.csv")], tmp_path)
    _wait_for(lambda: any(out.iterdir()), process, 60)  # the temporary file is being written
    time.sleep(0.5)
    code, stderr = _ctrl_c(process)
    _check_one_line(code, stderr, "extract")
    assert list(out.iterdir()) == []  # neither claims.csv nor its temporary file
    _no_process_left(marker)


def test_sigterm_during_extract_leaves_no_tmp_file(tmp_path):
    # Issue 15: a killed extract of one huge paragraph left a 0-byte .tmp file.
    body = " ".join(
        f"Taliban fighters killed {3 + i % 40} civilians, police said." for i in range(60_000)
    )
    corpus = tmp_path / "huge.jsonl"
    corpus.write_text(json.dumps({"id": "huge", "text": body}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    process, marker = _start(["extract", str(corpus), "-o", str(out / "claims.csv")], tmp_path)
    _wait_for(lambda: any(out.iterdir()), process, 60)  # the temporary file is open
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    _stdout, stderr = process.communicate(timeout=90)
    _check_one_line(process.returncode, stderr, "extract")
    assert list(out.iterdir()) == []
    _no_process_left(marker)


@pytest.mark.parametrize("group", [True, False], ids=["ctrl-c", "kill-int"])
def test_ctrl_c_during_build_leaves_no_half_written_page_and_no_process(tmp_path, group):
    site, processed = tmp_path / "site", tmp_path / "processed"
    args = ["build", "--jobs", "2", "--quiet", "--out", str(site), "--processed", str(processed)]
    process, marker = _start(args, tmp_path)
    _wait_for(lambda: site.is_dir() and any(site.glob("*.html")), process, 300)
    start = time.monotonic()
    code, stderr = _ctrl_c(process, group)
    assert time.monotonic() - start < 30  # the workers are stopped, not waited for
    _check_one_line(code, stderr, "build")
    assert not list(tmp_path.rglob("*.tmp")) and not list(tmp_path.rglob(".*.tmp"))
    pages = list(site.glob("*.html"))
    assert pages
    for page in pages:  # every page there is complete
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page.name
    for table in processed.glob("*.csv"):
        assert table.read_text(encoding="utf-8").endswith("\n"), table.name
    _no_process_left(marker)
