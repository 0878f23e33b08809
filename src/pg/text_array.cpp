/* text_array.cpp: text[] datums to and from C strings. */
#include "pg/text_array.h"

Datum lg_text_array(char **items, int n) {
  Datum *elems = (Datum *) palloc(sizeof(Datum) * (n > 0 ? n : 1));
  bool *nulls = (bool *) palloc(sizeof(bool) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) {
    CHECK_FOR_INTERRUPTS();
    nulls[i] = items[i] == NULL;
    elems[i] = nulls[i] ? (Datum) 0 : CStringGetTextDatum(items[i]);
  }
  int dims[1] = {n};
  int lbs[1] = {1};
  return PointerGetDatum(
      construct_md_array(elems, nulls, 1, dims, lbs, TEXTOID, -1, false, TYPALIGN_INT));
}

int lg_text_array_items(Datum array, char ***items) {
  /* An empty array (most depends_on and branch_labels) is a bare header:
   * answer without detoasting a copy and deconstructing it. */
  struct varlena *raw = (struct varlena *) DatumGetPointer(array);
  if (!VARATT_IS_EXTENDED(raw) || VARATT_IS_SHORT(raw)) {
    if (VARSIZE_ANY_EXHDR(raw) == sizeof(ArrayType) - VARHDRSZ) {
      *items = NULL;
      return 0;
    }
  }
  Datum *elems;
  bool *nulls;
  int n;
  deconstruct_array(DatumGetArrayTypeP(array), TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls,
                    &n);
  *items = (char **) palloc(sizeof(char *) * (n > 0 ? n : 1));
  for (int i = 0; i < n; i++) {
    CHECK_FOR_INTERRUPTS();
    (*items)[i] = nulls[i] ? NULL : TextDatumGetCString(elems[i]);
  }
  return n;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
