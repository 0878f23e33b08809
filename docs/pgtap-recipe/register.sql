SELECT lg_revision('001', up => $$CREATE TABLE party (id int PRIMARY KEY, name text)$$, down => $$DROP TABLE party$$);
SELECT lg_revision('002', up => $$ALTER TABLE party ADD COLUMN email text$$, down => $$ALTER TABLE party DROP COLUMN email$$, parents => '{001}');
