"""The min-char-rnn training loop in numpy, for comparison with `environment/bench --optimizer adagrad`.

A vanilla RNN on one-hot characters (column vectors, batch 1): h_t = tanh(Wxh x_t + Whh h_{t-1} + bh),
y_t = Why h_t + by, softmax cross-entropy at every step, backpropagation through the T steps,
every gradient entry clipped to [-5, 5], an Adagrad update (learning rate 0.1), and the last h
carried into the next step. This follows the classic loop of Karpathy's min-char-rnn, written here
from its description. Prints one JSON line with the same fields as `environment/bench`.

    python3 environment/compare/numpy_minchar.py --hidden 100 --seq 25 --vocab 65 --seconds 3
"""
import argparse
import json
import os

import numpy as np

from timing import CLOCK, measure


class MinCharRnn:
    def __init__(self, hidden, seq, vocab, seed=1):
        rng = np.random.default_rng(seed)
        self.Wxh = rng.standard_normal((hidden, vocab)) * 0.01
        self.Whh = rng.standard_normal((hidden, hidden)) * 0.01
        self.Why = rng.standard_normal((vocab, hidden)) * 0.01
        self.bh = np.zeros((hidden, 1))
        self.by = np.zeros((vocab, 1))
        self.params = [self.Wxh, self.Whh, self.Why, self.bh, self.by]
        self.memory = [np.zeros_like(p) for p in self.params]
        self.h = np.zeros((hidden, 1))
        self.vocab, self.seq = vocab, seq
        self.text = rng.integers(0, vocab, size=4 * seq + 1)   # a few batches, used in turn
        self.position = 0

    def step(self):
        inputs = self.text[self.position:self.position + self.seq]
        targets = self.text[self.position + 1:self.position + self.seq + 1]
        self.position = (self.position + self.seq) % (len(self.text) - self.seq - 1)
        xs, hs, ps = {}, {-1: self.h}, {}
        loss = 0.0
        for t, c in enumerate(inputs):
            xs[t] = np.zeros((self.vocab, 1))
            xs[t][c] = 1.0
            hs[t] = np.tanh(self.Wxh @ xs[t] + self.Whh @ hs[t - 1] + self.bh)
            z = self.Why @ hs[t] + self.by
            e = np.exp(z - z.max())
            ps[t] = e / e.sum()
            loss -= np.log(ps[t][targets[t], 0])
        grads = [np.zeros_like(p) for p in self.params]
        dWxh, dWhh, dWhy, dbh, dby = grads
        dh_next = np.zeros_like(self.h)
        for t in reversed(range(len(inputs))):
            dz = ps[t].copy()
            dz[targets[t]] -= 1.0
            dWhy += dz @ hs[t].T
            dby += dz
            dh = self.Why.T @ dz + dh_next
            da = (1.0 - hs[t] * hs[t]) * dh
            dbh += da
            dWxh += da @ xs[t].T
            dWhh += da @ hs[t - 1].T
            dh_next = self.Whh.T @ da
        for p, g, m in zip(self.params, grads, self.memory):
            np.clip(g, -5, 5, out=g)
            m += g * g
            p -= 0.1 * g / np.sqrt(m + 1e-8)
        self.h = hs[len(inputs) - 1]
        return loss


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--hidden", type=int, default=100)
    p.add_argument("--seq", type=int, default=25)
    p.add_argument("--vocab", type=int, default=65)
    p.add_argument("--seconds", type=float, default=3.0)
    a = p.parse_args()
    model = MinCharRnn(a.hidden, a.seq, a.vocab)
    median, lo, hi, repeats = measure(model.step, a.seq, a.seconds)
    print(json.dumps({"impl": "numpy " + np.__version__, "cell": "rnn", "hidden": a.hidden, "batch": 1, "seq": a.seq,
                      "vocab": a.vocab, "optimizer": "adagrad", "clip": 5.0,
                      "threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0")) or "default",
                      "chars_per_s": round(median, 1), "steps_per_s": round(median / a.seq, 3),
                      "min": round(lo, 1), "max": round(hi, 1), "repeats": repeats, "clock": CLOCK}))


if __name__ == "__main__":
    main()
