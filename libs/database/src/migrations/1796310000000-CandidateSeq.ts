import { MigrationInterface, QueryRunner } from 'typeorm';
import { candidateSees, EVENT_TYPES } from '@hotseat/events';

/** The event types a candidate is sent (libs/events/src/visibility.ts): those numbered for them. */
const CANDIDATE_VISIBLE = EVENT_TYPES.filter(candidateSees);

/**
 * The candidate's own numbering of the events they may see (docs/protocol.md, section 4), so that gaps
 * in `seq` no longer tell a candidate that hidden events happened, and when. Numbers the events
 * already logged, in seq order.
 */
export class CandidateSeq1796310000000 implements MigrationInterface {
  name = 'CandidateSeq1796310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "roleplay_sessions" ADD "last_candidate_seq" integer NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`ALTER TABLE "session_events" ADD "candidate_seq" integer`);
    await queryRunner.query(
      `UPDATE "session_events" e SET "candidate_seq" = numbered.n
       FROM (SELECT session_id, seq, row_number() OVER (PARTITION BY session_id ORDER BY seq) AS n
             FROM "session_events" WHERE type = ANY($1)) numbered
       WHERE e.session_id = numbered.session_id AND e.seq = numbered.seq`,
      [CANDIDATE_VISIBLE],
    );
    await queryRunner.query(
      `UPDATE "roleplay_sessions" s SET "last_candidate_seq" = counted.n
       FROM (SELECT session_id, max(candidate_seq) AS n FROM "session_events" GROUP BY session_id) counted
       WHERE s.id = counted.session_id AND counted.n IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "session_events_candidate_seq" ON "session_events" ("session_id", "candidate_seq") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."session_events_candidate_seq"`);
    await queryRunner.query(`ALTER TABLE "session_events" DROP COLUMN "candidate_seq"`);
    await queryRunner.query(`ALTER TABLE "roleplay_sessions" DROP COLUMN "last_candidate_seq"`);
  }
}
