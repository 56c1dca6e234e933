-- The highest version number a model ever had: a deleted version's number is never given again (alias history and
-- deployment events keep naming it).
ALTER TABLE models ADD COLUMN last_version INTEGER NOT NULL DEFAULT 0;
UPDATE models SET last_version = COALESCE((SELECT MAX(version) FROM versions WHERE versions.model = models.name), 0);
