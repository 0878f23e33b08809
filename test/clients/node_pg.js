// lg driven the way a web SQL editor and a Node application drive it, with
// node-postgres: a pasted script sent as one simple query, a failing
// migration's error fields, NOTICE delivery, parameters through the extended
// protocol, and CALL lg_apply alone and inside a multi-statement string.
// Talks TAP; runs against the server in the PG* variables, in a database of
// its own.  Usage: node test/clients/node_pg.js
'use strict';
const { Client } = require('pg');

let n = 0;
let failed = 0;
function ok(cond, what, extra) {
  n += 1;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`);
  if (!cond) {
    failed += 1;
    if (extra !== undefined) console.log(`#   got: ${JSON.stringify(extra)}`);
  }
}
function is(got, want, what) {
  ok(JSON.stringify(got) === JSON.stringify(want), what, { got, want });
}

async function main() {
  const db = 'lg_clients_node';
  const admin = new Client({ database: process.env.PGDATABASE || 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();

  const c = new Client({ database: db });
  const notices = [];
  c.on('notice', (msg) => notices.push(msg));
  await c.connect();

  // 1. What an editor sends: the whole pasted script as one simple query.
  const pasted = `
    CREATE SCHEMA extensions;
    CREATE EXTENSION lg WITH SCHEMA extensions;
    SET search_path = public, extensions;
    SELECT lg_revision('c1', up => $$CREATE TABLE cl_t (id int PRIMARY KEY, name text)$$,
                       down => $$DROP TABLE cl_t$$);
    SELECT lg_revision('c2', up => $$INSERT INTO cl_t VALUES (1, 'café')$$,
                       down => $$DELETE FROM cl_t$$, parents => '{c1}');
    SELECT revision, direction FROM lg_migrate('head');`;
  const results = await c.query(pasted);
  ok(Array.isArray(results) && results.length === 6, 'a pasted script comes back as one result per statement');
  is(results[5].rows, [{ revision: 'c1', direction: 'up' }, { revision: 'c2', direction: 'up' }],
     'lg_migrate in the pasted script applied both revisions, in order');
  is((await c.query('SELECT name FROM cl_t')).rows, [{ name: 'café' }], 'UTF-8 text survives the round trip');

  // 2. NOTICEs reach the client, one per step.
  const applied = notices.filter((m) => /^lg: applied revision/.test(m.message)).map((m) => m.message);
  is(applied, ['lg: applied revision "c1"', 'lg: applied revision "c2"'], 'one NOTICE per applied revision');
  ok(notices.some((m) => /statement/.test(m.detail || '')), 'the NOTICE carries its detail');

  // 3. A failing migration: every error field, and nothing applied.
  await c.query(`SELECT lg_revision('c3', up => $$CREATE TABLE cl_u (x int); INSERT INTO cl_t VALUES (1, 'again')$$,
                                     down => $$DROP TABLE cl_u$$, parents => '{c2}')`);
  let err = null;
  try { await c.query("SELECT * FROM lg_migrate('head')"); } catch (e) { err = e; }
  ok(err !== null, 'a failing revision fails the call');
  is(err && err.code, '23505', 'the error keeps the statement\'s own SQLSTATE');
  ok(err && /duplicate key value violates unique constraint/.test(err.message), 'message', err && err.message);
  ok(err && /Key \(id\)=\(1\) already exists/.test(err.detail || ''), 'detail', err && err.detail);
  ok(err && /lg revision "c3" \(up\), statement 2/.test(err.where || ''), 'where names revision and statement', err && err.where);
  is((await c.query('SELECT current FROM lg_status()')).rows[0].current, ['c2'], 'nothing of the failed run was applied');
  is((await c.query("SELECT to_regclass('cl_u') IS NULL AS gone")).rows[0].gone, true, 'the failed revision left no table');

  err = null;
  try { await c.query("SELECT * FROM lg_migrate('no_such_revision')"); } catch (e) { err = e; }
  is(err && err.code, '42704', 'an unknown target is 42704');
  ok(err && typeof err.hint === 'string' && err.hint.length > 0, 'and carries a hint', err && err.hint);

  // 4. Parameters through the extended protocol (a text[] from a JS array).
  await c.query("SELECT lg_revision('c3', up => $$CREATE TABLE cl_u (x int)$$, down => $$DROP TABLE cl_u$$, parents => '{c2}')");
  const reg = await c.query('SELECT lg_revision($1, up => $2, down => $3, parents => $4, message => $5) AS id',
                            ['c4', 'CREATE TABLE cl_v (y text)', 'DROP TABLE cl_v', ['c3'], 'with \'quotes\' and é']);
  is(reg.rows[0].id, 'c4', 'lg_revision takes bound parameters, parents as an array');
  is((await c.query('SELECT message FROM lg_history() WHERE revision = $1', ['c4'])).rows[0].message,
     'with \'quotes\' and é', 'the message is stored as sent');

  // 5. CALL lg_apply alone: a commit after each revision.
  notices.length = 0;
  await c.query("CALL lg_apply('head')");
  is((await c.query('SELECT current FROM lg_status()')).rows[0].current, ['c4'], 'CALL lg_apply reached head');
  is(notices.filter((m) => /^lg: applied revision/.test(m.message)).length, 2, 'and said so once per revision');

  // 6. CALL lg_apply inside a multi-statement string (an implicit transaction).
  await c.query("SELECT lg_revision('c5', up => $$ALTER TABLE cl_v ADD COLUMN z int$$, down => $$ALTER TABLE cl_v DROP COLUMN z$$, parents => '{c4}')");
  const multi = await c.query("SELECT 1 AS before; CALL lg_apply('head'); SELECT current FROM lg_status()");
  is(multi[2].rows[0].current, ['c5'], 'CALL lg_apply inside a multi-statement string applies');
  let multiErr = null;
  try {
    await c.query("SELECT lg_revision('c6', up => $$SELECT 1/0$$, down => '', parents => '{c5}'); CALL lg_apply('head')");
  } catch (e) { multiErr = e; }
  is(multiErr && multiErr.code, '22012', 'a failure there is the revision\'s error');
  is((await c.query("SELECT count(*)::int AS n FROM lg_history() WHERE revision = 'c6'")).rows[0].n, 0,
     'and the whole string rolled back, registration included');

  await c.end();
  const drop = new Client({ database: process.env.PGDATABASE || 'postgres' });
  await drop.connect();
  await drop.query(`DROP DATABASE ${db}`);
  await drop.end();
  console.log(`1..${n}`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.log(`not ok ${n + 1} - unexpected error: ${e.message}`);
  console.log(`1..${n + 1}`);
  process.exitCode = 1;
});
