/*
 * fn_graph.cpp: lg_graph(format), the revision graph as Graphviz (DOT) or
 * Mermaid text.  Read-only, with the caller's snapshot; the drawing itself
 * is the core's (core/graph_render.h).
 */
#include "pg/pg_headers.h"

#include "pg/errors.h"
#include "pg/owned_slot.h"
#include "pg/registry.h"
#include "pg/script_text.h"
#include "pg/spi_util.h"

/* Characters of a message a node shows; a longer one is cut, with "...". */
#define LG_GRAPH_MESSAGE_CHARS 50

static void free_strings(void *p) { lg_strings_free((LgStrings *) p); }

static LgGraphFormat parse_format(const char *format) {
  if (strcmp(format, "dot") == 0) return LG_GRAPH_DOT;
  if (strcmp(format, "mermaid") == 0) return LG_GRAPH_MERMAID;
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("invalid graph format \"%s\"", lg_inert_text(format, false)),
                  errhint("Use \"dot\" (Graphviz) or \"mermaid\".")));
  pg_unreachable();
}

/* A node's message: the first line, made inert, cut to
 * LG_GRAPH_MESSAGE_CHARS characters (never inside a character). */
static const char *short_message(const char *message) {
  if (message == NULL) return NULL;
  char *line = pnstrdup(message, strcspn(message, "\r\n"));
  char *inert = lg_inert_text(line, false);
  int len = (int) strlen(inert);
  int cut = pg_mbcharcliplen(inert, len, LG_GRAPH_MESSAGE_CHARS);
  if (cut >= len) return inert;
  return psprintf("%.*s...", cut, inert);
}

/* lg_graph(format text DEFAULT 'dot') RETURNS text (STRICT). */
LG_FUNCTION(lg_graph) {
  LgGraphFormat format = parse_format(text_to_cstring(PG_GETARG_TEXT_PP(0)));
  SPI_connect();
  LgRegistry *reg = lg_registry_load(true);
  unsigned char *applied;
  lg_registry_applied(reg, &applied); /* also validates the version rows */
  int n = reg->nrevs > 0 ? reg->nrevs : 1;
  const char **messages = (const char **) palloc(sizeof(char *) * n);
  unsigned char *current = (unsigned char *) palloc0(n);
  for (int i = 0; i < reg->nrevs; i++) {
    CHECK_FOR_INTERRUPTS();
    messages[i] = short_message(reg->messages[i]);
  }
  for (int k = 0; k < reg->nrows; k++) current[lg_graph_find(reg->graph, reg->rows[k])] = 1;

  LgCoreError err;
  void **slot = lg_owned_slot(free_strings);
  LgStrings *drawn =
      lg_graph_render(reg->graph, format, messages, applied, current, reg->transactional, &err);
  *slot = drawn;
  if (drawn == NULL) lg_raise_core_error(&err);
  const char *s = lg_strings_get(drawn, 0);
  size_t len = strlen(s);
  if (len > MaxAllocSize - VARHDRSZ)
    ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("the graph of %d revisions is too large to draw as one text value",
                           reg->nrevs)));
  /* In the caller's memory: SPI_finish frees everything else. */
  text *result = (text *) SPI_palloc(len + VARHDRSZ);
  SET_VARSIZE(result, len + VARHDRSZ);
  memcpy(VARDATA(result), s, len);
  SPI_finish();
  PG_RETURN_TEXT_P(result);
}

#include "pg/c_style.h" /* last: rejects C++ standard headers (DESIGN.md rule 3) */
