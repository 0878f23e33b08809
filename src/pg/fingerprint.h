/* fingerprint.h: a checksum of SQL as PostgreSQL's scanner reads it. */
#pragma once

/*
 * SHA-256 (hex, palloc'd) of sql's token stream: comments, whitespace and
 * the case of keywords and unquoted identifiers do not count, literals and
 * quoted identifiers do.  Two scripts with the same fingerprint are the same
 * statements to the server, so a reformatted revision is not drift.
 * Read under lg's lexing rule (statements.h), whatever the session's
 * standard_conforming_strings.
 */
char *lg_sql_fingerprint(const char *sql);
