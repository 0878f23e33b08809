-- lct_0000_uuid_ossp: the uuid-ossp extension the schema's UUID defaults need
-- (the guide's "UUID Extension Not Found" section).  Kept as its own base
-- revision below 732e0cd9a870 so that +1 / -1 / a revision id have somewhere
-- to go; the seven tables are all in 732e0cd9a870, as in the guide.
SELECT lg_revision('lct_0000_uuid_ossp',
  message => 'uuid-ossp extension',
  up => $up$
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
$up$,
  down => $down$
DROP EXTENSION IF EXISTS "uuid-ossp";
$down$);
