-- A number that every change to the units table raises, in the changing
-- transaction (issue 15): a server keeps the whole unit directory in memory
-- and reads only this number to know whether its copy is current, instead
-- of reading and sorting every unit several times a page (sqlstore/
-- unitdir.go). A trigger, so no write path can forget it, and each
-- instance sees another's change at its next read. Keep in step with the
-- other engine's 0057.
CREATE TABLE unit_directory_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n BIGINT NOT NULL
);
INSERT INTO unit_directory_version (id, n) VALUES (1, 1);
CREATE FUNCTION unit_directory_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE unit_directory_version SET n = n + 1 WHERE id = 1;
	RETURN NULL;
END
$$;
CREATE TRIGGER units_directory_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
	FOR EACH STATEMENT EXECUTE FUNCTION unit_directory_bump();
