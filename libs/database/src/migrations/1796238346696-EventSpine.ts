import { createHash } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event spine: staff logins get their own name (staff_sessions -> logins), the hiring pipeline
 * keeps who interviews whom (candidate_interviewers, filled from the role-plays scheduled so far),
 * ratings carry their scenario (ranked among its ratings), lists get indexes for paging, and stored
 * scenario definitions call the customer's first line `firstLine` (hashes recomputed the way
 * libs/scenarios/src/validate-scenario.ts computes them, so an unchanged file keeps its version).
 * Hand-written so that every row is kept.
 */
export class EventSpine1796238346696 implements MigrationInterface {
  name = 'EventSpine1796238346696';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_sessions" RENAME TO "logins"`);
    await queryRunner.query(
      `ALTER TABLE "logins" RENAME CONSTRAINT "PK_b9be2467392ab95efaa3661cce2" TO "PK_edaf0bf87d9dd178f7a00cc801f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "logins" RENAME CONSTRAINT "UQ_69a451373845edf081bda156f3c" TO "UQ_4dcd2024ee18372b8dc6f6c3925"`,
    );
    await queryRunner.query(
      `ALTER TABLE "logins" RENAME CONSTRAINT "FK_2d3e82105bee50ac45fe3ed5975" TO "FK_9e8c972b998b0a954ca819dfb51"`,
    );
    await queryRunner.query(
      `ALTER INDEX "IDX_2d3e82105bee50ac45fe3ed597" RENAME TO "IDX_9e8c972b998b0a954ca819dfb5"`,
    );

    await queryRunner.query(`
      CREATE TABLE "candidate_interviewers" (
        "candidate_id" uuid NOT NULL,
        "interviewer_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_95adb27b5549fe68a27b006b549" PRIMARY KEY ("candidate_id", "interviewer_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_95adb27b5549fe68a27b006b54" ON "candidate_interviewers" ("interviewer_id", "candidate_id")`,
    );
    await queryRunner.query(`
      ALTER TABLE "candidate_interviewers"
      ADD CONSTRAINT "FK_d28ed69b04623031ba7f2eca48f" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      ALTER TABLE "candidate_interviewers"
      ADD CONSTRAINT "FK_3d63df29ff236b7d9bf5a5e1c1d" FOREIGN KEY ("interviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      INSERT INTO "candidate_interviewers" ("candidate_id", "interviewer_id")
      SELECT DISTINCT "candidate_id", "interviewer_id" FROM "roleplay_sessions"`);

    await queryRunner.query(`ALTER TABLE "ratings" ADD "scenario_id" text`);
    await queryRunner.query(`
      UPDATE "ratings" r SET "scenario_id" = s."scenario_id"
      FROM "roleplay_sessions" s WHERE s."id" = r."session_id"`);
    await queryRunner.query(`ALTER TABLE "ratings" ALTER COLUMN "scenario_id" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "IDX_2271627f2a98bf6c1830f6af3e" ON "ratings" ("scenario_id")`,
    );

    // The interviewer's sessions are listed newest first by the composite index below.
    await queryRunner.query(`DROP INDEX "public"."IDX_ce9955cc935359230f1f0dddc6"`);
    await queryRunner.query(
      `CREATE INDEX "roleplay_sessions_interviewer_created_at_id" ON "roleplay_sessions" ("interviewer_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "roleplay_sessions_created_at_id" ON "roleplay_sessions" ("created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "openings_created_at_id" ON "openings" ("created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "candidates_created_at_id" ON "candidates" ("created_at", "id")`,
    );

    await renameInDefinitions(queryRunner, 'opening', 'firstLine');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await renameInDefinitions(queryRunner, 'firstLine', 'opening');
    await queryRunner.query(`DROP INDEX "public"."candidates_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."openings_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."roleplay_sessions_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."roleplay_sessions_interviewer_created_at_id"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_ce9955cc935359230f1f0dddc6" ON "roleplay_sessions" ("interviewer_id")`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_2271627f2a98bf6c1830f6af3e"`);
    await queryRunner.query(`ALTER TABLE "ratings" DROP COLUMN "scenario_id"`);
    await queryRunner.query(`DROP TABLE "candidate_interviewers"`);
    await queryRunner.query(
      `ALTER INDEX "IDX_9e8c972b998b0a954ca819dfb5" RENAME TO "IDX_2d3e82105bee50ac45fe3ed597"`,
    );
    await queryRunner.query(
      `ALTER TABLE "logins" RENAME CONSTRAINT "FK_9e8c972b998b0a954ca819dfb51" TO "FK_2d3e82105bee50ac45fe3ed5975"`,
    );
    await queryRunner.query(
      `ALTER TABLE "logins" RENAME CONSTRAINT "UQ_4dcd2024ee18372b8dc6f6c3925" TO "UQ_69a451373845edf081bda156f3c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "logins" RENAME CONSTRAINT "PK_edaf0bf87d9dd178f7a00cc801f" TO "PK_b9be2467392ab95efaa3661cce2"`,
    );
    await queryRunner.query(`ALTER TABLE "logins" RENAME TO "staff_sessions"`);
  }
}

/** Renames a top-level field of every stored definition, and recomputes each version's hash. */
async function renameInDefinitions(queryRunner: QueryRunner, from: string, to: string) {
  const versions = (await queryRunner.query(
    `SELECT id, definition FROM scenario_versions`,
  )) as Array<{
    id: string;
    definition: Record<string, unknown>;
  }>;
  for (const { id, definition } of versions) {
    if (!(from in definition)) continue;
    const { [from]: value, ...rest } = definition;
    const renamed = { ...rest, [to]: value };
    await queryRunner.query(
      `UPDATE scenario_versions SET definition = $2, hash = $3 WHERE id = $1`,
      [id, renamed, contentHash(renamed)],
    );
  }
}

/** libs/scenarios' contentHash, as of this migration: SHA-256 of the JSON with sorted keys. */
function contentHash(definition: unknown): string {
  const canonical = JSON.stringify(definition, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
