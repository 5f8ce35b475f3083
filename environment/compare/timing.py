"""The timing loop both comparison scripts share, the same as rnnkit's TrainStepBenchmark.measure."""
import statistics
import time


def measure(run, chars, seconds):
    """Calls run() for a quarter of `seconds` to warm up, then times repeats of about 50 ms each
    for the rest (at least 3). Returns the median, min and max chars/s over the repeats, where one
    call processes `chars` characters, and the number of repeats."""
    warm_end = time.perf_counter() + seconds * 0.25
    per_repeat = 1
    while time.perf_counter() < warm_end:
        start = time.perf_counter()
        run()
        per_repeat = max(1, min(1000, int(0.05 / max(1e-9, time.perf_counter() - start))))
    rates = []
    end = time.perf_counter() + seconds * 0.75
    while len(rates) < 3 or time.perf_counter() < end:
        start = time.perf_counter()
        for _ in range(per_repeat):
            run()
        rates.append(chars * per_repeat / (time.perf_counter() - start))
    return statistics.median(rates), min(rates), max(rates), len(rates)
