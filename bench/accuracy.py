#!/usr/bin/env python3
"""Measure pubdedup's matching accuracy, time and memory on every labelled benchmark set."""

from __future__ import annotations

import argparse
import datetime
import operator
import os
import platform
import re
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- accuracy:start -->", "<!-- accuracy:end -->"
OPS = {">=": operator.ge, ">": operator.gt, "==": operator.eq}
LABELS = {"precision": "P", "recall": "R", "f1": "F1", "record_fp": "rec FP"}
LABELS["record_sensitivity"] = "rec sens"
Target = tuple[str, str, float]


@dataclass(frozen=True)
class BenchSet:
    """One labelled set: the inputs to merge, how to score them, and the targets to meet."""

    name: str
    inputs: tuple[Path, ...]
    truth: Path
    score_flags: tuple[str, ...]
    targets: tuple[Target, ...]

    @property
    def record_level(self) -> bool:
        """Whether the set is judged by bib-dedupe's record-level figures."""
        return any(metric.startswith("record_") for metric, _, _ in self.targets)


@dataclass
class Result:
    """What one set's run produced."""

    bench: BenchSet
    metrics: dict[str, float]
    wall: float
    rss_mb: float
    error: str | None = None

    def passed(self) -> bool:
        """Whether the run succeeded and met every target."""
        return self.error is None and all(self.meets(t) for t in self.bench.targets)

    def meets(self, target: Target) -> bool:
        """Whether one target is met."""
        metric, op, value = target
        return metric in self.metrics and OPS[op](self.metrics[metric], value)


def bench_sets(shared: Path) -> list[BenchSet]:
    """The labelled sets with their inputs, truth files and targets (from the project's issue)."""
    b, sysrev = shared / "bench", shared / "bench" / "systematic"
    seeds = ("000_0b40a0d7e21e786a.txt", "004_fa9fe8a296857bdd.txt")
    rfc = ("hupili-rfc.bib", "autinerd-rfc.bib", "siwind-rfc.bib")
    return [
        BenchSet("seeds", tuple(REPO / "examples" / f for f in seeds), shared / "truth/seeds.json",
                 ("--seeds",), (("precision", "==", 1.0), ("recall", "==", 1.0))),
        BenchSet("dblp-acm", (b / "dblp-acm/DBLP2.csv", b / "dblp-acm/ACM.csv"),
                 b / "dblp-acm/truth.csv", ("--cross-only", "--truth"),
                 (("f1", ">=", 0.985), ("precision", ">=", 0.99))),
        BenchSet("cora", (b / "cora/cora.csv",), b / "cora/truth.csv", ("--truth",),
                 (("f1", ">=", 0.95),)),
        BenchSet("rfc", tuple(b / "rfc" / f for f in rfc), b / "rfc/truth.csv", ("--truth",),
                 (("precision", ">=", 0.999), ("recall", ">=", 0.99))),
        BenchSet("respiratory", (sysrev / "respiratory/records.csv",),
                 sysrev / "respiratory/truth.csv", ("--truth",),
                 (("record_fp", "==", 0), ("record_sensitivity", ">", 0.936))),
        BenchSet("haematology", (sysrev / "haematology/records.csv",),
                 sysrev / "haematology/truth.csv", ("--truth",),
                 (("record_fp", "==", 0), ("record_sensitivity", ">", 0.889))),
    ]  # fmt: skip


def peak_mb(usage: resource.struct_rusage) -> float:
    """ru_maxrss in MB: Linux reports kilobytes, macOS bytes."""
    return usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def run_child(cmd: list[str]) -> tuple[int, float, float, str]:
    """Run cmd; return its exit code, wall seconds, its own peak RSS in MB, and its stderr."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of this child alone, not all children
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return proc.returncode, wall, peak_mb(usage), err.read().decode(errors="replace")


def parse_score(text: str) -> dict[str, float]:
    """All key=value figures printed by score.py, made exact from its integer counts."""
    m = {k: float(v) for k, v in re.findall(r"(\w+)=(-?[\d.]+)", text)}
    if {"true_positives", "predicted_pairs", "true_pairs"} <= m.keys():
        tp, pred, true = m["true_positives"], m["predicted_pairs"], m["true_pairs"]
        p, r = (tp / pred if pred else 1.0), (tp / true if true else 1.0)
        m.update(precision=p, recall=r, f1=2 * p * r / (p + r) if p + r else 0.0)
    if {"record_tp", "record_fn"} <= m.keys() and m["record_tp"] + m["record_fn"]:
        m["record_sensitivity"] = m["record_tp"] / (m["record_tp"] + m["record_fn"])
    return m


def score(bench: BenchSet, output: Path, shared: Path) -> dict[str, float]:
    """Score one pubdedup JSON output with the shared score.py."""
    cmd = [sys.executable, str(shared / "tools/score.py"), str(output), *bench.score_flags]
    done = subprocess.run([*cmd, str(bench.truth)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"score.py exit {done.returncode}: {done.stderr.strip()}")
    return parse_score(done.stdout)


def run_set(bench: BenchSet, extra: list[str], shared: Path) -> Result:
    """Merge one set with the real CLI, time it, and score the output."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        cmd = [sys.executable, "-m", "pubdedup", "merge", *map(str, bench.inputs), "-q"]
        code, wall, rss, err = run_child([*cmd, "--format", "json", "-o", str(out), *extra])
        if code != 0:
            last = (err.strip().splitlines() or [""])[-1].replace("|", "\\|")
            return Result(bench, {}, wall, rss, f"pubdedup exit {code}: {last}")
        try:
            return Result(bench, score(bench, out, shared), wall, rss)
        except RuntimeError as e:
            return Result(bench, {}, wall, rss, str(e))


