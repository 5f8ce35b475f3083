"""Reads the JSON lines of environment/compare/run and prints rnnkit's chars/s beside the others'."""
import json
import sys


def key(r):
    return (r["cell"], r["hidden"], r["batch"], r["seq"], r.get("optimizer", "sgd"))


def main(path):
    lines = [json.loads(line) for line in open(path) if line.startswith("{")]
    seen, loads = [], []
    for r in lines:
        if "machine" in r:
            machine = dict(r["machine"])
            loads.append(machine.pop("load_average", None))
            line = r.get("impl", "rnnkit") + ": " + json.dumps(machine)
            if line not in seen:   # one process per configuration: say each kind of process once
                seen.append(line)
                print(line)
    loads = [v for v in loads if v is not None]
    if loads:
        print(f"load average at the processes' starts: {min(loads):.2f} to {max(loads):.2f}")
    rows = [r for r in lines if "machine" not in r]
    ours = {key(r): r for r in rows if r["impl"] == "rnnkit"}
    print()
    print("| cell | H | B | T | rnnkit chars/s (min-max) | other | its chars/s (min-max) | ratio | target | met |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        if r["impl"] == "rnnkit" or key(r) not in ours:
            continue
        o = ours[key(r)]
        ratio = o["chars_per_s"] / r["chars_per_s"]
        # issue 16's targets
        if r["impl"].startswith("numpy"):
            target = 5.0
        else:
            target = 5.0 if r["batch"] == 1 else 1.5
        print(f"| {r['cell']} | {r['hidden']} | {r['batch']} | {r['seq']} "
              f"| {o['chars_per_s']:,.0f} ({o['min']:,.0f}-{o['max']:,.0f}) | {r['impl'].split()[0]} "
              f"| {r['chars_per_s']:,.0f} ({r['min']:,.0f}-{r['max']:,.0f}) | {ratio:.2f}x | {target:g}x "
              f"| {'yes' if ratio >= target else 'NO'} |")


if __name__ == "__main__":
    main(sys.argv[1])
