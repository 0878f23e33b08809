/*
 * c_style.h: src/pg is C written as C++ (docs/DESIGN.md, boundary rule 3).
 * Every file in src/pg includes this header last; it stops the build if a
 * C++ standard-library header (containers, strings, smart pointers,
 * streams, exceptions, ...) was included before it, directly or through
 * another header.  There is deliberately no include guard: the check runs
 * at every inclusion.  The Makefile also compiles src/pg with
 * -fno-exceptions -fno-rtti, and `make check-boundary` proves both checks
 * fire (test/boundary/).
 *
 * The macros are the include guards of libstdc++ (_GLIBCXX_*) and libc++
 * (_LIBCPP_*).  C headers (<string.h>, <stdlib.h>, ...) and their C++
 * wrappers that PostgreSQL's headers pull in are not listed: they are C.
 */
#if defined(_GLIBCXX_VECTOR) || defined(_GLIBCXX_STRING) || defined(_GLIBCXX_STRING_VIEW) ||   \
    defined(_GLIBCXX_MEMORY) || defined(_GLIBCXX_MAP) || defined(_GLIBCXX_SET) ||              \
    defined(_GLIBCXX_UNORDERED_MAP) || defined(_GLIBCXX_UNORDERED_SET) ||                      \
    defined(_GLIBCXX_LIST) || defined(_GLIBCXX_DEQUE) || defined(_GLIBCXX_ARRAY) ||            \
    defined(_GLIBCXX_FUNCTIONAL) || defined(_GLIBCXX_OPTIONAL) || defined(_GLIBCXX_VARIANT) || \
    defined(_GLIBCXX_ANY) || defined(_GLIBCXX_TUPLE) || defined(_GLIBCXX_ALGORITHM) ||         \
    defined(_GLIBCXX_NUMERIC) || defined(_GLIBCXX_UTILITY) || defined(_GLIBCXX_STDEXCEPT) ||   \
    defined(_GLIBCXX_EXCEPTION) || defined(_GLIBCXX_NEW) || defined(_GLIBCXX_IOSTREAM) ||      \
    defined(_GLIBCXX_SSTREAM) || defined(_GLIBCXX_FSTREAM) || defined(_GLIBCXX_THREAD) ||      \
    defined(_GLIBCXX_MUTEX) || defined(_GLIBCXX_REGEX)
#error "src/pg must not include C++ standard-library headers (see docs/DESIGN.md, boundary rule 3)"
#endif
#if defined(_LIBCPP_VECTOR) || defined(_LIBCPP_STRING) || defined(_LIBCPP_STRING_VIEW) ||        \
    defined(_LIBCPP_MEMORY) || defined(_LIBCPP_MAP) || defined(_LIBCPP_SET) ||                   \
    defined(_LIBCPP_UNORDERED_MAP) || defined(_LIBCPP_UNORDERED_SET) || defined(_LIBCPP_LIST) || \
    defined(_LIBCPP_DEQUE) || defined(_LIBCPP_FUNCTIONAL) || defined(_LIBCPP_OPTIONAL) ||        \
    defined(_LIBCPP_ALGORITHM) || defined(_LIBCPP_STDEXCEPT) || defined(_LIBCPP_IOSTREAM) ||     \
    defined(_LIBCPP_SSTREAM)
#error "src/pg must not include C++ standard-library headers (see docs/DESIGN.md, boundary rule 3)"
#endif
