/*
 * script_text.h: user text made inert for a script or a terminal.  lg_sql()
 * writes revision messages and targets into "--" comment lines of a script
 * meant for psql, and error context lines quote revision SQL: a line break
 * there would end the comment (the rest becomes SQL or a psql meta-command
 * such as \!), and a control character such as ESC can rewrite what a
 * terminal shows.
 */
#pragma once

#include "pg/pg_headers.h"

/*
 * s with every character that could end a line or steer a terminal written
 * as a visible escape: "\" as \\, newline as \n, carriage return as \r, tab
 * as \t, other C0 controls and DEL as \xNN; in a UTF8 database also the C1
 * controls, the Unicode line and paragraph separators and the bidirectional
 * controls (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) as \uXXXX, and
 * in a single-byte database the bytes 0x80..0x9F as \xNN.  With
 * keep_newlines, newline and tab stay as they are (statement text quoted in
 * an error message).  palloc'd.
 */
char *lg_inert_text(const char *s, bool keep_newlines);
