-- No lg statement can be redirected through the search_path (issue 11).
-- Schema shadow, ahead of pg_catalog, holds functions, aggregates,
-- operators, a type and tables named like everything lg's statements use
-- (and temporary tables shadow lg's tables too); each raises when used.
-- Every lg function then runs under READ COMMITTED, REPEATABLE READ and
-- SERIALIZABLE, and so does an lg_sql() script: none of them may touch a
-- shadow object.  Revision SQL itself runs with the caller's search_path,
-- by design, so the revisions here use nothing the shadow schema shadows.
CREATE EXTENSION lg;
SET client_min_messages = warning;
CREATE SCHEMA shadow;

CREATE FUNCTION public.shadow_hit(what pg_catalog.text) RETURNS pg_catalog.bool
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    RAISE EXCEPTION 'lg used the shadow object %', what;
END
$$;

-- functions lg calls (or could call): same names and argument types
CREATE FUNCTION shadow.unnest(a anyarray) RETURNS SETOF anyelement
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('unnest'); END $$;
CREATE FUNCTION shadow.nextval(r pg_catalog.regclass) RETURNS pg_catalog.int8
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('nextval'); RETURN 0; END $$;
CREATE FUNCTION shadow.now() RETURNS pg_catalog.timestamptz
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('now'); RETURN NULL; END $$;
CREATE FUNCTION shadow.clock_timestamp() RETURNS pg_catalog.timestamptz
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('clock_timestamp'); RETURN NULL; END $$;
CREATE FUNCTION shadow.substr(s pg_catalog.text, f pg_catalog.int4, n pg_catalog.int4) RETURNS pg_catalog.text
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('substr'); RETURN NULL; END $$;
CREATE FUNCTION shadow.encode(b pg_catalog.bytea, f pg_catalog.text) RETURNS pg_catalog.text
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('encode'); RETURN NULL; END $$;
CREATE FUNCTION shadow.sha256(b pg_catalog.bytea) RETURNS pg_catalog.bytea
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('sha256'); RETURN NULL; END $$;
CREATE FUNCTION shadow.convert_to(s pg_catalog.text, e pg_catalog.name) RETURNS pg_catalog.bytea
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('convert_to'); RETURN NULL; END $$;
CREATE FUNCTION shadow.array_to_string(a anyarray, d pg_catalog.text) RETURNS pg_catalog.text
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('array_to_string'); RETURN NULL; END $$;
CREATE FUNCTION shadow.concat(a pg_catalog.int8, b pg_catalog.text, c pg_catalog.int8) RETURNS pg_catalog.text
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('concat'); RETURN NULL; END $$;
CREATE FUNCTION shadow.text(a pg_catalog.int8) RETURNS pg_catalog.text
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('text(bigint)'); RETURN NULL; END $$;
CREATE FUNCTION shadow.pg_advisory_xact_lock(k pg_catalog.int8) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('pg_advisory_xact_lock'); END $$;
CREATE FUNCTION shadow.pg_advisory_lock(k pg_catalog.int8) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('pg_advisory_lock'); END $$;
CREATE FUNCTION shadow.pg_advisory_unlock(k pg_catalog.int8) RETURNS pg_catalog.bool
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('pg_advisory_unlock'); RETURN false; END $$;
CREATE FUNCTION shadow.lock_runs() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('lock_runs'); END $$;
CREATE FUNCTION shadow.int8_max_step(s pg_catalog.int8, v pg_catalog.int8) RETURNS pg_catalog.int8
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('max(bigint)'); RETURN v; END $$;
CREATE AGGREGATE shadow.max(pg_catalog.int8) (SFUNC = shadow.int8_max_step, STYPE = pg_catalog.int8);

-- operators: equality, inequality and concatenation on text, bigint and arrays
CREATE FUNCTION shadow.op_text(a pg_catalog.text, b pg_catalog.text) RETURNS pg_catalog.bool
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN RETURN public.shadow_hit('a text operator'); END $$;
CREATE FUNCTION shadow.op_int8(a pg_catalog.int8, b pg_catalog.int8) RETURNS pg_catalog.bool
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN RETURN public.shadow_hit('a bigint operator'); END $$;
CREATE FUNCTION shadow.op_array(a pg_catalog.text[], b pg_catalog.text[]) RETURNS pg_catalog.bool
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN RETURN public.shadow_hit('a text[] operator'); END $$;
CREATE FUNCTION shadow.cat_text(a pg_catalog.text, b pg_catalog.text) RETURNS pg_catalog.text
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('||(text, text)'); RETURN NULL; END $$;
CREATE FUNCTION shadow.cat_array(a pg_catalog.text[], b pg_catalog.text[]) RETURNS pg_catalog.text[]
LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM public.shadow_hit('||(text[], text[])'); RETURN NULL; END $$;
CREATE OPERATOR shadow.= (LEFTARG = pg_catalog.text, RIGHTARG = pg_catalog.text, FUNCTION = shadow.op_text);
CREATE OPERATOR shadow.<> (LEFTARG = pg_catalog.text, RIGHTARG = pg_catalog.text, FUNCTION = shadow.op_text);
CREATE OPERATOR shadow.= (LEFTARG = pg_catalog.int8, RIGHTARG = pg_catalog.int8, FUNCTION = shadow.op_int8);
CREATE OPERATOR shadow.= (LEFTARG = pg_catalog.text[], RIGHTARG = pg_catalog.text[], FUNCTION = shadow.op_array);
CREATE OPERATOR shadow.@> (LEFTARG = pg_catalog.text[], RIGHTARG = pg_catalog.text[], FUNCTION = shadow.op_array);
CREATE OPERATOR shadow.|| (LEFTARG = pg_catalog.text, RIGHTARG = pg_catalog.text, FUNCTION = shadow.cat_text);
CREATE OPERATOR shadow.|| (LEFTARG = pg_catalog.text[], RIGHTARG = pg_catalog.text[], FUNCTION = shadow.cat_array);

-- a type named text (an unqualified ::text would become it, and fail)
CREATE DOMAIN shadow.text AS pg_catalog.text CHECK (public.shadow_hit('type text'));

-- tables named like lg's: views that fail when read, in shadow and in pg_temp
-- (searched first for tables)
CREATE VIEW shadow.revision AS SELECT public.shadow_hit('table revision') AS id;
CREATE VIEW shadow.script AS SELECT public.shadow_hit('table script') AS revision;
CREATE VIEW shadow.version AS SELECT public.shadow_hit('table version') AS revision;
CREATE VIEW shadow.log AS SELECT public.shadow_hit('table log') AS id;
CREATE VIEW shadow.registry_state AS SELECT public.shadow_hit('table registry_state') AS generation;
CREATE VIEW shadow.sql_changed AS SELECT public.shadow_hit('table sql_changed') AS revision;
CREATE TEMP VIEW revision AS SELECT public.shadow_hit('temp table revision') AS id;
CREATE TEMP VIEW script AS SELECT public.shadow_hit('temp table script') AS revision;
CREATE TEMP VIEW version AS SELECT public.shadow_hit('temp table version') AS revision;
CREATE TEMP VIEW log AS SELECT public.shadow_hit('temp table log') AS id;
CREATE TEMP VIEW registry_state AS SELECT public.shadow_hit('temp table registry_state') AS generation;

-- the shadow objects work (each raises), as this session's queries prove
SET search_path = shadow, pg_catalog, public;
SELECT 'a'::pg_catalog.text = 'b'::pg_catalog.text;
SELECT 'a'::pg_catalog.text || 'b'::pg_catalog.text;
SELECT max(v) FROM (VALUES (1::pg_catalog.int8)) AS t(v);
SELECT now();
SELECT * FROM version;
SELECT 'x'::text;
RESET search_path;


-- another tool's version table, for lg_adopt
CREATE TABLE public.alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);
INSERT INTO public.alembic_version VALUES ('s1');

-- every lg function, each call its own transaction, at each isolation level
-- (test/sql/shadow_round.psql)
\set iso 'read committed'
\ir test/sql/shadow_round.psql
\set iso 'repeatable read'
\ir test/sql/shadow_round.psql
\set iso 'serializable'
\ir test/sql/shadow_round.psql

-- the lg_sql() script itself, as it reads
SELECT lg_revision('s1', up => 'CREATE TABLE public.sh_t (id int)', down => 'DROP TABLE public.sh_t', message => 'table');
SELECT lg_sql('s1');
SELECT revision FROM lg_migrate('s1');
SELECT lg_sql('base', 'down');
SELECT revision FROM lg_downgrade('base');
DROP SCHEMA shadow CASCADE;
DROP FUNCTION public.shadow_hit(pg_catalog.text) CASCADE;
DROP EXTENSION lg;
DROP TABLE public.alembic_version;
