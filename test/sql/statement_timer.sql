-- lg.statement_timeout is restored on every path (issue 11): after a
-- revision statement fails and a caller catches the error, neither lg's
-- timer nor the caller's replaced statement_timeout stays armed, so a later
-- statement of the same transaction is not cancelled.
CREATE EXTENSION lg;
SET client_min_messages = warning;
SELECT lg_revision('t1', up => 'SELECT 1/0', down => '');
SET lg.statement_timeout = '200ms';
SET statement_timeout = '5s';
DO $$
BEGIN
  BEGIN
    PERFORM * FROM lg_migrate('head');
  EXCEPTION WHEN division_by_zero THEN
    RAISE WARNING 'caught: %', SQLERRM;
  END;
  PERFORM pg_sleep(0.5);
  RAISE WARNING 'slept 0.5 s after the failed run';
END $$;
-- the same with lock retries (each statement in its own subtransaction)
SET lg.lock_retries = 2;
DO $$
BEGIN
  BEGIN
    PERFORM * FROM lg_migrate('head');
  EXCEPTION WHEN division_by_zero THEN
    RAISE WARNING 'caught: %', SQLERRM;
  END;
  PERFORM pg_sleep(0.5);
  RAISE WARNING 'slept 0.5 s after the failed run';
END $$;
-- and a statement that lg.statement_timeout cancels: the caller's 5 s
-- statement_timeout is in force again afterwards
SELECT lg_revision('t1', up => 'SELECT pg_sleep(1)', down => '');
DO $$
BEGIN
  BEGIN
    PERFORM * FROM lg_migrate('head');
  EXCEPTION WHEN query_canceled THEN
    RAISE WARNING 'caught: %', SQLERRM;
  END;
  PERFORM pg_sleep(0.5);
  RAISE WARNING 'slept 0.5 s after the cancelled run';
END $$;
SELECT current FROM lg_status();
RESET statement_timeout;
RESET lg.statement_timeout;
RESET lg.lock_retries;
DROP EXTENSION lg;
