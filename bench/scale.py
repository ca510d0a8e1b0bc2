#!/usr/bin/env python3
"""Measure pubdedup's speed, memory and accuracy on perturbed corpora of 10k to 1M records.

Corpora are built from the real benchmark data (see bench/corpus.py) into bench/.cache/scale/,
merged with the real CLI (CSV in, JSON out), and scored pairwise against the known duplicates.
The same table shows a naive all-pairs matcher and, where they run, bib-dedupe and splink
(installed in bench/.venv-compare, apart from the project's own dependencies).
"""

from __future__ import annotations

import argparse
import datetime
import functools
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import pairs  # noqa: E402
from accuracy import machine, peak_mb, version  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "bench" / ".cache"
TIME = "/usr/bin/time"  # GNU time, for the peak memory of a run
COMPARE_PY = REPO / "bench" / ".venv-compare" / "bin" / "python"
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- scale:start -->", "<!-- scale:end -->"
SIZES = (10_000, 100_000, 200_000, 1_000_000)
TARGETS = {100_000: (20.0, 2048.0), 1_000_000: (180.0, 8192.0)}  # wall s, peak MiB


@dataclass
class Run:
    """One tool's run on one corpus."""

    tool: str
    size: int
    wall: float | None = None
    peak_mb: float | None = None
    candidates: int | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    note: str = ""


def run_child(cmd: list[str], timeout: float | None = None) -> tuple[int, float, float, str]:
    """Run cmd; return its exit code (-9 if it was stopped at `timeout`), wall seconds, peak RSS
    in MB (of the process or any child it waited for, such as forked workers), and stderr.

    The peak comes from GNU time where there is one: the rusage of a child forked from this
    (large) process would start from this process's own size.
    """
    timed = Path(TIME).exists()
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        full = [TIME, "-f", "pubdedup-bench-peak-kb=%M", *cmd] if timed else cmd
        proc = subprocess.Popen(
            full, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True
        )
        stop = functools.partial(os.killpg, proc.pid, signal.SIGKILL)  # the run and its children
        timer = threading.Timer(timeout, stop) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode(errors="replace")
        found = re.search(r"pubdedup-bench-peak-kb=(\d+)", text)
        peak = int(found.group(1)) / 1024 if found else peak_mb(usage)
        return proc.returncode, wall, peak, re.sub(r".*pubdedup-bench-peak-kb=.*\n?", "", text)


def corpus_dir(size: int, shared: Path) -> Path:
    """The corpus of `size` records, built on first use."""
    out = CACHE / "scale" / str(size)
    if not (out / "corpus.json").exists():
        print(f"scale: building the {size:,}-record corpus ...", file=sys.stderr, flush=True)
        corpus.build(size, corpus.load_pool(shared, CACHE), out)
    return out


def parts(directory: Path) -> list[str]:
    """The corpus's input files, as paths relative to the repository."""
    return [os.path.relpath(p, REPO) for p in sorted(directory.glob("part*.csv"))]


def merge_command(inputs: list[str], output: Path) -> list[str]:
    """The pubdedup command measured."""
    return ["pubdedup", "merge", *inputs, "-f", "json", "-q", "--stats", "-o", str(output)]


def run_pubdedup(size: int, directory: Path, repeat: int) -> Run:
    """Merge a corpus `repeat` times (best wall time kept) and score the output."""
    best = Run("pubdedup", size)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        cmd = merge_command(parts(directory), out)
        cmd[0] = str(Path(sys.executable).parent / "pubdedup")
        for _ in range(repeat):
            code, wall, rss, err = run_child(cmd)
            if code != 0:
                return Run("pubdedup", size, wall, rss, note=f"exit {code}: {err.strip()[-200:]}")
            if best.wall is None or wall < best.wall:
                best.wall, best.peak_mb = wall, rss
            found = re.search(r"candidate_pairs=(\d+)", err)
            best.candidates = int(found.group(1)) if found else None
        truth = pairs.read_truth(directory / "truth.csv")
        best.metrics = pairs.pairwise(pairs.pubdedup_clusters(out), truth)
    return best


