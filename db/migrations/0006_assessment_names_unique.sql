-- Names that differ only in case, left by two requests that raced past the old check, get a number each after the
-- first, so that the index can be made: nothing is dropped.
UPDATE "assessments" AS a SET "name" = a."name" || ' (' || d.n || ')'
FROM (SELECT "id", row_number() OVER (PARTITION BY "programme_id", lower("name") ORDER BY "created_at", "id") AS n FROM "assessments") AS d
WHERE a."id" = d."id" AND d.n > 1;--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_programme_name" ON "assessments" USING btree ("programme_id",lower("name"));
