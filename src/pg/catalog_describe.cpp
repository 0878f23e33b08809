/*
 * catalog_describe.cpp: units (catalog_watch.h) described as comparable
 * lines, by one catalog query (catalog_describe.h says what a description
 * holds and leaves out).
 */
#include "pg/pg_headers.h"

#include "pg/catalog_describe.h"
#include "pg/spi_util.h"
#include "pg/text_array.h"

/*
 * Not read-only: a read-only SPI statement would see the caller's snapshot,
 * taken before the DDL it describes.
 *
 * The units to describe arrive as three arrays (kind, schema, name) and
 * are found through the catalogs' name indexes, so the query costs what
 * the units hold, not what the database holds.  It runs as lg's owner with
 * search_path pinned to pg_catalog (spi_util.h): every name the deparsers
 * print is schema-qualified.
 */
static const char describe_sql[] =
    "WITH u AS ("
    " SELECT x.i::pg_catalog.int4 AS i, x.k, x.s::pg_catalog.name AS s, x.n::pg_catalog.name AS n,"
    "        pg_catalog.concat(pg_catalog.quote_ident(x.s), '.', pg_catalog.quote_ident(x.n)) AS q"
    "   FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]), pg_catalog.unnest($2::pg_catalog.text[]),"
    "                   pg_catalog.unnest($3::pg_catalog.text[])) WITH ORDINALITY AS x(k, s, n, i)),"
    " rel AS ("
    " SELECT u.i, u.q, c.oid, c.relkind, c.relpersistence, c.reloptions, c.relispartition,"
    "        c.relpartbound, c.relrowsecurity, c.relforcerowsecurity, c.relreplident"
    "   FROM u JOIN pg_catalog.pg_namespace ns ON ns.nspname OPERATOR(pg_catalog.=) u.s"
    "   JOIN pg_catalog.pg_class c ON c.relnamespace OPERATOR(pg_catalog.=) ns.oid"
    "    AND c.relname OPERATOR(pg_catalog.=) u.n"
    "  WHERE u.k OPERATOR(pg_catalog.=) 'r'),"
    " typ AS ("
    " SELECT u.i, u.q, t.oid, t.typtype, t.typrelid, t.typbasetype, t.typtypmod, t.typnotnull,"
    "        t.typdefault, t.typinput, t.typoutput, t.typlen"
    "   FROM u JOIN pg_catalog.pg_namespace ns ON ns.nspname OPERATOR(pg_catalog.=) u.s"
    "   JOIN pg_catalog.pg_type t ON t.typnamespace OPERATOR(pg_catalog.=) ns.oid"
    "    AND t.typname OPERATOR(pg_catalog.=) u.n"
    "  WHERE u.k OPERATOR(pg_catalog.=) 't')"
    /* the relation itself */
    " SELECT r.i, CASE WHEN r.relkind OPERATOR(pg_catalog.=) ANY ('{r,p}') THEN 'table'"
    "                  WHEN r.relkind OPERATOR(pg_catalog.=) 'v' THEN 'view'"
    "                  WHEN r.relkind OPERATOR(pg_catalog.=) 'm' THEN 'materialized view'"
    "                  WHEN r.relkind OPERATOR(pg_catalog.=) 'S' THEN 'sequence'"
    "                  WHEN r.relkind OPERATOR(pg_catalog.=) 'f' THEN 'foreign table'"
    "                  ELSE 'relation' END, r.q,"
    "        pg_catalog.concat_ws(' ',"
    "          CASE WHEN r.relpersistence OPERATOR(pg_catalog.=) 'u' THEN 'unlogged' END,"
    "          CASE WHEN r.relkind OPERATOR(pg_catalog.=) ANY ('{r,p}') THEN 'table'"
    "               WHEN r.relkind OPERATOR(pg_catalog.=) 'f' THEN 'foreign table' END,"
    "          CASE WHEN r.relkind OPERATOR(pg_catalog.=) 'p'"
    "               THEN 'partitioned by ' OPERATOR(pg_catalog.||) pg_catalog.pg_get_partkeydef(r.oid) END,"
    "          (SELECT pg_catalog.concat('partition of ', h.inhparent::pg_catalog.regclass, ' ',"
    "                                    pg_catalog.pg_get_expr(r.relpartbound, r.oid))"
    "             FROM pg_catalog.pg_inherits h"
    "            WHERE h.inhrelid OPERATOR(pg_catalog.=) r.oid AND r.relispartition),"
    "          (SELECT 'inherits ' OPERATOR(pg_catalog.||) pg_catalog.string_agg("
    "                    h.inhparent::pg_catalog.regclass::pg_catalog.text, ', ' ORDER BY h.inhseqno)"
    "             FROM pg_catalog.pg_inherits h"
    "            WHERE h.inhrelid OPERATOR(pg_catalog.=) r.oid AND NOT r.relispartition),"
    "          'with (' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(r.reloptions, ', ')"
    "                   OPERATOR(pg_catalog.||) ')',"
    "          CASE WHEN r.relrowsecurity THEN 'row level security' END,"
    "          CASE WHEN r.relforcerowsecurity THEN 'forced row level security' END,"
    "          CASE WHEN NOT r.relkind OPERATOR(pg_catalog.=) ANY ('{r,p}') THEN NULL"
    "               WHEN r.relreplident OPERATOR(pg_catalog.=) 'f' THEN 'replica identity full'"
    "               WHEN r.relreplident OPERATOR(pg_catalog.=) 'n' THEN 'replica identity nothing'"
    "               WHEN r.relreplident OPERATOR(pg_catalog.=) 'i' THEN 'replica identity index' END,"
    "          CASE WHEN r.relkind OPERATOR(pg_catalog.=) ANY ('{v,m}')"
    "               THEN 'as ' OPERATOR(pg_catalog.||) pg_catalog.pg_get_viewdef(r.oid) END,"
    "          (SELECT pg_catalog.format('as %s start %s increment %s minvalue %s maxvalue %s cache %s%s',"
    "                    pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,"
    "                    s.seqmin, s.seqmax, s.seqcache, CASE WHEN s.seqcycle THEN ' cycle' END)"
    "             FROM pg_catalog.pg_sequence s WHERE s.seqrelid OPERATOR(pg_catalog.=) r.oid),"
    "          (SELECT pg_catalog.concat('owned by ', d.refobjid::pg_catalog.regclass, '.',"
    "                                    pg_catalog.quote_ident(a.attname))"
    "             FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_attribute a"
    "               ON a.attrelid OPERATOR(pg_catalog.=) d.refobjid"
    "              AND a.attnum OPERATOR(pg_catalog.=) d.refobjsubid"
    "            WHERE r.relkind OPERATOR(pg_catalog.=) 'S'"
    "              AND d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass"
    "              AND d.objid OPERATOR(pg_catalog.=) r.oid AND d.objsubid OPERATOR(pg_catalog.=) 0"
    "              AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass"
    "              AND d.refobjsubid OPERATOR(pg_catalog.>) 0"
    "              AND d.deptype OPERATOR(pg_catalog.=) ANY ('{a,i}') LIMIT 1))"
    "   FROM rel r"
    /* columns of tables and foreign tables */
    " UNION ALL"
    " SELECT r.i, 'column', pg_catalog.concat(r.q, '.', pg_catalog.quote_ident(a.attname)),"
    "        pg_catalog.concat_ws(' ', pg_catalog.format_type(a.atttypid, a.atttypmod),"
    "          (SELECT pg_catalog.concat('collate ', pg_catalog.quote_ident(cn.nspname), '.',"
    "                                    pg_catalog.quote_ident(co.collname))"
    "             FROM pg_catalog.pg_collation co"
    "             JOIN pg_catalog.pg_namespace cn ON cn.oid OPERATOR(pg_catalog.=) co.collnamespace"
    "            WHERE co.oid OPERATOR(pg_catalog.=) a.attcollation"
    "              AND a.attcollation OPERATOR(pg_catalog.<>) t.typcollation),"
    "          CASE WHEN a.attnotnull THEN 'not null' END,"
    "          CASE WHEN a.attgenerated OPERATOR(pg_catalog.=) 's'"
    "               THEN pg_catalog.concat('generated always as (',"
    "                                      pg_catalog.pg_get_expr(d.adbin, d.adrelid), ') stored')"
    "               WHEN a.atthasdef"
    "               THEN 'default ' OPERATOR(pg_catalog.||) pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,"
    "          CASE WHEN a.attidentity OPERATOR(pg_catalog.=) 'a' THEN 'generated always as identity'"
    "               WHEN a.attidentity OPERATOR(pg_catalog.=) 'd'"
    "               THEN 'generated by default as identity' END)"
    "   FROM rel r"
    "   JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) r.oid"
    "    AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped"
    "   JOIN pg_catalog.pg_type t ON t.oid OPERATOR(pg_catalog.=) a.atttypid"
    "   LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid OPERATOR(pg_catalog.=) a.attrelid"
    "    AND d.adnum OPERATOR(pg_catalog.=) a.attnum"
    "  WHERE r.relkind OPERATOR(pg_catalog.=) ANY ('{r,p,f}')"
    /* constraints of relations and of domains */
    " UNION ALL"
    " SELECT r.i, 'constraint', pg_catalog.concat(r.q, '.', pg_catalog.quote_ident(con.conname)),"
    "        pg_catalog.pg_get_constraintdef(con.oid)"
    "   FROM rel r JOIN pg_catalog.pg_constraint con ON con.conrelid OPERATOR(pg_catalog.=) r.oid"
    /* PostgreSQL 18's NOT NULL constraints (of columns, and of domains from
     * 17 on): the column's or the domain's "not null" says it already */
    "  WHERE con.contype OPERATOR(pg_catalog.<>) 'n'"
    " UNION ALL"
    " SELECT y.i, 'constraint', pg_catalog.concat(y.q, '.', pg_catalog.quote_ident(con.conname)),"
    "        pg_catalog.pg_get_constraintdef(con.oid)"
    "   FROM typ y JOIN pg_catalog.pg_constraint con ON con.contypid OPERATOR(pg_catalog.=) y.oid"
    "  WHERE con.contype OPERATOR(pg_catalog.<>) 'n'"
    /* indexes */
    " UNION ALL"
    " SELECT r.i, 'index',"
    "        pg_catalog.concat(pg_catalog.quote_ident(ns.nspname), '.', pg_catalog.quote_ident(ic.relname)),"
    "        pg_catalog.concat(pg_catalog.pg_get_indexdef(x.indexrelid),"
    "                          CASE WHEN NOT x.indisvalid THEN ' (invalid)' END)"
    "   FROM rel r JOIN pg_catalog.pg_index x ON x.indrelid OPERATOR(pg_catalog.=) r.oid"
    "   JOIN pg_catalog.pg_class ic ON ic.oid OPERATOR(pg_catalog.=) x.indexrelid"
    "   JOIN pg_catalog.pg_namespace ns ON ns.oid OPERATOR(pg_catalog.=) ic.relnamespace"
    /* triggers */
    " UNION ALL"
    " SELECT r.i, 'trigger', pg_catalog.concat(r.q, '.', pg_catalog.quote_ident(tg.tgname)),"
    "        pg_catalog.concat(pg_catalog.pg_get_triggerdef(tg.oid),"
    "          CASE WHEN tg.tgenabled OPERATOR(pg_catalog.=) 'D' THEN ' (disabled)'"
    "               WHEN tg.tgenabled OPERATOR(pg_catalog.=) 'R' THEN ' (enabled on replica)'"
    "               WHEN tg.tgenabled OPERATOR(pg_catalog.=) 'A' THEN ' (enabled always)' END)"
    "   FROM rel r JOIN pg_catalog.pg_trigger tg ON tg.tgrelid OPERATOR(pg_catalog.=) r.oid"
    "  WHERE NOT tg.tgisinternal"
    /* policies */
    " UNION ALL"
    " SELECT r.i, 'policy', pg_catalog.concat(r.q, '.', pg_catalog.quote_ident(p.polname)),"
    "        pg_catalog.concat_ws(' ',"
    "          CASE WHEN p.polpermissive THEN 'permissive' ELSE 'restrictive' END,"
    "          'for ' OPERATOR(pg_catalog.||) CASE WHEN p.polcmd OPERATOR(pg_catalog.=) 'r' THEN 'select'"
    "               WHEN p.polcmd OPERATOR(pg_catalog.=) 'a' THEN 'insert'"
    "               WHEN p.polcmd OPERATOR(pg_catalog.=) 'w' THEN 'update'"
    "               WHEN p.polcmd OPERATOR(pg_catalog.=) 'd' THEN 'delete' ELSE 'all' END,"
    "          (SELECT 'to ' OPERATOR(pg_catalog.||) pg_catalog.string_agg("
    "                    CASE WHEN o OPERATOR(pg_catalog.=) 0 THEN 'public'"
    "                         ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(o)) END,"
    "                    ', ' ORDER BY 1)"
    "             FROM pg_catalog.unnest(p.polroles) o),"
    "          'using (' OPERATOR(pg_catalog.||) pg_catalog.pg_get_expr(p.polqual, p.polrelid)"
    "                    OPERATOR(pg_catalog.||) ')',"
    "          'with check (' OPERATOR(pg_catalog.||) pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)"
    "                         OPERATOR(pg_catalog.||) ')')"
    "   FROM rel r JOIN pg_catalog.pg_policy p ON p.polrelid OPERATOR(pg_catalog.=) r.oid"
    /* rules other than a view's own */
    " UNION ALL"
    " SELECT r.i, 'rule', pg_catalog.concat(r.q, '.', pg_catalog.quote_ident(w.rulename)),"
    "        pg_catalog.pg_get_ruledef(w.oid)"
    "   FROM rel r JOIN pg_catalog.pg_rewrite w ON w.ev_class OPERATOR(pg_catalog.=) r.oid"
    "  WHERE w.rulename OPERATOR(pg_catalog.<>) '_RETURN'"
    /* types */
    " UNION ALL"
    " SELECT y.i, 'type', y.q,"
    "        CASE WHEN y.typtype OPERATOR(pg_catalog.=) 'e' THEN"
    "          (SELECT pg_catalog.concat('enum (', pg_catalog.string_agg(pg_catalog.quote_literal(e.enumlabel),"
    "                                     ', ' ORDER BY e.enumsortorder), ')')"
    "             FROM pg_catalog.pg_enum e WHERE e.enumtypid OPERATOR(pg_catalog.=) y.oid)"
    "             WHEN y.typtype OPERATOR(pg_catalog.=) 'd' THEN"
    "          pg_catalog.concat_ws(' ', 'domain over '"
    "                                    OPERATOR(pg_catalog.||) pg_catalog.format_type(y.typbasetype, y.typtypmod),"
    "                               CASE WHEN y.typnotnull THEN 'not null' END,"
    "                               'default ' OPERATOR(pg_catalog.||) y.typdefault)"
    "             WHEN y.typtype OPERATOR(pg_catalog.=) 'c' THEN"
    "          (SELECT pg_catalog.concat('composite (', pg_catalog.string_agg(pg_catalog.concat("
    "                    pg_catalog.quote_ident(a.attname), ' ', pg_catalog.format_type(a.atttypid, a.atttypmod)),"
    "                    ', ' ORDER BY a.attnum), ')')"
    "             FROM pg_catalog.pg_attribute a WHERE a.attrelid OPERATOR(pg_catalog.=) y.typrelid"
    "              AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped)"
    "             WHEN y.typtype OPERATOR(pg_catalog.=) 'r' THEN"
    "          (SELECT pg_catalog.concat_ws(' ', 'range of '"
    "                    OPERATOR(pg_catalog.||) pg_catalog.format_type(g.rngsubtype, NULL),"
    "                    CASE WHEN g.rngcanonical::pg_catalog.oid OPERATOR(pg_catalog.<>) 0"
    "                         THEN pg_catalog.concat('canonical ', g.rngcanonical) END,"
    "                    CASE WHEN g.rngsubdiff::pg_catalog.oid OPERATOR(pg_catalog.<>) 0"
    "                         THEN pg_catalog.concat('subtype_diff ', g.rngsubdiff) END)"
    "             FROM pg_catalog.pg_range g WHERE g.rngtypid OPERATOR(pg_catalog.=) y.oid)"
    "             ELSE pg_catalog.concat('base type input ', y.typinput::pg_catalog.regproc, ' output ',"
    "                                    y.typoutput::pg_catalog.regproc, ' length ', y.typlen) END"
    "   FROM typ y"
    /* routines: each overload */
    " UNION ALL"
    " SELECT u.i, CASE WHEN p.prokind OPERATOR(pg_catalog.=) 'p' THEN 'procedure'"
    "                  WHEN p.prokind OPERATOR(pg_catalog.=) 'a' THEN 'aggregate' ELSE 'function' END,"
    "        pg_catalog.concat(u.q, '(', pg_catalog.pg_get_function_identity_arguments(p.oid), ')'),"
    "        CASE WHEN p.prokind OPERATOR(pg_catalog.=) 'a'"
    "             THEN 'aggregate returning ' OPERATOR(pg_catalog.||) pg_catalog.format_type(p.prorettype, NULL)"
    "             ELSE pg_catalog.pg_get_functiondef(p.oid) END"
    "   FROM u JOIN pg_catalog.pg_namespace ns ON ns.nspname OPERATOR(pg_catalog.=) u.s"
    "   JOIN pg_catalog.pg_proc p ON p.proname OPERATOR(pg_catalog.=) u.n"
    "    AND p.pronamespace OPERATOR(pg_catalog.=) ns.oid"
    "  WHERE u.k OPERATOR(pg_catalog.=) 'f'"
    /* schemas and extensions */
    " UNION ALL"
    " SELECT u.i, 'schema', pg_catalog.quote_ident(u.n),"
    "        'owner ' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(ns.nspowner))"
    "   FROM u JOIN pg_catalog.pg_namespace ns ON ns.nspname OPERATOR(pg_catalog.=) u.n"
    "  WHERE u.k OPERATOR(pg_catalog.=) 'n'"
    " UNION ALL"
    " SELECT u.i, 'extension', pg_catalog.quote_ident(u.n),"
    "        pg_catalog.concat('version ', e.extversion, ' in schema ', pg_catalog.quote_ident(ns.nspname))"
    "   FROM u JOIN pg_catalog.pg_extension e ON e.extname OPERATOR(pg_catalog.=) u.n"
    "   JOIN pg_catalog.pg_namespace ns ON ns.oid OPERATOR(pg_catalog.=) e.extnamespace"
    "  WHERE u.k OPERATOR(pg_catalog.=) 'e'";

