"""Faults around a run: a full disk, a closed stdout, Ctrl-C and SIGTERM, kills at random moments.

Each test name starts with its row id in README "Errors and exit codes" (`disk-full` is tested by
`test_disk_full_...`). Real processes where the fault is the operating system's (pipes, signals,
file size limits, /dev/full); in-process runs where the fault is simulated.
"""

from __future__ import annotations

import errno
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from pubdedup.cli import main
from pubdedup.decisions import parse_decisions
from tests.conftest import EXAMPLES, ROOT

SEEDS = sorted(EXAMPLES.glob("*.txt"))
OLD = "@misc{older, title = {An older output}}\n"
PUBDEDUP = [sys.executable, "-m", "pubdedup"]


def leftovers(directory: Path) -> list[str]:
    """Temp files an interrupted write would leave (`.out.bib.XXXX.tmp`)."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def run_pubdedup(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*PUBDEDUP, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        **kwargs,
    )


@pytest.fixture(scope="module")
def many_pages(tmp_path_factory) -> list[Path]:
    """Copies of the seed pages, abstracts reshuffled per copy: a run of about half a second."""
    directory = tmp_path_factory.mktemp("pages")
    rng = random.Random(7)
    paths = []
    for copy in range(6):
        for seed in SEEDS:
            lines = []
            for line in seed.read_text(encoding="utf-8").splitlines():
                match = re.match(r"(\s*Preview abstract )(.*)( View details)$", line)
                if match:
                    words = match.group(2).split()
                    rng.shuffle(words)
                    line = f"{match.group(1)}{' '.join(words)}{match.group(3)}"
                lines.append(line)
            path = directory / f"{copy}_{seed.name}"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            paths.append(path)
    return paths


# --- disk full -------------------------------------------------------------------------------


def test_disk_full_while_writing_keeps_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "out.bib"
    out.write_text(OLD, encoding="utf-8")

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    result = CliRunner().invoke(main, ["merge", *map(str, SEEDS), "-o", str(out)])
    assert result.exit_code == 5
    assert result.stderr == f"pubdedup: error: {out}: cannot write: no space left on device\n"
    assert out.read_text(encoding="utf-8") == OLD and leftovers(tmp_path) == []


def test_disk_full_in_a_real_process_keeps_the_old_file(tmp_path):
    """The kernel refuses the write (a file size limit of 4 KB stands in for a full disk)."""
    out = tmp_path / "out.bib"
    out.write_text(OLD, encoding="utf-8")

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    proc = run_pubdedup("merge", *SEEDS, "-o", out, preexec_fn=small_files)
    assert proc.returncode == 5
    assert proc.stderr == f"pubdedup: error: {out}: cannot write: file too large\n"
    assert out.read_text(encoding="utf-8") == OLD and leftovers(tmp_path) == []


def test_disk_full_device_behind_a_symlink(tmp_path):
    """-o through a symlink writes to its target; /dev/full fails every write."""
    link = tmp_path / "out.bib"
    link.symlink_to("/dev/full")
    result = CliRunner().invoke(main, ["merge", *map(str, SEEDS), "-o", str(link)])
    assert result.exit_code == 5
    assert result.stderr == f"pubdedup: error: {link}: cannot write: no space left on device\n"
    assert link.is_symlink() and Path("/dev/full").is_char_device()  # nothing renamed over them


def test_stdout_full_is_an_error_with_no_traceback():
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [*PUBDEDUP, "merge", *map(str, SEEDS)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            check=False,
        )
    assert proc.returncode == 5
    assert proc.stderr == "pubdedup: error: <stdout>: cannot write: no space left on device\n"


def test_stdout_too_large_is_an_error_not_a_cut_output(tmp_path):
    """Python's buffered stdout dropped what a file size limit refused, and exited 0."""
    out = tmp_path / "out.bib"

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    with out.open("w") as handle:
        proc = subprocess.run(
            [*PUBDEDUP, "merge", *map(str, SEEDS)],
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            check=False,
            preexec_fn=small_files,
        )
    assert proc.returncode == 5
    assert proc.stderr == "pubdedup: error: <stdout>: cannot write: file too large\n"


