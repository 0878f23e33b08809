// Compile-time firewall: src/core must never see a PostgreSQL header.
// Every core header includes this file first; if postgres.h (or any header
// that defines PG_VERSION_NUM) came before it, the build stops here.
// The CMake build of the core and the PGXS rule for src/core/*.o also
// compile without PostgreSQL's include directories, so an #include of a
// PostgreSQL header from core fails to resolve at all.
#pragma once

#if defined(PG_VERSION_NUM) || defined(POSTGRES_H) || defined(C_H)
#error "src/core must not include PostgreSQL headers (see docs/DESIGN.md, boundary rule 1)"
#endif
