#!/usr/bin/python3
"""Turns the raw runs of bench/grpc/run.sh into the table it prints and the markdown file it writes.

Usage: report.py RAW_JSONL OUT_MD [key=value ...]   (the key=value pairs are listed under "Run")

For every case (scenario, payload, calls in flight) and pair: the median rate over the rounds, its ratio to the
python→python median of the same case, the spread of the rounds, and the CPU time client and server together spent per
call (or message) in the measured window: on a 2-core machine shared by both that is the steadier efficiency figure.
"""

import json
import statistics
import sys

PAIR_LABELS = {"cs-cs": "C#→C#", "py-py": "py→py", "cs-py": "C#→py", "py-cs": "py→C#"}
BASELINE = "py-py"
# More methods than this compiled in a window means the tiered JIT's burst overlapped it (steady state: 10-60).
JIT_BUSY = 200


def case_label(scenario, payload, concurrency):
    size = f"{payload // 1024} KiB" if payload >= 1024 and payload % 1024 == 0 else f"{payload} B"
    kind = "unary" if scenario == "unary" else "server stream"
    return f"{kind} {size}, {concurrency} in flight"


def unit(scenario):
    return "calls/s" if scenario == "unary" else "msgs/s"


def flatten(run):
    """One line of run.sh's raw.jsonl as a flat row; status "fail" when the client printed no result."""
    r = run["result"]
    row = {"repeat": run["repeat"], "scenario": run["scenario"], "payload": run["payload"],
           "concurrency": run["concurrency"], "pair": run["pair"], "status": "ok" if r else "fail"}
    if r:
        row.update(rate=r["rate"], count=r["count"], client_cpu=r["client_cpu_seconds"],
                   server_cpu=r["server_cpu_seconds"], warmup=r["warmup_seconds"], jit=r["jit_methods_in_window"])
    return row


def main():
    raw_path, out_path, *meta = sys.argv[1:]
    rows = [flatten(json.loads(line)) for line in open(raw_path) if line.strip()]

    cases, pairs = [], []
    runs = {}
    for r in rows:
        case = (r["scenario"], int(r["payload"]), int(r["concurrency"]))
        if case not in cases:
            cases.append(case)
        if r["pair"] not in pairs:
            pairs.append(r["pair"])
        runs.setdefault((case, r["pair"]), []).append(r)
    pairs.sort(key=lambda p: list(PAIR_LABELS).index(p) if p in PAIR_LABELS else len(PAIR_LABELS))

    def summary(case, pair):
        ok = [r for r in runs.get((case, pair), []) if r["status"] == "ok"]
        failed = len(runs.get((case, pair), [])) - len(ok)
        if not ok:
            return None, failed
        rates = [float(r["rate"]) for r in ok]
        cpu = [(r["client_cpu"] + (r["server_cpu"] or 0.0)) / r["count"] * 1e6 for r in ok if r["count"]]
        return {"median": statistics.median(rates), "min": min(rates), "max": max(rates),
                "cpu_us": statistics.median(cpu) if cpu else float("nan"), "n": len(ok)}, failed

    table = ["| case | pair | median rate | vs py→py | rounds min–max | CPU µs/call (both processes) |",
             "|---|---|---:|---:|---:|---:|"]
    matrix = ["| case | " + " | ".join(PAIR_LABELS.get(p, p) for p in pairs) + " |",
              "|---|" + "---:|" * len(pairs)]
    for case in cases:
        base, _ = summary(case, BASELINE)
        cells = []
        for pair in pairs:
            s, failed = summary(case, pair)
            label = PAIR_LABELS.get(pair, pair)
            if s is None:
                what = f"FAILED ({failed} of {failed} rounds)" if failed else "not run"
                table.append(f"| {case_label(*case)} | {label} | {what} | – | – | – |")
                cells.append("FAILED" if failed else "–")
                continue
            ratio = f"{s['median'] / base['median']:.2f}×" if base else "n/a"
            note = f" ({failed} failed)" if failed else ""
            table.append(
                f"| {case_label(*case)} | {label} | {s['median']:,.0f} {unit(case[0])}{note} | {ratio} | "
                f"{s['min']:,.0f}–{s['max']:,.0f} | {s['cpu_us']:,.1f} |".replace("| nan |", "| – |"))
            cells.append(ratio)
        matrix.append(f"| {case_label(*case)} | " + " | ".join(cells) + " |")

    print("\n".join(table))
    print()
    print("Ratios against python→python (median rate / python→python median rate, same case, same run):")
    print("\n".join(matrix))

    details = ["| round | case | pair | rate | client CPU s | server CPU s | warm-up s | JIT methods in window |",
               "|---:|---|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        case = (r["scenario"], int(r["payload"]), int(r["concurrency"]))
        ok = r["status"] == "ok"
        rate = f"{float(r['rate']):,.0f}" if ok else "FAILED"
        cpu = [f"{float(r[k]):.2f}" if ok and r[k] is not None else "–" for k in ("client_cpu", "server_cpu")]
        warmup = f"{float(r['warmup']):.1f}" if ok else "–"
        jit = "–" if r.get("jit") is None else str(r["jit"])
        if r.get("jit") is not None and r["jit"] > JIT_BUSY:
            jit += " ⚠ JIT still busy"
        details.append(f"| {r['repeat']} | {case_label(*case)} | {PAIR_LABELS.get(r['pair'], r['pair'])} | {rate} | "
                       f"{cpu[0]} | {cpu[1]} | {warmup} | {jit} |")

    with open(out_path, "w") as f:
        f.write("# gRPC benchmark: our C# transport against python3-grpcio\n\n")
        f.write("Written by `bench/grpc/run.sh` (`make bench`). Method: closed loop, fixed duration, one HTTP/2 "
                "connection per client, the stated number of calls (or server streams) in flight; each round runs "
                "every pair once, the table shows the median round. Unary echoes the payload (it travels both "
                "ways); the server stream repeats the request's payload until the client cancels, and every "
                "message received counts. Warm-up: WARMUP seconds at least; a C# client stretches it (up to "
                "MAX_WARMUP) until its tiered JIT is quiet, and the long-lived C# server is primed with every case "
                "before round 1, so the window measures steady state (JIT methods in window: the few compiled "
                "meanwhile). CPU µs/call: client plus server CPU time in the window over the calls (or messages) "
                "completed in it; it counts only work done inside the window, so where a fast server fills a slow "
                "client's flow-control window before it (python client on the C# server's stream: C-core grows the "
                "window to megabytes, the server then idles while the client drains it) it understates the server's "
                "share. Client and server share the machine's cores.\n\n")
        f.write("## Run\n\n")
        for item in meta:
            key, _, value = item.partition("=")
            f.write(f"- {key}: {value}\n")
        f.write("\n## Results\n\n")
        f.write("\n".join(table) + "\n\n")
        f.write("## Ratios against python→python\n\n")
        f.write("\n".join(matrix) + "\n\n")
        f.write("## Every round\n\n")
        f.write("\n".join(details) + "\n")


if __name__ == "__main__":
    main()
