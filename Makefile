# lg: PGXS build of the extension.
#   make / make install / make installcheck   (standard PGXS)
#   make unit       GoogleTest suite of the PostgreSQL-free core (CMake + CTest)
#   make prove      pgTAP suite (pg_prove) against the server in PG* variables
#   make fuzz       libFuzzer over the core for FUZZ_SECONDS (clang)
EXTENSION = lg
MODULE_big = lg
DATA = $(wildcard sql/lg--*.sql)
PGFILEDESC = "lg - schema migrations inside PostgreSQL"

CORE_SRCS = $(sort $(wildcard src/core/*.cpp))
PG_SRCS = $(sort $(wildcard src/pg/*.cpp))
OBJS = $(CORE_SRCS:.cpp=.o) $(PG_SRCS:.cpp=.o)

REGRESS = $(sort $(notdir $(basename $(wildcard test/sql/*.sql))))
REGRESS_OPTS = --inputdir=test
ISOLATION = $(sort $(notdir $(basename $(wildcard test/specs/*.spec))))
ISOLATION_OPTS = --inputdir=test

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)

# C++ flags of docs/DESIGN.md; the JIT bitcode step is off (no clang needed).
PG_CXXFLAGS = -std=c++17 -Wall -Wextra -Wno-register -Wno-unused-parameter \
	-Wno-missing-field-initializers -fvisibility=hidden -fvisibility-inlines-hidden
PG_CPPFLAGS = -I$(srcdir)/src
SHLIB_LINK += -lstdc++
override with_llvm := no
# Track header dependencies (.deps/), so a header change rebuilds its users.
override autodepend := yes

include $(PGXS)

# The firewall of docs/DESIGN.md rule 1: the core compiles without PostgreSQL's
# include directories, so an #include of a PostgreSQL header fails to build.
$(CORE_SRCS:.cpp=.o): override CPPFLAGS := -I$(srcdir)/src

.PHONY: unit prove
unit:
	cmake -S . -B build/cmake -DCMAKE_BUILD_TYPE=Release
	cmake --build build/cmake -j2
	ctest --test-dir build/cmake --output-on-failure

prove:
	pg_prove --ext .sql -r test/pgtap

# libFuzzer over the core's target parser and registry validation, bounded.
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz:
	cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DLG_FUZZ=ON
	cmake --build build/fuzz -j2 --target lg_fuzz
	mkdir -p build/fuzz/corpus
	./build/fuzz/lg_fuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 build/fuzz/corpus test/fuzz/corpus

# PGXN: the release archive, lg-<version>.zip (version from META.json),
# holding the committed tree under lg-<version>/.  DISTDIR=... to put it
# elsewhere.  test/shell/pgxn_dist.sh checks it and META.json.
DIST_VERSION = $(shell sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' $(srcdir)/META.json | head -1)
DISTDIR ?= .
.PHONY: dist
dist:
	git -C $(srcdir) archive --format zip --prefix=lg-$(DIST_VERSION)/ \
		-o $(abspath $(DISTDIR))/lg-$(DIST_VERSION).zip HEAD
