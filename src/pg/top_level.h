/* top_level.h: one statement run top level in a background worker (stub until the worker lands). */
#pragma once

#include "pg/pg_headers.h"

void lg_run_top_level(const char *sql);