int lg_part_cmp(const void *a, const void *b) {
  const LgPart *x = (const LgPart *) a, *y = (const LgPart *) b;
  int c = strcmp(x->object_type, y->object_type);
  return c != 0 ? c : strcmp(x->object_name, y->object_name);
}

LgPartSet *lg_describe_units(const LgUnitSet *units) {
  LgPartSet *set = (LgPartSet *) palloc0(sizeof(LgPartSet));
  if (units == NULL || units->n == 0) return set;
  char **kinds = (char **) palloc(sizeof(char *) * units->n);
  char **schemas = (char **) palloc(sizeof(char *) * units->n);
  char **names = (char **) palloc(sizeof(char *) * units->n);
  for (int i = 0; i < units->n; i++) {
    kinds[i] = psprintf("%c", units->units[i].kind);
    schemas[i] = units->units[i].schema ? units->units[i].schema : (char *) "";
    names[i] = units->units[i].name;
  }
  Oid types[3] = {TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID};
  Datum values[3] = {lg_text_array(kinds, units->n), lg_text_array(schemas, units->n),
                     lg_text_array(names, units->n)};
  uint64 n = lg_spi_exec_generic(describe_sql, 3, types, values, NULL, false);
  set->parts = (LgPart *) palloc(sizeof(LgPart) * (n > 0 ? n : 1));
  for (uint64 r = 0; r < n; r++) {
    LgPart *p = &set->parts[set->n++];
    bool isnull;
    p->unit =
        DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull)) - 1;
    p->object_type = lg_spi_text(r, 2);
    p->object_name = lg_spi_text(r, 3);
    p->definition = lg_spi_text(r, 4);
    if (p->definition == NULL) p->definition = pstrdup("");
  }
  if (set->n > 1) qsort(set->parts, set->n, sizeof(LgPart), lg_part_cmp);
  return set;
}

