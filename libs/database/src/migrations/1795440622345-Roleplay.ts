import { MigrationInterface, QueryRunner } from 'typeorm';

export class Roleplay1795440622345 implements MigrationInterface {
  name = 'Roleplay1795440622345';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "candidates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "email" text NOT NULL,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_140681296bf033ab1eb95288abb" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "roleplay_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "candidate_id" uuid NOT NULL,
                "scenario_id" text NOT NULL,
                "scenario_version_id" uuid NOT NULL,
                "interviewer_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'scheduled',
                "last_seq" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "ends_at" TIMESTAMP WITH TIME ZONE,
                "solved_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "roleplay_sessions_status_check" CHECK (
                    status IN ('scheduled', 'live', 'ended', 'cancelled')
                ),
                CONSTRAINT "PK_466639d5ceea65c90726b8a295e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_eea7cb857a4316cedf057a138b" ON "roleplay_sessions" ("candidate_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ce9955cc935359230f1f0dddc6" ON "roleplay_sessions" ("interviewer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "roleplay_sessions_live_ends_at" ON "roleplay_sessions" ("ends_at")
            WHERE status = 'live'
        `);
    await queryRunner.query(`
            CREATE TABLE "session_events" (
                "session_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "type" text NOT NULL,
                "actor" text NOT NULL,
                "client_id" uuid,
                "payload" jsonb NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "session_events_client_id" UNIQUE ("session_id", "client_id"),
                CONSTRAINT "PK_56d90f60fc4ae6e46b9afa3182a" PRIMARY KEY ("session_id", "seq")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates"
            ADD CONSTRAINT "FK_f75572375fc8eef289a2f36f1d3" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "roleplay_sessions"
            ADD CONSTRAINT "FK_eea7cb857a4316cedf057a138ba" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "roleplay_sessions"
            ADD CONSTRAINT "FK_3509736b02497e0fbf38a076df8" FOREIGN KEY ("scenario_version_id") REFERENCES "scenario_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "roleplay_sessions"
            ADD CONSTRAINT "FK_ce9955cc935359230f1f0dddc62" FOREIGN KEY ("interviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session_events"
            ADD CONSTRAINT "FK_7e4699f97af1e889b595350dd04" FOREIGN KEY ("session_id") REFERENCES "roleplay_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "session_events" DROP CONSTRAINT "FK_7e4699f97af1e889b595350dd04"
        `);
    await queryRunner.query(`
            ALTER TABLE "roleplay_sessions" DROP CONSTRAINT "FK_ce9955cc935359230f1f0dddc62"
        `);
    await queryRunner.query(`
            ALTER TABLE "roleplay_sessions" DROP CONSTRAINT "FK_3509736b02497e0fbf38a076df8"
        `);
    await queryRunner.query(`
            ALTER TABLE "roleplay_sessions" DROP CONSTRAINT "FK_eea7cb857a4316cedf057a138ba"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates" DROP CONSTRAINT "FK_f75572375fc8eef289a2f36f1d3"
        `);
    await queryRunner.query(`
            DROP TABLE "session_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."roleplay_sessions_live_ends_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ce9955cc935359230f1f0dddc6"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_eea7cb857a4316cedf057a138b"
        `);
    await queryRunner.query(`
            DROP TABLE "roleplay_sessions"
        `);
    await queryRunner.query(`
            DROP TABLE "candidates"
        `);
  }
}