@pytest.mark.parametrize(
    "args, code",
    [
        (["merge", *map(str, SEEDS)], 5),
        (["merge", *map(str, SEEDS), "-o", "{tmp}/out.bib"], 0),
        (["parse", str(SEEDS[0])], 5),
        (["explain", *map(str, SEEDS), "-f", "json"], 5),
        (["schema"], 5),
    ],
)
def test_stdout_closed(tmp_path, args, code):
    """Started with stdout closed (`>&-`): data meant for it is an error, -o still works."""
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    proc = run_pubdedup(*args, stdout=None, preexec_fn=lambda: os.close(1))
    assert proc.returncode == code
    closed = "pubdedup: error: <stdout>: standard output is closed; give -o FILE\n"
    assert proc.stderr == (closed if code else "")


@pytest.mark.parametrize(
    "closed, code, message",
    [
        (0, 4, "pubdedup: error: -: standard input is closed; review reads its answers there "
         "(or give --accept-all or --reject-all)\n"),
        (1, 5, "pubdedup: error: <stdout>: standard output is closed; give -o FILE\n"),
    ],
)  # fmt: skip
def test_review_stdin_closed_or_stdout_closed(tmp_path, closed, code, message):
    """`review <&-` or `review >&-` (a cron job, a script): an error, not input()'s traceback."""
    config = tmp_path / "cautious.json"
    config.write_text('{"abstract_match": 0.9}', encoding="utf-8")
    decisions = tmp_path / "decisions.toml"
    pages = [*map(str, SEEDS), "tests/data/pages/zhai_edited.txt", "--config", config]
    args = ["review", *pages, "--decisions", decisions, "-q"]
    std = {"stdin": None} if closed == 0 else {"stdout": None}
    proc = run_pubdedup(*args, **std, preexec_fn=lambda: os.close(closed))
    assert (proc.returncode, proc.stderr) == (code, message)
    assert not decisions.exists()
    answered = run_pubdedup(*args, "--reject-all", stdin=None, preexec_fn=lambda: os.close(0))
    assert answered.returncode == 0, answered.stderr


