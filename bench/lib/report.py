#!/usr/bin/env python3
"""bench/lib/report.py: turn the raw measurements of bench/lib/suite.sh into
the Markdown results table.

usage: report.py RAW.tsv MACHINE.txt COMMAND > results.md

RAW.tsv lines: kind tool op shape n run value (see suite.sh).
MACHINE.txt: "key<TAB>value" lines written by the caller (nproc, cpu, ram...).
"""
import collections
import statistics
import sys

TOOLS = ["lg", "floor", "alembic", "sqitch", "dbmate"]
OPS = ["register", "upgrade", "downgrade", "noop", "status"]
OP_NAMES = {
    "register": "register N revisions",
    "upgrade": "upgrade from empty",
    "downgrade": "downgrade to base",
    "noop": "no-op upgrade at head",
    "status": "status",
}
TOOL_OPS = {
    "lg": {"register": "`psql -1 -f` of N `SELECT lg_revision(...)`",
           "upgrade": "`SELECT lg_migrate('head')`", "downgrade": "`SELECT lg_downgrade('base')`",
           "noop": "`SELECT lg_migrate('head')`", "status": "`SELECT * FROM lg_status()`"},
    "floor": {"upgrade": "`psql -X -q -1 -f up.sql`", "downgrade": "`psql -X -q -1 -f down.sql`"},
    "alembic": {"upgrade": "`alembic upgrade head`", "downgrade": "`alembic downgrade base`",
                "noop": "`alembic upgrade head`", "status": "`alembic current`"},
    "sqitch": {"upgrade": "`sqitch deploy`", "downgrade": "`sqitch revert -y`",
               "noop": "`sqitch deploy`", "status": "`sqitch status`"},
    "dbmate": {"upgrade": "`dbmate migrate`", "downgrade": "N x `dbmate rollback`",
               "noop": "`dbmate migrate`", "status": "`dbmate status`"},
}

GOAL_STATUS_MS = 5.0
GOAL_NOOP_MS = 10.0
GOAL_REGISTER_MS = 2000.0
GOAL_RATIO = 1.05
GOAL_PLAN_MS = 100.0
GOAL_MEM_KB = 100 * 1024


def ms(us):
    v = us / 1000.0
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


def load(path):
    times = collections.defaultdict(list)        # (tool, op, shape, n) -> [us]
    calls = collections.defaultdict(lambda: collections.defaultdict(list))  # (tool,op,shape,n) -> run -> [us]
    mem = collections.defaultdict(list)          # (op, n) -> [kB]
    fails, skips, info = [], [], {}
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 7:
                continue
            kind, tool, op, shape, n, run, value = parts[:7]
            if kind == "time":
                times[(tool, op, shape, int(n))].append(int(value))
            elif kind == "call":
                r, _, i = run.partition(".")
                calls[(tool, op, shape, int(n))][r].append((int(i), int(value)))
            elif kind == "mem":
                mem[(op, int(n))].append(int(value))
            elif kind == "fail":
                fails.append(parts)
            elif kind == "skip":
                skips.append(parts)
            elif kind == "info":
                info[(tool, op)] = value
    return times, calls, mem, fails, skips, info


def minmed(vals):
    if not vals:
        return None
    return min(vals), statistics.median(vals), len(vals)


def cell(vals):
    mm = minmed(vals)
    if not mm:
        return "—"
    s = "%s / %s" % (ms(mm[0]), ms(mm[1]))
    if mm[2] < 3:
        s += " (%d run%s)" % (mm[2], "" if mm[2] == 1 else "s")
    return s


def ratio(a, b):
    if not a or not b:
        return None
    return statistics.median(a) / statistics.median(b)


def fmt_ratio(r):
    return "—" if r is None else "%.2f×" % r


def call_stats(runs):
    """per run: first call, mean of all calls, median of calls 2..k"""
    first, mean, warm = [], [], []
    for r, lst in runs.items():
        lst = [v for _, v in sorted(lst)]
        first.append(lst[0])
        mean.append(sum(lst) / len(lst))
        if len(lst) > 1:
            warm.append(statistics.median(lst[1:]))
    return first, mean, warm


