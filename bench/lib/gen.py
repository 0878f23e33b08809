#!/usr/bin/env python3
"""bench/lib/gen.py: generate the benchmark workloads.

One workload is N revisions, each creating a table with three columns, an
index and a comment (down: drop the table), in one of two shapes:

  chain  a linear chain r000001 <- r000002 <- ... <- rN
  dag    blocks of 50: 47 revisions in a chain, then a branch point (the
         47th) with two parallel revisions (48th, 49th) and a merge revision
         (50th) whose parents are both. N a multiple of 50 ends on a merge,
         so there is a single head.

From the same list of revisions it writes, into OUT_DIR:

  lg_register.sql   one SELECT lg_revision(...) per revision and line (psql -1 -f)
  floor_up.sql      every up script in registration (topological) order
  floor_down.sql    every down script in reverse order
  alembic/          alembic.ini, env.py, versions/*.py with op.execute(SQL)
  sqitch/           sqitch.conf, sqitch.plan, deploy/ revert/ (DAG merges
                    list both parents as requirements)
  dbmate/           db/migrations/NNNNNN_rXXXXXX.sql (dbmate has no graph:
                    the same revisions in the same topological order)

usage: gen.py N SHAPE OUT_DIR [--only lg,floor,alembic,sqitch,dbmate]
"""
import os
import sys

BLOCK = 50


def revisions(n, shape):
    """Yield (id, parents, up_sql, down_sql) in registration order."""
    prev = None
    branch_point = None
    side = []
    for i in range(1, n + 1):
        rid = "r%06d" % i
        t = "bench_t%06d" % i
        # one line each, so that lg_register.sql has one revision a line
        up = ("CREATE TABLE %s (id bigint NOT NULL, name text NOT NULL, "
              "created_at timestamptz NOT NULL DEFAULT now()); "
              "CREATE INDEX %s_name_idx ON %s (name); "
              "COMMENT ON TABLE %s IS 'bench revision %s';" % (t, t, t, t, rid))
        down = "DROP TABLE %s;" % t
        pos = (i - 1) % BLOCK + 1          # 1..50 inside the block
        if shape == "dag" and pos == BLOCK - 2:     # first parallel revision
            branch_point = prev
            parents = [branch_point] if branch_point else []
            side = [rid]
        elif shape == "dag" and pos == BLOCK - 1:   # second parallel revision
            parents = [branch_point] if branch_point else []
            side.append(rid)
        elif shape == "dag" and pos == BLOCK:       # merge
            parents = list(side)
        else:
            parents = [prev] if prev else []
        prev = rid
        yield rid, parents, up, down


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def gen_lg(revs, out):
    with open(os.path.join(out, "lg_register.sql"), "w") as f:
        for rid, parents, up, down in revs:
            f.write("SELECT lg_revision('%s', up => $up$%s$up$, down => $dn$%s$dn$, "
                    "parents => '{%s}');\n" % (rid, up, down, ",".join(parents)))


def gen_floor(revs, out):
    with open(os.path.join(out, "floor_up.sql"), "w") as f:
        for _, _, up, _ in revs:
            f.write(up + "\n")
    with open(os.path.join(out, "floor_down.sql"), "w") as f:
        for _, _, _, down in reversed(revs):
            f.write(down + "\n")


ALEMBIC_INI = """[alembic]
script_location = %(here)s
"""

# Online mode only. The URL names only the database: libpq takes host, port,
# user and password from the PG* variables of the harness. The default
# transaction_per_migration=False runs the whole upgrade in one transaction,
# as lg and the psql floor do.
ALEMBIC_ENV = '''import os
from alembic import context
from sqlalchemy import create_engine

engine = create_engine("postgresql+psycopg2:///" + os.environ["BENCH_DB"])
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
'''


def gen_alembic(revs, out):
    d = os.path.join(out, "alembic")
    write(os.path.join(d, "alembic.ini"), ALEMBIC_INI.replace("%(here)s", d))
    write(os.path.join(d, "env.py"), ALEMBIC_ENV)
    write(os.path.join(d, "script.py.mako"), "")
    os.makedirs(os.path.join(d, "versions"), exist_ok=True)
    for rid, parents, up, down in revs:
        if not parents:
            dr = "None"
        elif len(parents) == 1:
            dr = repr(parents[0])
        else:
            dr = repr(tuple(parents))
        write(os.path.join(d, "versions", rid + ".py"),
              "from alembic import op\n\n"
              "revision = %r\ndown_revision = %s\nbranch_labels = None\ndepends_on = None\n\n\n"
              "def upgrade():\n    op.execute(%r)\n\n\n"
              "def downgrade():\n    op.execute(%r)\n" % (rid, dr, up, down))


def gen_sqitch(revs, out):
    d = os.path.join(out, "sqitch")
    write(os.path.join(d, "sqitch.conf"),
          "[core]\n\tengine = pg\n\tplan_file = sqitch.plan\n\ttop_dir = .\n")
    lines = ["%syntax-version=1.0.0", "%project=bench", ""]
    os.makedirs(os.path.join(d, "deploy"), exist_ok=True)
    os.makedirs(os.path.join(d, "revert"), exist_ok=True)
    for rid, parents, up, down in revs:
        req = " [%s]" % " ".join(parents) if len(parents) > 1 else ""
        lines.append("%s%s 2024-01-01T00:00:00Z bench <bench@example.com> # bench" % (rid, req))
        with open(os.path.join(d, "deploy", rid + ".sql"), "w") as f:
            f.write(up + "\n")
        with open(os.path.join(d, "revert", rid + ".sql"), "w") as f:
            f.write(down + "\n")
    write(os.path.join(d, "sqitch.plan"), "\n".join(lines) + "\n")


def gen_dbmate(revs, out):
    d = os.path.join(out, "dbmate", "db", "migrations")
    os.makedirs(d, exist_ok=True)
    for i, (rid, parents, up, down) in enumerate(revs, 1):
        with open(os.path.join(d, "%06d_%s.sql" % (i, rid)), "w") as f:
            f.write("-- migrate:up\n%s\n\n-- migrate:down\n%s\n" % (up, down))


GENERATORS = {"lg": gen_lg, "floor": gen_floor, "alembic": gen_alembic,
              "sqitch": gen_sqitch, "dbmate": gen_dbmate}


def main(argv):
    if len(argv) < 4 or argv[2] not in ("chain", "dag"):
        sys.exit(__doc__)
    n, shape, out = int(argv[1]), argv[2], os.path.abspath(argv[3])
    only = list(GENERATORS)
    if len(argv) >= 6 and argv[4] == "--only":
        only = [x for x in argv[5].split(",") if x]
    os.makedirs(out, exist_ok=True)
    revs = list(revisions(n, shape))
    for name in only:
        GENERATORS[name](revs, out)


if __name__ == "__main__":
    main(sys.argv)
