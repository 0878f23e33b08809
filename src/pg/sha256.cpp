/* sha256.cpp: SHA-256 through PostgreSQL's cryptohash API (sha256.h). */
#include "pg/sha256.h"

char *lg_sha256_hex(const void *data, size_t len) {
  uint8 digest[PG_SHA256_DIGEST_LENGTH];
  pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);
  if (ctx == NULL || pg_cryptohash_init(ctx) < 0 ||
      pg_cryptohash_update(ctx, (const uint8 *) data, len) < 0 ||
      pg_cryptohash_final(ctx, digest, sizeof digest) < 0)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("could not compute SHA-256")));
  pg_cryptohash_free(ctx);
  /* no format string per byte: this runs for every registered script */
  static const char xdigits[] = "0123456789abcdef";
  char *hex = (char *) palloc(2 * PG_SHA256_DIGEST_LENGTH + 1);
  for (int i = 0; i < PG_SHA256_DIGEST_LENGTH; i++) {
    hex[2 * i] = xdigits[digest[i] >> 4];
    hex[2 * i + 1] = xdigits[digest[i] & 0xf];
  }
  hex[2 * PG_SHA256_DIGEST_LENGTH] = '\0';
  return hex;
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