def main():
    raw, machine_path, command = sys.argv[1], sys.argv[2], sys.argv[3]
    times, calls, mem, fails, skips, info = load(raw)
    machine = {}
    with open(machine_path) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            machine[k] = v
    shapes = [s for s in ("chain", "dag") if any(k[2] == s for k in times)]
    ns = sorted({k[3] for k in times if k[2] in ("chain", "dag") and k[1] != "plan-register"})
    present = [t for t in TOOLS if any(k[0] == t for k in times)]
    out = []
    w = out.append

    w("Command: `%s`, %s." % (command, machine.get("date", "")))
    w("")
    w("| | |")
    w("|---|---|")
    w("| machine | %s cores (nproc), %s, %s RAM, %s |" % (machine.get("nproc"), machine.get("cpu"),
                                                        machine.get("ram"), machine.get("kernel")))
    w("| PostgreSQL | %s |" % info.get(("pg", "server_version"), "?"))
    w("| settings | shared_buffers=%s, fsync=%s, synchronous_commit=%s, max_locks_per_transaction=%s, wal_level=%s |" % tuple(
        info.get(("pg", k), "?") for k in ("shared_buffers", "fsync", "synchronous_commit",
                                            "max_locks_per_transaction", "wal_level")))
    w("| lg | %s; %s |" % (info.get(("lg", "version"), "?"), machine.get("lgbuild", "")))
    w("| clients | %s |" % "; ".join(
        [info.get(("psql", "version"), "psql")] +
        [info[(t, "version")] for t in ("alembic", "sqitch", "dbmate") if (t, "version") in info]))
    w("")
    w("Times are client wall clock in ms, **min / median** over the runs (3 unless "
      "said), each run on a fresh database of the same throwaway cluster; the tool's "
      "start and connection are included (psql: a few ms). Ratios are medians of the "
      "same run divided.")
    w("")

    # lg against the floor
    w("### lg against the psql floor (same SQL, one transaction)")
    w("")
    w("| shape | N | operation | lg | `psql -1 -f` | lg / floor |")
    w("|---|---:|---|---:|---:|---:|")
    for shape in shapes:
        for n in ns:
            for op in ("upgrade", "downgrade"):
                a, b = times.get(("lg", op, shape, n)), times.get(("floor", op, shape, n))
                w("| %s | %s | %s | %s | %s | %s |" % (shape, "{:,}".format(n), OP_NAMES[op],
                                                       cell(a), cell(b), fmt_ratio(ratio(a, b))))
    w("")

    # all tools
    peers = [t for t in ("alembic", "sqitch", "dbmate") if t in present]
    w("### lg against the tools it replaces")
    w("")
    w(("| shape | N | operation | lg | floor | " + "".join("%s | " % p for p in peers) +
      "".join("%s / lg | " % p for p in peers)).rstrip())
    w("|---|---:|---|" + "---:|" * (2 + 2 * len(peers)))
    for shape in shapes:
        for n in ns:
            for op in OPS:
                row = [times.get((t, op, shape, n)) for t in ["lg", "floor"] + peers]
                if not any(row):
                    continue
                cells = [cell(v) for v in row]
                ratios = [fmt_ratio(ratio(times.get((p, op, shape, n)), times.get(("lg", op, shape, n))))
                          for p in peers]
                w("| %s | %s | %s | %s |" % (shape, "{:,}".format(n), OP_NAMES[op],
                                             " | ".join(cells + ratios)))
    w("")
    w("Commands: " + "; ".join(
        "%s: %s" % (t, ", ".join("%s %s" % (OP_NAMES[o].split(" ")[0], c) for o, c in TOOL_OPS[t].items()))
        for t in ["lg", "floor"] + peers) + ".")
    w("")

    # server-side
    w("### lg per call, server side (psql `\\timing`, %s calls in one session)" % (
        max((len(v) for runs in calls.values() for v in runs.values()), default=0)))
    w("")
    w("| shape | N (registered and applied) | call | first call of the session | mean of the calls | median of calls 2.. |")
    w("|---|---:|---|---:|---:|---:|")
    for shape in shapes:
        for n in ns:
            for op, name in (("status", "`lg_status()`"), ("noop", "`lg_migrate('head')` at head")):
                runs = calls.get(("lg", op, shape, n))
                if not runs:
                    continue
                first, mean, warm = call_stats(runs)
                w("| %s | %s | %s | %s | %s | %s |" % (shape, "{:,}".format(n), name, cell(first), cell(mean), cell(warm)))
    w("")

    # planning
    plan_ns = sorted({k[3] for k in calls if k[1] == "plan"})
    if plan_ns:
        w("### Planning alone: `lg_plan('heads')`, DAG with a merge every 50, registered, nothing applied")
        w("")
        w("| revisions | registering them (`psql -1 -f`, increment) | first call of a session | later calls (cached registry) | private memory peak (RssAnon, sampled) | backend VmHWM before / after | RssAnon / RssShmem after |")
        w("|---:|---:|---:|---:|---:|---:|---:|")
        prev = 0
        for n in plan_ns:
            first, _, warm = call_stats(calls[("lg", "plan", "dag", n)])
            reg = times.get(("lg", "plan-register", "dag", n))
            h0, h1 = mem.get(("hwm-before", n)), mem.get(("hwm", n))
            ra, rs = mem.get(("rss-anon", n)), mem.get(("rss-shmem", n))
            ap = mem.get(("anon-peak", n))
            mb = lambda v: "%.1f MB" % (max(v) / 1024.0) if v else "—"
            w("| %s | %s | %s | %s | %s | %s / %s | %s / %s |" % (
                "{:,}".format(n), "%s (%s..%s)" % (ms(reg[0]), "{:,}".format(prev + 1), "{:,}".format(n)) if reg else "—",
                cell(first), cell(warm), mb(ap), mb(h0), mb(h1), mb(ra), mb(rs)))
            prev = n
        w("")
        w("Memory: the largest value over the runs. The private peak is the backend's RssAnon "
          "sampled every 0.5 ms during the session by `bench/lib/peak_mem.py` (what lg allocates; "
          "the kernel keeps no peak of it). VmHWM is the kernel's peak resident set of the backend "
          "(`/proc/<pg_backend_pid()>/status`, read after the calls in the same session): it also "
          "counts the shared buffers mapped, and the kernel maps up to 64 kB around every shared "
          "page touched (fault-around), so a scan of a table spread over the buffer pool maps "
          "several times the table's size.")
        w("")

    # goals
    w("### Goals")
    w("")
    w("| goal | measured (median over runs; worst shape) | |")
    w("|---|---|---|")

    def verdict(ok):
        return "met" if ok else "**missed**"

    def worst(getter):
        vals = [(getter(s), s) for s in shapes]
        vals = [(v, s) for v, s in vals if v is not None]
        return max(vals) if vals else (None, None)

    bign = 10000 if 10000 in ns else None
    if not (bign or 1000 in ns or 50000 in plan_ns or 100000 in plan_ns):
        w("| (the goals are set at N = 1,000, 10,000, 50,000 and 100,000: none measured in this run) | | |")
    if bign:
        def call_goal(op, label, limit):
            def g(s):
                runs = calls.get(("lg", op, s, bign))
                if not runs:
                    return None
                return statistics.median(call_stats(runs)[1]) / 1000.0
            v, s = worst(g)
            if v is not None:
                runs = calls.get(("lg", op, s, bign))
                first = statistics.median(call_stats(runs)[0]) / 1000.0
                w("| %s ≤ %g ms with %s revisions applied | %.2f ms per call, mean of a session's calls (%s); its first call %.2f ms | %s |" % (
                    label, limit, "{:,}".format(bign), v, s, first, verdict(v <= limit)))
        call_goal("status", "`lg_status()`", GOAL_STATUS_MS)
        call_goal("noop", "no-op `lg_migrate('head')`", GOAL_NOOP_MS)
        v, s = worst(lambda s: statistics.median(times[("lg", "register", s, bign)]) / 1000.0
                     if times.get(("lg", "register", s, bign)) else None)
        if v is not None:
            w("| registering %s revisions ≤ %g s | %.2f s (%s) | %s |" % ("{:,}".format(bign), GOAL_REGISTER_MS / 1000, v / 1000, s,
                                                                      verdict(v <= GOAL_REGISTER_MS)))
    if 1000 in ns:
        for op in ("upgrade", "downgrade"):
            v, s = worst(lambda s: ratio(times.get(("lg", op, s, 1000)), times.get(("floor", op, s, 1000))))
            if v is not None:
                w("| %s of 1,000 revisions ≤ %.2f× the psql floor | %.2f× (%s) | %s |" % (op, GOAL_RATIO, v, s, verdict(v <= GOAL_RATIO)))
    if 50000 in plan_ns:
        first, _, warm = call_stats(calls[("lg", "plan", "dag", 50000)])
        f, wm = statistics.median(first) / 1000.0, statistics.median(warm) / 1000.0 if warm else None
        w("| planning 50,000 revisions (merge every 50) ≤ %g ms | first call of a session %.1f ms; cached registry %s ms | %s (first call), %s (cached) |" % (
            GOAL_PLAN_MS, f, "%.1f" % wm if wm is not None else "—", verdict(f <= GOAL_PLAN_MS),
            verdict(wm is not None and wm <= GOAL_PLAN_MS)))
    if 100000 in plan_ns:
        top = 100000
        h, ap, sh = mem.get(("hwm", top)), mem.get(("anon-peak", top)), mem.get(("rss-shmem", top))
        if ap:
            w("| backend memory < 100 MB planning %s revisions | private peak %.1f MB; VmHWM %.1f MB, of which shared buffers mapped %.1f MB | %s (private); VmHWM %s |" % (
                "{:,}".format(top), max(ap) / 1024.0, max(h) / 1024.0 if h else 0, max(sh) / 1024.0 if sh else 0,
                verdict(max(ap) < GOAL_MEM_KB), "under" if h and max(h) < GOAL_MEM_KB else "over (shared buffers: see the diagnosis)"))
        elif h:
            w("| backend memory < 100 MB planning %s revisions | VmHWM %.1f MB | %s |" % ("{:,}".format(top), max(h) / 1024.0,
                                                                                      verdict(max(h) < GOAL_MEM_KB)))
    w("")

    notes = []
    for p in skips:
        _, tool, op, shape, n, run, why = p[:7]
        where = "" if shape == "-" else " (%s, N=%s)" % (shape, "{:,}".format(int(n)))
        notes.append("%s %s%s: %s" % (tool, "" if op == "all" else op, where, why))
    for p in fails:
        _, tool, op, shape, n, run, why = p[:7]
        notes.append("**FAILED** %s %s (%s, N=%s, run %s): %s" % (tool, op, shape, n, run, why))
    if notes:
        w("Skipped or failed:")
        w("")
        for x in notes:
            w("- " + x.replace("  ", " "))
        w("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
