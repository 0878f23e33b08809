/* sha256.h: SHA-256 through PostgreSQL's cryptohash API. */
#pragma once

#include "pg/pg_headers.h"

/* The SHA-256 of len bytes at data, as 64 lower-case hex digits (palloc'd). */
char *lg_sha256_hex(const void *data, size_t len);
