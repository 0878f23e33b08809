/* top_level_stub.cpp: placeholder for the background worker (merged away). */
#include "pg/top_level.h"

void lg_run_top_level(const char *sql) {
  ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                  errmsg("lg: the background worker is not built yet: %s", sql)));
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