def run_external(tool: str, size: int, directory: Path, timeout: float) -> Run:
    """bib-dedupe, splink or the naive matcher on a corpus; a note says why one did not run."""
    python = sys.executable if tool == "naive" else str(COMPARE_PY)
    if not Path(python).exists():
        return Run(tool, size, note="bench/.venv-compare missing: `make bench-compare-env`")
    script = REPO / "bench" / ("naive.py" if tool == "naive" else "compare_tools.py")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "clusters.json"
        cmd = [python, str(script), tool, str(directory), str(out)]
        code, wall, rss, err = run_child(cmd, timeout)
        if code != 0 or not out.exists():
            reason = f"timed out after {timeout:.0f} s" if code == -9 else f"exit {code}"
            last = (err.strip().splitlines() or [""])[-1][:160]
            return Run(tool, size, wall, rss, note=f"{reason}: {last}".replace("|", "/"))
        run = Run(tool, size, wall, rss)
        clusters, info = pairs.read_clusters(out)
        run.candidates, run.note = info.get("candidates"), info.get("note", "")
        if info.get("extrapolated_wall"):
            run.wall, run.peak_mb = info["extrapolated_wall"], None
            return run
        run.metrics = pairs.pairwise(clusters, pairs.read_truth(directory / "truth.csv"))
    return run


def bibtex_speed(shared: Path) -> str:
    """Records per second reading large/real-combined.bib as a run reads it (on every core),
    on one core, and bibtexparser's parse alone (one core)."""
    path = shared / "bench" / "large" / "real-combined.bib"
    code = (
        "import sys,time;from pubdedup import files;from pubdedup.readers import read_text;"
        "from pubdedup.readers.bibtex import read_bibtex;import bibtexparser;"
        "t=files.read_text(sys.argv[1]);T=time.perf_counter;"
        "s=T();r=read_text(t,'x.bib');a=T()-s;s=T();read_bibtex(t,'x');c=T()-s;"
        "s=T();bibtexparser.parse_string(t);b=T()-s;print(len(r.records),a,c,b)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    n, ours, one_core, theirs = done.stdout.split()
    n, ours, one_core, theirs = int(n), float(ours), float(one_core), float(theirs)
    return (
        f"BibTeX reading, `large/real-combined.bib` ({n:,} entries): pubdedup's reader "
        f"{ours:.1f} s ({n / ours:,.0f} records/s, LaTeX decoded; in chunks on every core; "
        f"{one_core:.1f} s on one); bibtexparser v2's own `parse_string` of the same file "
        f"{theirs:.1f} s ({n / theirs:,.0f} records/s, one core)."
    )


def large_merge(shared: Path, repeat: int = 1) -> str:
    """End-to-end merge of the large real BibTeX file, best of `repeat` runs (target: 20 s)."""
    path = shared / "bench" / "large" / "real-combined.bib"
    with tempfile.TemporaryDirectory() as tmp:
        cmd = merge_command([str(path)], Path(tmp) / "out.json")
        cmd[0] = str(Path(sys.executable).parent / "pubdedup")
        code, wall, rss, _ = min(
            (run_child(cmd) for _ in range(repeat)), key=lambda run: (run[0] != 0, run[1])
        )
    verdict = "pass" if code == 0 and wall <= 20 else "**FAIL**"
    return (
        f"`large/real-combined.bib` merged end to end (read, match, write JSON; best of {repeat}): "
        f"{wall:.1f} s, "
        f"peak {rss:,.0f} MB (target ≤ 20 s: {verdict})."
    )


def cell(value: float | None, digits: int = 1) -> str:
    """A figure, or a dash."""
    return "—" if value is None else f"{value:,.{digits}f}"


def row(run: Run) -> str:
    """One table row."""
    m = run.metrics
    cells = [run.tool, f"{run.size:,}", cell(run.wall), cell(run.peak_mb, 0)]
    cells.append("—" if run.candidates is None else f"{run.candidates:,}")
    cells += [cell(m.get("precision"), 4), cell(m.get("recall"), 4), cell(m.get("f1"), 4)]
    cells += [verdict(run), run.note]
    return "| " + " | ".join(cells) + " |"


def verdict(run: Run) -> str:
    """pass / FAIL against the issue's targets (pubdedup rows only)."""
    if run.tool != "pubdedup":
        return ""
    m, ok = run.metrics, run.wall is not None and not run.note
    ok = ok and m.get("recall", 0) >= 0.98 and m.get("precision", 0) >= 0.99
    if run.size in TARGETS:
        wall, mem = TARGETS[run.size]
        ok = ok and run.wall <= wall and (run.peak_mb or 0) <= mem
    return "pass" if ok else "**FAIL**"


def doubling(runs: list[Run]) -> str:
    """The 100k -> 200k time ratio (target ≤ 2.3)."""
    by = {r.size: r.wall for r in runs if r.tool == "pubdedup" and r.wall}
    if 100_000 not in by or 200_000 not in by:
        return ""
    ratio = by[200_000] / by[100_000]
    ok = "pass" if ratio <= 2.3 else "**FAIL**"
    return f"Doubling 100k -> 200k records costs {ratio:.2f}x the time (target ≤ 2.3x: {ok})."


def report(runs: list[Run], extra: list[str], repeat: int) -> str:
    """The Markdown section."""
    argv = shlex.join(["python", "bench/scale.py", *sys.argv[1:]])
    example = shlex.join(merge_command(["part0.csv", "…", "part7.csv"], Path("out.json")))
    return "\n".join([
        f"Command: `{argv}`; pubdedup {version()}; {datetime.date.today().isoformat()}; "
        f"{machine()}.",
        f"Each pubdedup run is `{example}` on the corpus's 8 CSV files; wall time is the best of "
        f"{repeat} runs (1M: best of {min(repeat, repeats_at(1_000_000))}), peak MB the largest "
        "resident set of the process or any of its workers.",
        "",
        "| tool | records | wall s | peak MB | pairs scored | P | R | F1 | target | note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
        *map(row, runs),
        "",
        *[line for line in [doubling(runs), *extra] if line],
    ])  # fmt: skip


def write_doc(section: str) -> None:
    """Replace the scale section of docs/benchmarks.md (appended when missing)."""
    text = DOC.read_text(encoding="utf-8")
    if START not in text:
        text = text.rstrip("\n") + f"\n\n## Scale\n\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    DOC.write_text(f"{before}{START}\n{section}\n{END}{after}", encoding="utf-8")


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="shared data dir")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated sizes")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the best is kept")
    ap.add_argument("--compare", action="store_true", help="also naive, bib-dedupe and splink")
    ap.add_argument("--compare-max", type=int, default=100_000, help="largest size compared")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per compared run")
    ap.add_argument("--write", action="store_true", help=f"rewrite the section in {DOC.name}")
    return ap.parse_args()


