"""Reading several inputs on every core gives what reading them one by one gives."""

from __future__ import annotations

import multiprocessing.pool
import os
import time
from pathlib import Path

import pytest

from pubdedup import forked, loading
from pubdedup.errors import InputError
from pubdedup.readers import ReadOptions

READERS = Path(__file__).parent / "data" / "readers"
PAGES = Path(__file__).parent / "data" / "pages"
INPUTS = [
    str(READERS / "broken.bib"),  # problems are carried over too
    str(READERS / "comma.csv"),
    str(PAGES / "zhai_edited.txt"),
    str(READERS / "zotero.ris"),
    str(READERS / "earlier_run.json"),
    str(READERS / "semicolon.csv"),
]


def read(paths, monkeypatch, parallel: bool):
    monkeypatch.setattr(loading, "PARALLEL_MIN_BYTES", 0 if parallel else 1 << 60)
    options = [ReadOptions(owner="Ada Lovelace" if p.endswith(".txt") else None) for p in paths]
    return loading.read_files(paths, options)


def test_parallel_reading_gives_the_serial_result(monkeypatch):
    serial = read(INPUTS, monkeypatch, parallel=False)
    parallel = read(INPUTS, monkeypatch, parallel=True)
    assert [p.name for p in parallel] == INPUTS
    assert parallel == serial
    assert any(p.problems for p in parallel)
    assert sum(len(p.records) for p in parallel) > 10
    assert forked.workers_for(1, 0) > 1 or os.cpu_count() == 1  # workers did read some


@pytest.mark.parametrize("parallel", [False, True])
@pytest.mark.parametrize("bad", [1, 2])  # read by the parent, or by a worker
def test_the_first_unreadable_input_is_reported_either_way(monkeypatch, tmp_path, parallel, bad):
    paths = list(INPUTS[:4])
    paths[bad] = str(tmp_path / "missing.csv")
    later = tmp_path / "binary.bib"
    later.write_bytes(b"%PDF-1.4\x00\x01\x02")
    paths.append(str(later))
    with pytest.raises(InputError) as raised:
        read(paths, monkeypatch, parallel)
    assert raised.value.file == paths[bad]
    assert "missing.csv" in str(raised.value)


def _slow_marker(piece):
    """A worker's slice: a marker file, after a while."""
    directory, k = piece
    time.sleep(0.05)
    (Path(directory) / f"{k}.done").touch()
    return k


def test_a_job_given_up_is_not_killed_but_ends_skipping_what_is_left(tmp_path, monkeypatch):
    """Pool.terminate() SIGTERMs the workers, and one killed while it writes its answer keeps
    the answer queue's lock: terminate() then waited forever (CPython #96995; the test suite
    hung once on an unreadable input read in parallel). Given up on (an error in the parent's
    slice), the job's workers end their slices, skip the others and exit, unkilled."""
    terminated = []
    monkeypatch.setattr(
        multiprocessing.pool.Pool, "terminate", lambda pool: terminated.append(pool)
    )
    slices = [(str(tmp_path), k) for k in range(60)]

    def here(piece):
        raise InputError("unreadable", file="x")

    with pytest.raises(InputError):
        list(forked.interleaved(slices, here, _slow_marker, None, workers=2))
    assert terminated == []
    assert len(list(tmp_path.glob("*.done"))) <= 3  # not the 30 slices the worker had left