def fmt(metrics: dict[str, float], key: str, digits: int = 4) -> str:
    """One figure for the table, or a dash when absent."""
    return f"{metrics[key]:.{digits}f}" if key in metrics else "—"


def target_text(targets: tuple[Target, ...]) -> str:
    """Targets in short form, e.g. `P ≥ 0.99, F1 ≥ 0.985`."""
    sign = {">=": "≥", ">": ">", "==": "="}
    return ", ".join(f"{LABELS[m]} {sign[op]} {v:g}" for m, op, v in targets)


def row(res: Result) -> str:
    """One Markdown table row for a set's result."""
    m, rec = res.metrics, res.bench.record_level
    verdict = "pass" if res.passed() else f"**FAIL** ({res.error})" if res.error else "**FAIL**"
    cells = [res.bench.name, fmt(m, "records", 0), fmt(m, "papers", 0), fmt(m, "lost", 0)]
    cells += [fmt(m, "precision"), fmt(m, "recall"), fmt(m, "f1")]
    cells += [fmt(m, "record_fp", 0) if rec else "", fmt(m, "record_sensitivity") if rec else ""]
    cells += [f"{res.wall:.1f}", f"{res.rss_mb:.0f}", target_text(res.bench.targets), verdict]
    return "| " + " | ".join(cells) + " |"


def machine() -> str:
    """Cores and memory of this machine, in one phrase."""
    mem = "unknown memory"
    try:
        kb = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
        mem = f"{int(kb.group(1)) / 1024**2:.1f} GiB RAM" if kb else mem
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {mem}, Python {platform.python_version()}"


def version() -> str:
    """The version the installed CLI reports (`pubdedup --version`)."""
    cmd = [sys.executable, "-m", "pubdedup", "--version"]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
    return done.stdout.strip().rsplit(" ", 1)[-1] or "unknown"


def report(results: list[Result], extra: list[str]) -> str:
    """The Markdown section: how it was made, the table, and the tally."""
    argv = shlex.join(["python", "bench/accuracy.py", *sys.argv[1:]])
    via = " (`make bench-accuracy`)" if sys.argv[1:] == ["--write"] else ""
    head = "| set | records | papers | lost | P | R | F1 | rec FP | rec sens | wall s | peak MB"
    passed = sum(r.passed() for r in results)
    return "\n".join([
        f"Command: `{argv}`{via}; pubdedup {version()}; {datetime.date.today().isoformat()};",
        f"extra merge args: {'`' + shlex.join(extra) + '`' if extra else 'none'}; {machine()}.",
        "",
        head + " | target | result |",
        "|---|" + "---:|" * 10 + "---|---|",
        *map(row, results),
        "",
        f"{passed} of {len(results)} sets meet their targets. P/R/F1 are pairwise (dblp-acm: "
        "cross-file pairs only); rec FP / rec sens are bib-dedupe's record-level figures; peak MB "
        "is the merge process's maximum resident set.",
    ])  # fmt: skip


def write_doc(section: str) -> None:
    """Replace the accuracy section of docs/benchmarks.md, creating the file if needed."""
    if not DOC.exists():
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(
            "# Benchmarks\n\nHow well and how fast pubdedup merges duplicates on the labelled "
            "public sets described in `../shared/bench/README.md`, scored with "
            "`../shared/tools/score.py`.\nRegenerate with `make bench-accuracy`, which rewrites "
            f"the section between the markers.\n\nMachine: {machine()}.\n\n## Accuracy\n\n"
            f"{START}\n{END}\n",
            encoding="utf-8",
        )
    text = DOC.read_text(encoding="utf-8")
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n## Accuracy\n\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    DOC.write_text(f"{before}{START}\n{section}\n{END}{after}", encoding="utf-8")


def parse_args(names: list[str]) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="shared data dir")
    ap.add_argument("--only", action="append", choices=names, help="run only this set (repeat)")
    extra_help = "arguments for pubdedup merge, e.g. --extra-args='--config t.json'"
    ap.add_argument("--extra-args", default="", help=extra_help)
    ap.add_argument("--write", action="store_true", help="rewrite the section in " + str(DOC))
    return ap.parse_args()


def main() -> int:
    """Run the chosen sets; exit 0 if all targets pass, 1 if not, 2 if data is missing."""
    args = parse_args([b.name for b in bench_sets(Path())])
    chosen = [b for b in bench_sets(args.shared) if not args.only or b.name in args.only]
    needed = [args.shared / "tools/score.py"] + [p for b in chosen for p in (*b.inputs, b.truth)]
    if missing := [str(p) for p in needed if not p.is_file()]:
        print("accuracy: missing data:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 2
    extra, results = shlex.split(args.extra_args), []
    for bench in chosen:
        print(f"accuracy: {bench.name} ...", file=sys.stderr, flush=True)
        results.append(run_set(bench, extra, args.shared))
    section = report(results, extra)
    print(section)
    if args.write:
        write_doc(section)
        print(f"accuracy: wrote {DOC.relative_to(REPO)}", file=sys.stderr)
    return 0 if all(r.passed() for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
