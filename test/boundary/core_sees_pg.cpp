// Probe of `make check-boundary` (scripts/check-boundary.sh): a core file
// that sees a PostgreSQL header.  With LG_PROBE_VIOLATION it must not
// compile, with the core's flags (the header does not resolve) nor with
// PostgreSQL's include directories (core/firewall.h stops it); without it,
// it must compile, so the failure is the check's and not the probe's.
#ifdef LG_PROBE_VIOLATION
#include "postgres.h"
#endif
#include "core/graph.h"

int lg_probe_core(void) { return 0; }
