/* errors.h: turning core errors into PostgreSQL errors. */
#pragma once

#include "bridge/core_bridge.h"

/* ereports err at ERROR level with the SQLSTATE of its kind; never returns. */
void lg_raise_core_error(const LgCoreError *err) __attribute__((noreturn));
