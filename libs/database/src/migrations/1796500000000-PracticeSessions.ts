import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Practice sessions (docs/protocol.md): the script plays the customer and nothing counts. A practice
 * session staff make needs no candidate; a live one always has one.
 */
export class PracticeSessions1796500000000 implements MigrationInterface {
  name = 'PracticeSessions1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "roleplay_sessions" ADD "mode" text NOT NULL DEFAULT 'live'`,
    );
    await queryRunner.query(
      `ALTER TABLE "roleplay_sessions" ADD CONSTRAINT "roleplay_sessions_mode_check" CHECK (mode IN ('live', 'practice'))`,
    );
    await queryRunner.query(`ALTER TABLE "roleplay_sessions" ALTER "candidate_id" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "roleplay_sessions" ADD CONSTRAINT "roleplay_sessions_candidate_check" CHECK (candidate_id IS NOT NULL OR mode = 'practice')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Practice sessions go: without their mode they would count as role-plays.
    await queryRunner.query(
      `DELETE FROM "session_events" WHERE "session_id" IN (SELECT id FROM "roleplay_sessions" WHERE mode = 'practice')`,
    );
    await queryRunner.query(`DELETE FROM "roleplay_sessions" WHERE mode = 'practice'`);
    await queryRunner.query(
      `ALTER TABLE "roleplay_sessions" DROP CONSTRAINT "roleplay_sessions_candidate_check"`,
    );
    await queryRunner.query(`ALTER TABLE "roleplay_sessions" ALTER "candidate_id" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "roleplay_sessions" DROP CONSTRAINT "roleplay_sessions_mode_check"`,
    );
    await queryRunner.query(`ALTER TABLE "roleplay_sessions" DROP COLUMN "mode"`);
  }
}
