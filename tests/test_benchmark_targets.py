"""The benchmark runner judges its own figures against the performance targets."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402


def _run(wall: float, cpu: float, mib: float = 100.0) -> dict:
    return {"wall": wall, "cpu": cpu, "rss_mib": mib, "rc": 0}


def _site(pages: int, cold: tuple[float, float], one_file: tuple[float, float], peak: float) -> dict:
    return {
        "pages": pages,
        "parse_floor": _run(10.0, 10.0, 17),
        "cold": _run(cold[0] * 10, cold[1] * 10, peak),
        "cold_vs_parse": {"wall": cold[0], "cpu": cold[1]},
        "warm": _run(0.3, 0.3),
        "warm_vs_parse": {"wall": 0.03, "cpu": 0.06},
        "one_file": _run(0.5, 0.6),
        "one_file_vs_imports": {"wall": one_file[0], "cpu": one_file[1]},
    }


def test_each_measured_target_is_judged_on_wall_and_cpu_alike() -> None:
    results = {
        "synthetic": [
            _site(10_000, (0.9, 1.5), (1.9, 1.95), 250),
            _site(100_000, (0.45, 0.49), (9, 9), 2100),
        ],
        "corpora": [
            {"corpus": "big", "files": 3112, "rumdl": _run(1, 1), "cold_vs_rumdl": {"wall": 1.5, "cpu": 2.5}},
            {"corpus": "small", "files": 97, "rumdl": _run(1, 1), "cold_vs_rumdl": {"wall": 9, "cpu": 9}},
        ],
        "graph": {"pages": 1_000_000, **_run(16.0, 15.4, 1326)},
    }
    judged = {
        (t["target"].split(" ")[0], t["on"], tuple(t["figures"])): t["met"] for t in run.targets(results)
    }
    assert judged == {
        ("warm", "10,000 pages", ("wall", "cpu")): False,  # 0.06 x in CPU
        ("one", "10,000 pages", ("wall", "cpu")): True,
        ("cold", "100,000 pages", ("wall", "cpu")): True,
        ("peak", "100,000 pages", ("MiB",)): False,  # 2,100 MiB
        ("warm", "100,000 pages", ("wall", "cpu")): False,
        ("the", "1,000,000 pages", ("s",)): True,
        ("the", "1,000,000 pages", ("MiB",)): True,
        ("within", "big", ("wall", "cpu")): False,  # a corpus of under 1,000 files is not judged
    }
    shown = run.verdicts(run.targets(results)).splitlines()
    assert shown[0].startswith("NOT met  warm `check`") and "0.06 x (cpu)" in shown[0]
    assert shown[1].startswith("met      one changed file")


def test_a_run_without_the_big_figures_judges_only_what_it_measured() -> None:
    results = {"synthetic": [_site(2_000, (0.9, 1.5), (3, 3), 80)], "corpora": [], "graph": None}
    assert [t["target"].split(" ")[0] for t in run.targets(results)] == ["warm"]
