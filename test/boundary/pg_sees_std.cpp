// Probe of `make check-boundary` (scripts/check-boundary.sh): a src/pg file
// that uses C++.  With LG_PROBE_VIOLATION it includes a C++ standard
// header, which pg/c_style.h (included last, as in every src/pg file) must
// reject; with LG_PROBE_THROW it throws, which -fno-exceptions must reject;
// with neither it must compile, so each failure is the check's.
#include "pg/pg_headers.h"

#ifdef LG_PROBE_VIOLATION
#include <vector>
#endif

#ifdef LG_PROBE_THROW
void lg_probe_throw(void);
void lg_probe_throw(void) { throw 1; }
#endif

#include "pg/c_style.h"