def repeats_at(size: int) -> int:
    """Runs of one size at most: two at a million records (a first run after other large
    runs has been up to a third slower than the next, 241 s against 176 s, byte for byte the
    same output), as many as asked below."""
    return 2 if size >= 1_000_000 else 1_000


def machine_speed() -> float:
    """Seconds a fixed pure-Python loop takes. This shared VM's speed drifts by a third within
    an hour; the loop's time, before and after, says how fast it was while the table was made."""
    start = time.perf_counter()
    total = 0
    for i in range(20_000_000):
        total += i
    return time.perf_counter() - start


def main() -> int:
    """Run every size; exit 0 when every pubdedup row meets its targets."""
    args = parse_args()
    speed_before = machine_speed()
    runs: list[Run] = []
    for size in map(int, args.sizes.split(",")):
        directory = corpus_dir(size, args.shared)
        print(f"scale: pubdedup on {size:,} records ...", file=sys.stderr, flush=True)
        runs.append(run_pubdedup(size, directory, min(args.repeat, repeats_at(size))))
        if args.compare and size <= args.compare_max:
            for tool in ("naive", "bib-dedupe", "splink"):
                print(f"scale: {tool} on {size:,} records ...", file=sys.stderr, flush=True)
                runs.append(run_external(tool, size, directory, args.timeout))
    extra = [bibtex_speed(args.shared), large_merge(args.shared, args.repeat)]
    extra.append(
        f"Machine speed: a fixed Python loop (20M additions) took {speed_before:.2f} s before "
        f"these runs and {machine_speed():.2f} s after."
    )
    section = report(runs, extra, args.repeat)
    print(section)
    if args.write:
        write_doc(section)
    failed = any(verdict(r) == "**FAIL**" for r in runs) or "FAIL" in doubling(runs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
