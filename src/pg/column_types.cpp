/*
 * column_types.cpp: lg reads its own tables' columns by their binary form
 * (TextDatumGetCString, DatumGetInt64, deconstruct_array), which trusts the
 * column's type.  The tables belong to the extension, but a superuser can
 * still alter them; every read first checks the result's column types.
 */
#include "pg/column_types.h"

void lg_expect_columns(const LgColumn *cols, int n) {
  TupleDesc desc = SPI_tuptable != NULL ? SPI_tuptable->tupdesc : NULL;
  for (int i = 0; i < n; i++) {
    if (cols[i].name == NULL) continue;
    Oid actual = desc != NULL && i < desc->natts ? TupleDescAttr(desc, i)->atttypid : InvalidOid;
    if (actual == cols[i].type) continue;
    /* "lg.revision.message" -> table "lg.revision", column "message" */
    const char *dot = strrchr(cols[i].name, '.');
    char *table = dot ? pnstrdup(cols[i].name, dot - cols[i].name) : pstrdup(cols[i].name);
    const char *column = dot ? dot + 1 : cols[i].name;
    char *expected = format_type_be(cols[i].type);
    ereport(ERROR,
            (errcode(ERRCODE_DATATYPE_MISMATCH),
             errmsg("column %s has type %s, lg expects %s", cols[i].name,
                    actual == InvalidOid ? "(missing)" : format_type_be(actual), expected),
             errdetail("lg reads this column as %s; its table was altered.", expected),
             errhint("Alter it back (ALTER TABLE %s ALTER COLUMN %s TYPE %s), or re-create the "
                     "extension and restore lg's tables from a dump.",
                     table, quote_identifier(column), expected)));
  }
}

void lg_column_is_null(const char *column, const char *id) {
  if (id != NULL)
    ereport(ERROR, (errcode(ERRCODE_NOT_NULL_VIOLATION),
                    errmsg("column %s of revision \"%s\" is null", column, id),
                    errdetail("lg requires a value there; its NOT NULL constraint was dropped."),
                    errhint("Set a value (an empty array for a list) and restore the constraint.")));
  ereport(ERROR, (errcode(ERRCODE_NOT_NULL_VIOLATION), errmsg("column %s is null", column),
                  errdetail("lg requires a value there; its NOT NULL constraint was dropped."),
                  errhint("Set a value and restore the constraint.")));
}