def test_ctrl_c_in_review_keeps_the_answers_given(tmp_path):
    """Ctrl-C at review's second question: exit 130, the first answer in the decisions file,
    which parses (each answer replaces the file whole, through a temp file), and no temp file."""
    bib = tmp_path / "mine.bib"
    bib.write_text(
        "@article{zhai2022scaling, title = {Scaling Vision Transformers},\n"
        "  author = {Zhai, Xiaohua and Beyer, Lucas}, journal = {CVPR}, year = {2022}}\n",
        encoding="utf-8",
    )
    decisions = tmp_path / "decisions.toml"
    args = [*PUBDEDUP, "review", *map(str, SEEDS), str(bib), "--decisions", str(decisions)]
    proc = subprocess.Popen(
        args, cwd=ROOT, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdin and proc.stdout
    watchdog = threading.Timer(60, proc.kill)  # never a hung suite, whatever review prints
    watchdog.start()
    proc.stdin.write("d\n")
    proc.stdin.flush()
    for line in proc.stdout:  # the second pair is shown once the first answer is written
        if "Maybe pair 2 of 4" in line:  # after the first prompt, on its line
            break
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    watchdog.cancel()
    assert (proc.returncode, stderr) == (130, "pubdedup: interrupted\n")
    parsed = parse_decisions(decisions.read_text("utf-8"), str(decisions))
    assert [d.verdict for d in parsed.items] == ["different"]
    assert leftovers(tmp_path) == []


def test_stderr_full_costs_no_output(tmp_path):
    """Messages are best effort: a warning on a full stderr ended the run with exit 1."""
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, title = {A paper}, year = 2001}\n@misc{b, title = {Cut", "utf-8")
    expected = run_pubdedup("merge", bib)
    assert expected.returncode == 0 and "warning" in expected.stderr
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [*PUBDEDUP, "merge", str(bib)], stdout=subprocess.PIPE, stderr=full, text=True,
            cwd=ROOT, check=False,
        )  # fmt: skip
    assert (proc.returncode, proc.stdout) == (0, expected.stdout)


def test_stdout_to_a_device_is_written_directly(tmp_path):
    """-o /dev/null (or /dev/stdout) cannot be replaced by a rename: it is written to."""
    result = CliRunner().invoke(main, ["merge", *map(str, SEEDS), "-o", os.devnull])
    assert result.exit_code == 0 and result.stderr == ""
    assert Path(os.devnull).is_char_device()


# --- broken pipe ------------------------------------------------------------------------------


def test_broken_pipe_ends_quietly(many_pages):
    """`pubdedup merge ... | head -1`: the reader leaves after one line; no traceback."""
    producer, head = _pipeline(many_pages, ["head", "-1"])
    first_line = head.communicate()[0]
    stderr = producer.stderr.read().decode()
    # 141 (128 + SIGPIPE) when the write meets the closed pipe; 0 when the kernel took all the
    # output before `head` left (one large write into a pipe can end that way).
    assert producer.wait() in (0, 141)
    assert first_line == b"{\n"
    assert stderr == ""  # neither a BrokenPipeError traceback nor "Exception ignored"


def test_broken_pipe_before_the_first_write_exits_141(many_pages):
    """A reader that is gone before pubdedup writes (`| true`): always EPIPE, always quiet."""
    producer, reader = _pipeline(many_pages, ["true"])
    reader.wait()
    assert producer.wait() == 141
    assert producer.stderr.read() == b""


@pytest.mark.parametrize("command", [["explain"], ["parse", "-f", "table"]])
def test_tables_to_a_closed_pipe_exit_141(many_pages, command):
    """rich's tables (`explain | true`): rich's own handler would exit 1, `--check`'s "would
    change"."""
    producer, reader = _pipeline(many_pages, ["true"], command)
    reader.wait()
    assert producer.wait() == 141
    assert producer.stderr.read() == b""


def _pipeline(
    pages: list[Path], reader: list[str], command: list[str] | None = None
) -> tuple[subprocess.Popen, subprocess.Popen]:
    producer = subprocess.Popen(
        [*PUBDEDUP, *(command or ["merge", "-f", "json"]), *map(str, pages)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    consumer = subprocess.Popen(reader, stdin=producer.stdout, stdout=subprocess.PIPE)
    producer.stdout.close()  # only the reader holds the pipe now
    return producer, consumer


# --- Ctrl-C and SIGTERM in-process, at a known moment -------------------------------------------


def test_ctrl_c_while_writing_keeps_the_old_file(tmp_path, monkeypatch):
    _signal_while_writing(tmp_path, monkeypatch, signal.SIGINT, 130, "interrupted")


def test_sigterm_while_writing_keeps_the_old_file(tmp_path, monkeypatch):
    _signal_while_writing(tmp_path, monkeypatch, signal.SIGTERM, 143, "terminated")


def _signal_while_writing(tmp_path, monkeypatch, signum, code, message):
    """The signal arrives mid-write: the temp file is removed, the old output stays."""
    out = tmp_path / "out.bib"
    out.write_text(OLD, encoding="utf-8")
    real_fsync = os.fsync

    def signalled(fd):
        signal.raise_signal(signum)  # handled by pubdedup's handler, which raises
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", signalled)
    result = CliRunner().invoke(main, ["merge", *map(str, SEEDS), "-o", str(out)])
    assert result.exit_code == code
    assert result.stderr == f"pubdedup: {message}\n"
    assert out.read_text(encoding="utf-8") == OLD and leftovers(tmp_path) == []


def test_ctrl_c_while_reading_writes_nothing(tmp_path, monkeypatch):
    from pubdedup import files

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "read_bytes", interrupted)
    out = tmp_path / "out.bib"
    result = CliRunner().invoke(main, ["merge", *map(str, SEEDS), "-o", str(out)])
    assert result.exit_code == 130 and result.stderr == "pubdedup: interrupted\n"
    assert list(tmp_path.iterdir()) == []


def test_signal_handlers_are_restored_after_a_run():
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    CliRunner().invoke(main, ["merge", str(SEEDS[0])])
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


def _signal_setup(_slice: int) -> tuple[bool, bool, bool]:
    """In a forked worker: Ctrl-C ignored, SIGTERM fatal, neither held."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    sigint, sigterm = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    free = not held & {signal.SIGINT, signal.SIGTERM}
    return sigint == signal.SIG_IGN, sigterm == signal.SIG_DFL, free


def test_ctrl_c_leaves_forked_workers_to_the_parent():
    """Ctrl-C reaches a forked worker too (the terminal signals the whole group). Running the
    parent's handler, it ignored SIGTERM on its way out, and the SIGTERM that ends the pool
    printed `OSError: Signal 15 ignored due to race condition` with a traceback."""
    from pubdedup import forked
    from pubdedup.cli import signals

    with signals.handled():
        answers = list(forked.interleaved([0, 1, 2, 3], _signal_setup, _signal_setup, None, 2))
        parents = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    assert answers[1] == answers[3] == (True, True, True)
    assert parents == (signals._raise, signals._raise)  # the parent's own handling unchanged


# --- kills at random moments of a real run ------------------------------------------------------

# Starting Python and importing pubdedup takes longer than reading and matching the test input,
# so kills timed from the start would mostly land before pubdedup does anything. This parent
# imports pubdedup once and forks one process per run: each child is a real process running
# `pubdedup merge ... -o OUT` from its first line (pubdedup's main, its own signal handlers, its
# own writes), and the parent kills it with a real signal at the planned moment.
FORK_AND_KILL = r"""
import json, os, signal, sys, time
from pubdedup.cli import main

def start(args, log):
    pid = os.fork()
    if pid:
        return pid
    os.dup2(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as in a shell: no KeyboardInterrupt preset
    try:
        main(["merge", *args], prog_name="pubdedup")
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    sys.stderr.flush()
    os._exit(code)

def status(pid):
    _, raw = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(raw)

plan = json.loads(sys.argv[1])
started = time.monotonic()
code = status(start(plan["reference"], plan["reference_log"]))
duration = time.monotonic() - started
results = []
for pair in zip(plan["runs"][0::2], plan["runs"][1::2]):  # two at a time
    began = time.monotonic()
    pids = [start(run["args"], run["log"]) for run in pair]
    for pid, run in sorted(zip(pids, pair), key=lambda p: p[1]["at"]):
        time.sleep(max(0.0, began + run["at"] * duration - time.monotonic()))
        os.kill(pid, run["signal"])
    results += [status(pid) for pid in pids]
print(json.dumps({"reference": code, "duration": duration, "codes": results}))
"""


def test_killed_mid_run_leaves_old_or_complete_output(tmp_path, many_pages):
    """SIGINT or SIGTERM at 20 random moments of reading, matching and writing: the output is
    the old one or the complete new one, never partial, and no temp file is left behind."""
    rng = random.Random(2024)
    inputs = [*map(str, many_pages), "-f", "json"]
    runs = []
    for n in range(20):
        directory = tmp_path / f"run{n:02d}"
        directory.mkdir()
        if n % 2 == 0:
            (directory / "out.json").write_text(OLD, encoding="utf-8")
        runs.append(
            {
                "args": [*inputs, "-o", str(directory / "out.json")],
                "log": str(directory / "stderr.txt"),
                "signal": int(rng.choice([signal.SIGINT, signal.SIGTERM])),
                "at": rng.uniform(0, 1.2),  # a fraction of an uninterrupted run's duration
            }
        )
    reference = tmp_path / "reference.json"
    plan = {
        "reference": [*inputs, "-o", str(reference)],
        "reference_log": str(tmp_path / "reference.txt"),
        "runs": runs,
    }
    proc = subprocess.run(
        [sys.executable, "-c", FORK_AND_KILL, json.dumps(plan)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    report = json.loads(proc.stdout)
    assert report["reference"] == 0
    handled = [code for code in report["codes"] if code in (130, 143)]
    assert len(handled) >= 8, report  # most kills landed while the run was still working
    complete = reference.read_text(encoding="utf-8")
    for n, (run, code) in enumerate(zip(runs, report["codes"], strict=True)):
        directory = tmp_path / f"run{n:02d}"
        out = directory / "out.json"
        content = out.read_text(encoding="utf-8") if out.exists() else None
        stderr = (directory / "stderr.txt").read_text(encoding="utf-8")
        where = f"run {n}: signal {run['signal']} at {run['at']:.2f} of the run: exit {code}"
        assert content in (complete, OLD if n % 2 == 0 else None), where
        assert leftovers(directory) == [], where
        assert "Traceback" not in stderr and "Exception ignored" not in stderr, where
        expected = 130 if run["signal"] == signal.SIGINT else 143
        if code == expected:  # handled: cleaned up, one line
            assert stderr in ("pubdedup: interrupted\n", "pubdedup: terminated\n"), where
        else:  # the run had finished: the output is the complete one
            assert code in (0, -run["signal"]) and content == complete, where


# --- the replaced file's ownership ------------------------------------------------------------


def _another_group() -> int | None:
    """A group this process may give its files other than its own: any for root, else one of
    its supplementary groups."""
    if os.geteuid() == 0:
        return 65534 if os.getegid() != 65534 else 65533
    return next((g for g in os.getgroups() if g != os.getegid()), None)


@pytest.mark.parametrize("how", ["-o", "--into"])
def test_replaced_file_keeps_its_group_and_mode(tmp_path, how):
    """A library shared by a group (`chgrp papers library.bib; chmod 664`), updated by one
    member's cron job: the renamed temp file took the job's own group, locking the others out."""
    group = _another_group()
    if group is None:
        pytest.skip("no second group to give the file")
    out = tmp_path / "library.bib"
    out.write_text(OLD, encoding="utf-8")
    os.chown(out, -1, group)
    out.chmod(0o664)
    result = CliRunner().invoke(main, ["merge", *map(str, SEEDS), how, str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") != OLD
    assert (out.stat().st_gid, out.stat().st_mode & 0o7777) == (group, 0o664)


_LIBRARY = (
    "@string{J={Journal of Things}}\n"
    "@article{my_key,title={A Study},author={Smith, John},journal=J,year=2020}\n"
)


def _merge(*args):
    return CliRunner().invoke(main, ["merge", *map(str, args)])


def test_keys_replaced_when_bibtex_is_rewritten_in_place(tmp_path):
    """README's `keys-replaced`: `-o` over a person's BibTeX input replaces its keys."""
    library = tmp_path / "refs.bib"
    library.write_text(_LIBRARY, encoding="utf-8")
    result = _merge(library, "-o", library)
    assert result.exit_code == 0, result.output
    assert "1 of its keys are replaced (my_key -> smith2020study)" in result.stderr
    assert f"`--into {library}` updates it in place" in result.stderr
    # pubdedup's own BibTeX merged again keeps its keys: nothing to say
    again = _merge(library, "-o", library)
    assert (again.exit_code, again.stderr) == (0, "")
    # --strict makes the warning a failure, and leaves the library as it was
    library.write_text(_LIBRARY, encoding="utf-8")
    strict = _merge(library, "--strict", "-o", library)
    assert strict.exit_code == 6, strict.output
    assert library.read_text(encoding="utf-8") == _LIBRARY
