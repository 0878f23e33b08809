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
 * keep_newlines, newline, tab and CRLF stay as they are (statement text
 * quoted in an error message).  palloc'd.
 */
char *lg_inert_text(const char *s, bool keep_newlines);

/*
 * Byte offset in sql of the first character that could hide or rewrite
 * what a terminal shows of it, or -1: a control character other than tab,
 * line feed and the carriage return of a CRLF; in a UTF8 database also a
 * C1 control, a line or paragraph separator or a bidirectional override or
 * isolate (U+202A..U+202E, U+2066..U+2069).  *code is its code point.
 * Revision SQL holding one is refused at registration: lg_sql() prints
 * statements as they are, and one line of a script must show what runs.
 */
int lg_find_unsafe_char(const char *sql, uint32 *code);

/* Refuses (22023) sql holding such a character; what names the check. */
void lg_check_displayable_sql(const char *sql, const char *what);
