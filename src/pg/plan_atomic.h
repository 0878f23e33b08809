/*
 * plan_atomic.h: refusing, before anything runs, a plan that has to run
 * inside one transaction (lg_migrate, lg_downgrade, CALL lg_apply inside a
 * transaction block) but holds a non-transactional revision.
 */
#pragma once

#include "bridge/core_bridge.h"
#include "pg/registry.h"

/*
 * ERROR 25001 when a step of plan is a revision registered as
 * non-transactional (reg->transactional): the message names caller_name,
 * the first such revision and the first statement of its SQL that cannot
 * run inside one transaction (the step's direction first, then the other;
 * none when it was registered with transactional => false), DETAIL
 * "Nothing was run.", HINT the call that runs it, with target made inert.
 * Reads the revision's SQL (as the owner, the caller is connected to SPI)
 * only on that error path.  Returns when every step is transactional.
 */
void lg_refuse_nontransactional(const LgRegistry *reg, const LgPlan *plan, const char *caller_name,
                                const char *target);
