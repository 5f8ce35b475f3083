"""The timing loop both comparison scripts share, the same as rnnkit's TrainStepBenchmark.measure.

With RNNKIT_CLOCK=cpu in the environment (environment/compare/run --cpu-time sets it) every interval is
the calling thread's CPU time instead of the wall clock, as rnnkit's benchmark then does: on a machine
shared with other work, the time other processes hold the core does not count. Every side runs its
step on one thread (PyTorch and OpenBLAS are limited to one), so no work of the step is left out."""
import os
import statistics
import time

CLOCK = "cpu" if os.environ.get("RNNKIT_CLOCK") == "cpu" else "wall"
now = time.thread_time if CLOCK == "cpu" else time.perf_counter


def measure(run, chars, seconds):
    """Calls run() for a quarter of `seconds` to warm up, then times repeats of about 50 ms each
    for the rest (at least 3). Returns the median, min and max chars/s over the repeats, where one
    call processes `chars` characters, and the number of repeats."""
    warm_end = now() + seconds * 0.25
    per_repeat = 1
    while now() < warm_end:
        start = now()
        run()
        per_repeat = max(1, min(1000, int(0.05 / max(1e-9, now() - start))))
    rates = []
    end = now() + seconds * 0.75
    while len(rates) < 3 or now() < end:
        start = now()
        for _ in range(per_repeat):
            run()
        rates.append(chars * per_repeat / (now() - start))
    return statistics.median(rates), min(rates), max(rates), len(rates)
