"""lg driven by psycopg2, with autocommit off (the driver's BEGIN around
everything) and on: registration with bound parameters, lg_migrate, CALL
lg_apply in both modes, a failing migration's error fields (pgcode and the
diag fields), and NOTICE delivery.  Talks TAP; runs against the server in
the PG* variables, in a database of its own.
Usage: /usr/bin/python3 test/clients/psycopg2_test.py  (Debian's python3-psycopg2)
"""
import os
import sys

import psycopg2

n = 0
failed = 0


def ok(cond, what, got=None):
    global n, failed
    n += 1
    print(f"{'ok' if cond else 'not ok'} {n} - {what}")
    if not cond:
        failed += 1
        if got is not None:
            print(f"#   got: {got!r}")


def is_(got, want, what):
    ok(got == want, what, got)


def current(cur):
    cur.execute("SELECT current FROM lg_status()")
    return cur.fetchone()[0]


def main():
    db = "lg_clients_psycopg2"
    admin = psycopg2.connect(dbname=os.environ.get("PGDATABASE", "postgres"))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {db}")
        cur.execute(f"CREATE DATABASE {db}")

    conn = psycopg2.connect(dbname=db)
    cur = conn.cursor()

    # autocommit off: every statement runs in the driver's transaction.
    cur.execute("CREATE EXTENSION lg")
    cur.execute("SELECT lg_revision(%s, up => %s, down => %s)",
                ("p1", "CREATE TABLE py_t (id int PRIMARY KEY)", "DROP TABLE py_t"))
    cur.execute("SELECT lg_revision(%s, up => %s, down => %s, parents => %s, message => %s)",
                ("p2", "INSERT INTO py_t VALUES (1)", "DELETE FROM py_t", ["p1"], "it's %s-safe"))
    cur.execute("SELECT revision FROM lg_migrate('head')")
    is_([r[0] for r in cur.fetchall()], ["p1", "p2"], "autocommit off: lg_migrate applies in order")
    ok(any('applied revision "p2"' in m for m in conn.notices), "NOTICEs reach conn.notices", conn.notices)
    conn.rollback()
    cur.execute("SELECT count(*) FROM pg_extension WHERE extname = 'lg'")
    is_(cur.fetchone()[0], 0, "autocommit off: a rollback takes back the run, the registrations and the extension")

    cur.execute("CREATE EXTENSION IF NOT EXISTS lg")
    cur.execute("SELECT lg_revision(%s, up => %s, down => %s)",
                ("p1", "CREATE TABLE py_t (id int PRIMARY KEY)", "DROP TABLE py_t"))
    cur.execute("SELECT lg_revision(%s, up => %s, down => %s, parents => %s)",
                ("p2", "INSERT INTO py_t VALUES (1)", "DELETE FROM py_t", ["p1"]))
    cur.execute("CALL lg_apply('head')")
    conn.commit()
    is_(current(cur), ["p2"], "autocommit off: CALL lg_apply inside the driver's transaction applies, then commits")

    # A failing migration: SQLSTATE and every diag field.
    cur.execute("SELECT lg_revision(%s, up => %s, down => %s, parents => %s)",
                ("p3", "CREATE TABLE py_u (x int); INSERT INTO py_t VALUES (1)", "DROP TABLE py_u", ["p2"]))
    conn.commit()
    err = None
    try:
        cur.execute("SELECT * FROM lg_migrate('head')")
    except psycopg2.Error as e:
        err = e
    conn.rollback()
    is_(err.pgcode if err else None, "23505", "the revision's own SQLSTATE")
    ok(err is not None and "duplicate key" in (err.diag.message_primary or ""), "message_primary")
    ok(err is not None and "already exists" in (err.diag.message_detail or ""), "message_detail")
    ok(err is not None and 'lg revision "p3" (up), statement 2' in (err.diag.context or ""), "context names revision and statement",
       err.diag.context if err else None)
    is_(current(cur), ["p2"], "nothing of the failed run was applied")

    err = None
    try:
        cur.execute("SELECT * FROM lg_downgrade('nope')")
    except psycopg2.Error as e:
        err = e
    conn.rollback()
    is_(err.pgcode if err else None, "42704", "unknown target: 42704")
    ok(err is not None and bool(err.diag.message_hint), "with a hint", err.diag.message_hint if err else None)

    # autocommit on: CALL lg_apply commits after each revision.
    conn.autocommit = True
    cur.execute("SELECT lg_revision(%s, up => %s, down => %s, parents => %s)",
                ("p3", "CREATE TABLE py_u (x int)", "DROP TABLE py_u", ["p2"]))
    cur.execute("SELECT lg_revision(%s, up => %s, down => %s, parents => %s)",
                ("p4", "SELECT 1/0", "", ["p3"]))
    err = None
    try:
        cur.execute("CALL lg_apply('head')")
    except psycopg2.Error as e:
        err = e
    is_(err.pgcode if err else None, "22012", "autocommit on: CALL lg_apply fails on the failing revision")
    is_(current(cur), ["p3"], "and keeps the revision before it committed")
    cur.execute("SELECT lg_revision(%s, up => %s, down => %s, parents => %s)",
                ("p4", "SELECT 1", "", ["p3"]))
    cur.execute("CALL lg_apply('head')")
    is_(current(cur), ["p4"], "a second CALL lg_apply finishes the job")

    conn.close()
    with admin.cursor() as c2:
        c2.execute(f"DROP DATABASE {db}")
    admin.close()
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # an unexpected error is one failed test
        print(f"not ok {n + 1} - unexpected error: {e}")
        print(f"1..{n + 1}")
        sys.exit(1)
