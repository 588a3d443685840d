"""How `make bench` times: the engines compared take turns in blocks, so that all of them meet the
same machine (other processes on a shared machine come and go); each result is the median of the
blocks, with their range."""

import statistics
import time
from typing import Callable

BLOCKS = (
    7  # blocks per workload (at least 5): enough for a median that a busy neighbour does not move
)


def alternate(runs: dict[str, Callable], blocks: int = BLOCKS, calls: int = 1):
    "({name: seconds per call, one per block}, {name: every result}): runs take turns."
    seconds = {name: [] for name in runs}
    results = {name: [] for name in runs}
    for _ in range(blocks):
        for name, run in runs.items():
            start = time.perf_counter()
            results[name].extend(run() for _ in range(calls))
            seconds[name].append((time.perf_counter() - start) / calls)
    return seconds, results


def ratios(ours: list[float], theirs: list[float]) -> list[float]:
    "Block by block, ours / theirs: blocks that ran side by side are compared with each other."
    return [a / b for a, b in zip(ours, theirs, strict=True)]


def median(values) -> float:
    return statistics.median(values)


def ms(s: float) -> str:
    return f"{s * 1000:,.2f} ms" if s < 0.01 else f"{s * 1000:,.1f} ms"


def ms_spread(values) -> str:
    "The median time and the range over the blocks, e.g. '12.3 ms (11.9–14.0)'."
    return f"{ms(median(values))} ({ms(min(values))[:-3]}–{ms(max(values))})"


def ratio_spread(values, digits: int = 2) -> str:
    "The median ratio and the range over the blocks, e.g. '0.91x (0.85–1.02)'."
    # a ratio held against a goal gets a third digit: 0.146 and 0.154 both round to 0.15
    return f"{median(values):.{digits}f}x ({min(values):.{digits}f}–{max(values):.{digits}f})"


def verdict(values, goal: float) -> str:
    "Whether a ratio meets `goal` (at most): in every block, by the median only, or not."
    if max(values) <= goal:
        return f"≤ {goal}x in every block"
    if median(values) <= goal:
        return (
            f"≤ {goal}x by the median, in {sum(v <= goal for v in values)} of {len(values)} blocks"
        )
    return f"**not met** (goal ≤ {goal}x; {sum(v <= goal for v in values)} of {len(values)} blocks)"
