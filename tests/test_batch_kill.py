"""A batch killed with SIGKILL takes its worker processes with it: none survives the
parent (nor the multiprocessing resource tracker), and nothing is written afterwards."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_batch import make_input_tree

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[0], int(fields[1])


def descendants(pid: int) -> set[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (st := _stat(int(entry.name))):
            parents[int(entry.name)] = st[1]
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    st = _stat(pid)
    return st is not None and st[0] not in ("Z", "X")  # a zombie has ended, only its entry waits


def snapshot(out: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size)
            for p in out.rglob("*") if p.is_file()}


def test_sigkill_of_the_batch_ends_its_workers(tmp_path):
    inputs = make_input_tree(tmp_path / "in", copies=12, giants=False)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "batch", str(inputs), "-o", str(out), "--workers", "2", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    children: set[int] = set()
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None and len(list(out.rglob("*.json"))) < 6:
            time.sleep(0.05)
        assert proc.poll() is None, "the batch finished before it could be killed: " + proc.stderr.read().decode()
        children = descendants(proc.pid)  # two workers and the resource tracker
        assert len(children) >= 3, children
        os.kill(proc.pid, signal.SIGKILL)  # the batch alone, as `kill -9 PID` does
        proc.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(map(alive, children)):
            time.sleep(0.05)
        survivors = [pid for pid in children if alive(pid)]
        assert not survivors, f"processes of the killed batch still run: {survivors}"
        before = snapshot(out)
        time.sleep(2)
        assert snapshot(out) == before, "files were written after the batch was killed"
    finally:
        for pid in [proc.pid, *children]:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def test_ctrl_c_stops_the_workers_and_keeps_the_finished_work(tmp_path):
    inputs = make_input_tree(tmp_path / "in", copies=12, giants=False)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "batch", str(inputs), "-o", str(out), "--workers", "2", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    children: set[int] = set()
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None and len(list(out.rglob("*.json"))) < 6:
            time.sleep(0.05)
        assert proc.poll() is None, "the batch finished before it could be interrupted"
        children = descendants(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
        assert proc.wait(timeout=60) == 130
        err = proc.stderr.read().decode()
        assert err.strip() == "thaipress: interrupted", err
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(map(alive, children)):
            time.sleep(0.05)
        assert not [pid for pid in children if alive(pid)]
        assert (out / ".thaipress-journal.jsonl").read_text(encoding="utf-8")  # a re-run keeps what was done
    finally:
        for pid in [proc.pid, *children]:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
