// Compile-time firewall: src/core must never see a PostgreSQL header.
// Every core header includes this file after its own includes, and this
// file has no include guard (no #pragma once): the check runs at every
// inclusion of every core header (as pg_duckdb's cpp_only_file.hpp), so a
// PostgreSQL header included anywhere before a core header stops the build.
// The CMake build of the core and the PGXS rule for src/core/*.o also
// compile without PostgreSQL's include directories, so an #include of a
// PostgreSQL header from core fails to resolve at all; `make
// check-boundary` proves both (test/boundary/).

#if defined(PG_VERSION_NUM) || defined(POSTGRES_H) || defined(C_H)
#error "src/core must not include PostgreSQL headers (see docs/DESIGN.md, boundary rule 1)"
#endif