int lg_diff_parts(const LgPartSet *before, const LgPartSet *after, LgPartChange **out) {
  int cap = before->n + after->n, n = 0, i = 0, j = 0;
  LgPartChange *changes = (LgPartChange *) palloc(sizeof(LgPartChange) * (cap > 0 ? cap : 1));
  while (i < before->n || j < after->n) {
    int c = i == before->n  ? 1
            : j == after->n ? -1
                            : lg_part_cmp(&before->parts[i], &after->parts[j]);
    if (c < 0) {
      changes[n].before = &before->parts[i++];
      changes[n++].after = NULL;
    } else if (c > 0) {
      changes[n].before = NULL;
      changes[n++].after = &after->parts[j++];
    } else {
      if (strcmp(before->parts[i].definition, after->parts[j].definition) != 0) {
        changes[n].before = &before->parts[i];
        changes[n++].after = &after->parts[j];
      }
      i++;
      j++;
    }
  }
  *out = changes;
  return n;
}

const char *lg_part_change_kind(const LgPartChange *c) {
  return c->before == NULL ? "added" : c->after == NULL ? "removed" : "changed";
}

char *lg_part_change_text(const LgPartChange *c) {
  const LgPart *p = c->before ? c->before : c->after;
  if (c->before == NULL)
    return psprintf("%s %s added: %s", p->object_type, p->object_name, c->after->definition);
  if (c->after == NULL)
    return psprintf("%s %s removed (was: %s)", p->object_type, p->object_name,
                    c->before->definition);
  return psprintf("%s %s changed: %s -> %s", p->object_type, p->object_name, c->before->definition,
                  c->after->definition);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
