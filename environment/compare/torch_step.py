"""The benchmark's training step in PyTorch, for comparison with rnnkit's `environment/bench`.

Same step as rnnkit.bench.TrainStepBenchmark: one-hot input of vocabulary V (a dense float64
tensor), one nn.RNN / nn.GRU / nn.LSTM layer of hidden size H, an nn.Linear output at every step,
mean softmax cross-entropy over the T*B positions, full backpropagation through time, a plain SGD
update, and the final state carried (detached) into the next step. Float64, one thread.

Prints one JSON line per configuration, with the same fields as `environment/bench` plus "impl".
Run it with a Python that has torch (Debian: apt-get install python3-torch):
    python3 environment/compare/torch_step.py --cell rnn,gru,lstm --hidden 64,128 --batch 1,32 --seq 25
"""
import argparse
import ctypes
import json
import os

import torch

from timing import CLOCK, measure


def parse_ints(text):
    return [int(v) for v in text.split(",")]


class Step:
    def __init__(self, cell, hidden, batch, seq, vocab, seed=1):
        torch.manual_seed(seed)
        layer = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[cell]
        self.rnn = layer(vocab, hidden).double()
        self.out = torch.nn.Linear(hidden, vocab).double()
        params = list(self.rnn.parameters()) + list(self.out.parameters())
        self.sgd = torch.optim.SGD(params, lr=0.01)
        self.loss = torch.nn.CrossEntropyLoss()
        self.vocab = vocab
        generator = torch.Generator().manual_seed(3)
        self.batches = []
        for _ in range(4):
            ids = torch.randint(vocab, (seq + 1, batch), generator=generator)
            x = torch.nn.functional.one_hot(ids[:-1], vocab).double()   # (T, B, V)
            self.batches.append((x, ids[1:].reshape(-1)))                 # targets (T*B,)
        self.next = 0
        self.state = None

    def run(self):
        x, targets = self.batches[self.next]
        self.next = (self.next + 1) % len(self.batches)
        hs, final = self.rnn(x, self.state)
        logits = self.out(hs.reshape(-1, hs.shape[-1]))
        loss = self.loss(logits, targets)
        self.sgd.zero_grad(set_to_none=True)
        loss.backward()
        self.sgd.step()
        self.state = tuple(s.detach() for s in final) if isinstance(final, tuple) else final.detach()
        return loss.item()


def blas():
    """The BLAS library torch loaded and, for OpenBLAS, the kernels it chose (OPENBLAS_CORETYPE forces them)."""
    for line in open("/proc/self/maps"):
        path = line.split()[-1]
        if "blas" in path and ".so" in path:
            try:
                lib = ctypes.CDLL(path)
                lib.openblas_get_corename.restype = ctypes.c_char_p
                return path, lib.openblas_get_corename().decode()
            except (OSError, AttributeError):
                return path, "unknown"
    return "none found", "unknown"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cell", default="rnn,gru,lstm")
    p.add_argument("--hidden", default="64,128,256")
    p.add_argument("--batch", default="1,32")
    p.add_argument("--seq", default="25,100")
    p.add_argument("--vocab", type=int, default=65)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seconds", type=float, default=2.0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    path, core = blas()
    print(json.dumps({"impl": "pytorch " + torch.__version__, "machine": {
        "blas": path, "blas_core": core, "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE", ""),
        "ATEN_CPU_CAPABILITY": os.environ.get("ATEN_CPU_CAPABILITY", ""),
        "torch_cpu_capability": torch.backends.cpu.get_cpu_capability()
        if hasattr(torch.backends, "cpu") and hasattr(torch.backends.cpu, "get_cpu_capability") else "unknown",
        "load_average": round(os.getloadavg()[0], 2)}}), flush=True)
    for cell in a.cell.split(","):
        for hidden in parse_ints(a.hidden):
            for batch in parse_ints(a.batch):
                for seq in parse_ints(a.seq):
                    step = Step(cell, hidden, batch, seq, a.vocab)
                    median, lo, hi, repeats = measure(step.run, batch * seq, a.seconds)
                    print(json.dumps({
                        "impl": "pytorch " + torch.__version__, "cell": cell, "hidden": hidden, "batch": batch,
                        "seq": seq, "vocab": a.vocab, "threads": torch.get_num_threads(),
                        "chars_per_s": round(median, 1), "steps_per_s": round(median / (batch * seq), 3),
                        "min": round(lo, 1), "max": round(hi, 1), "repeats": repeats, "clock": CLOCK}), flush=True)


if __name__ == "__main__":
    main()
