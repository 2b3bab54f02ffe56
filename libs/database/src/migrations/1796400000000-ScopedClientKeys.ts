import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys scoped to the side that sent the action, with a fingerprint of the action
 * (docs/protocol.md): a candidate reusing the interviewer's clientId no longer gets the interviewer's
 * event back. Keys already logged get their side from the event's actor (only the candidate's own
 * actions are logged as `candidate`) and no fingerprint.
 */
export class ScopedClientKeys1796400000000 implements MigrationInterface {
  name = 'ScopedClientKeys1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session_events" ADD "client_role" text`);
    await queryRunner.query(`ALTER TABLE "session_events" ADD "client_request" text`);
    await queryRunner.query(
      `UPDATE "session_events"
       SET "client_role" = CASE WHEN actor = 'candidate' THEN 'candidate' ELSE 'interviewer' END
       WHERE "client_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_events" DROP CONSTRAINT "session_events_client_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_events" ADD CONSTRAINT "session_events_client_key" UNIQUE ("session_id", "client_role", "client_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "session_events" DROP CONSTRAINT "session_events_client_key"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_events" ADD CONSTRAINT "session_events_client_id" UNIQUE ("session_id", "client_id")`,
    );
    await queryRunner.query(`ALTER TABLE "session_events" DROP COLUMN "client_request"`);
    await queryRunner.query(`ALTER TABLE "session_events" DROP COLUMN "client_role"`);
  }
}
