// The kinds of error the core throws, listed once (docs/DESIGN.md, boundary
// rule 2).  X(Kind, C_NAME, SQLSTATE) generates lg::ErrorKind (core/error.h),
// the C enum LgErrorKind as LG_ERR_<C_NAME> (bridge/core_bridge.h), the
// mapping between them (bridge/core_bridge.cpp) and the SQLSTATE of each
// (pg/errors.cpp).  The SQLSTATE is a PostgreSQL ERRCODE_* macro name that
// only src/pg expands; the core never uses the third argument.
//
// This header is a preprocessor list and nothing else, valid C and C++, and
// the one core header the C door includes: it includes nothing, so it has
// no firewall of its own (core/error.h checks it).
#pragma once

// One line per kind (a table: clang-format leaves it as written).
// clang-format off
#define LG_ERROR_KINDS(X)                                                                                                      \
  X(InvalidId, INVALID_ID, ERRCODE_INVALID_PARAMETER_VALUE) /* malformed or reserved revision id */                            \
  X(InvalidTarget, INVALID_TARGET, ERRCODE_INVALID_PARAMETER_VALUE) /* target text that does not parse */                      \
  X(UnknownRevision, UNKNOWN_REVISION, ERRCODE_UNDEFINED_OBJECT) /* no revision or label matches a symbol */                   \
  X(AmbiguousRevision, AMBIGUOUS_REVISION, ERRCODE_AMBIGUOUS_PARAMETER) /* a prefix matches several revisions */               \
  X(MultipleHeads, MULTIPLE_HEADS, ERRCODE_CARDINALITY_VIOLATION) /* "head" asked for, several heads exist */                  \
  X(UnknownParent, UNKNOWN_PARENT, ERRCODE_FOREIGN_KEY_VIOLATION) /* registry: parent or depends_on names nothing */           \
  X(Cycle, CYCLE, ERRCODE_INVALID_RECURSION) /* registry: cycle or self-loop */                                                \
  X(DuplicateLabel, DUPLICATE_LABEL, ERRCODE_DUPLICATE_OBJECT) /* registry: label used twice or equal to an id */              \
  X(RelativeOvershoot, RELATIVE_OVERSHOOT, ERRCODE_INVALID_PARAMETER_VALUE) /* +N / -N walked past the end of the graph */     \
  X(AmbiguousWalk, AMBIGUOUS_WALK, ERRCODE_CARDINALITY_VIOLATION) /* relative walk met a branch or merge point */              \
  X(AmbiguousCurrent, AMBIGUOUS_CURRENT, ERRCODE_CARDINALITY_VIOLATION) /* +N / -N with several current rows */                \
  X(InvalidDowngrade, INVALID_DOWNGRADE, ERRCODE_INVALID_PARAMETER_VALUE) /* target not below any current row */               \
  X(UnknownCurrentRow, UNKNOWN_CURRENT_ROW, ERRCODE_UNDEFINED_OBJECT) /* lg.version names a revision that is not registered */ \
  X(InvalidImport, INVALID_IMPORT, ERRCODE_INVALID_PARAMETER_VALUE) /* lg_import: a folder that does not fit its layout */
// clang-format on
