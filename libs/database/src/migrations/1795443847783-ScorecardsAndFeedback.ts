import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScorecardsAndFeedback1795443847783 implements MigrationInterface {
  name = 'ScorecardsAndFeedback1795443847783';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "openings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "title" text NOT NULL,
                "scenario_ids" text array NOT NULL,
                "weights" jsonb,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_52465524569a0b0e856a64eb48b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "ratings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "session_id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "rater_id" uuid NOT NULL,
                "attributes" jsonb NOT NULL DEFAULT '[]',
                "rubric_mean" double precision,
                "csat" smallint,
                "product_team_score" smallint,
                "product_team_notes" text NOT NULL DEFAULT '',
                "recommendation" text,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_257f863abdd600165060462eb40" UNIQUE ("session_id"),
                CONSTRAINT "ratings_recommendation_check" CHECK (
                    recommendation IN ('strong-no', 'no', 'yes', 'strong-yes')
                ),
                CONSTRAINT "ratings_product_team_score_check" CHECK (
                    product_team_score BETWEEN 1 AND 4
                ),
                CONSTRAINT "ratings_csat_check" CHECK (
                    csat BETWEEN 1 AND 5
                ),
                CONSTRAINT "PK_0f31425b073219379545ad68ed9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d1880d7d39998305fe1cb16a4b" ON "ratings" ("candidate_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a5f23ba85e0f0d183b0a57476a" ON "ratings" ("rater_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "shadow_feedback" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "link_id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "host_name" text NOT NULL,
                "learning" smallint,
                "learning_notes" text NOT NULL DEFAULT '',
                "understanding" smallint,
                "understanding_notes" text NOT NULL DEFAULT '',
                "engagement" smallint,
                "engagement_notes" text NOT NULL DEFAULT '',
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_4f0b1a9af3143d6ad8b910c06bd" UNIQUE ("link_id"),
                CONSTRAINT "shadow_feedback_scores_check" CHECK (
                    learning BETWEEN 1 AND 4
                    AND understanding BETWEEN 1 AND 4
                    AND engagement BETWEEN 1 AND 4
                ),
                CONSTRAINT "PK_9e3805822e791b21de3dddd37aa" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a12ca6b331172f6ef0d2b8031c" ON "shadow_feedback" ("candidate_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "session_figures" (
                "session_id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "scenario_id" text NOT NULL,
                "version" integer NOT NULL,
                "figures" jsonb NOT NULL,
                "time_to_solution_ms" integer,
                "first_response_ms" integer,
                "median_response_ms" double precision,
                "time_to_calm_ms" integer,
                "checkpoints_hit" double precision NOT NULL,
                "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_86c2b05d490e4127dd9c3f4ac62" PRIMARY KEY ("session_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d211ed17ff92b06fee3c453911" ON "session_figures" ("candidate_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_1cba6dee2ab31431f7374f355f" ON "session_figures" ("scenario_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates"
            ADD "opening_id" uuid
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_7aa634f98dca5b71df067683b2" ON "candidates" ("opening_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "openings"
            ADD CONSTRAINT "FK_7dd5dc5c6982bef1e23c14e783a" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates"
            ADD CONSTRAINT "FK_7aa634f98dca5b71df067683b21" FOREIGN KEY ("opening_id") REFERENCES "openings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ratings"
            ADD CONSTRAINT "FK_257f863abdd600165060462eb40" FOREIGN KEY ("session_id") REFERENCES "roleplay_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ratings"
            ADD CONSTRAINT "FK_d1880d7d39998305fe1cb16a4b6" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ratings"
            ADD CONSTRAINT "FK_a5f23ba85e0f0d183b0a57476a8" FOREIGN KEY ("rater_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shadow_feedback"
            ADD CONSTRAINT "FK_4f0b1a9af3143d6ad8b910c06bd" FOREIGN KEY ("link_id") REFERENCES "capability_links"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shadow_feedback"
            ADD CONSTRAINT "FK_a12ca6b331172f6ef0d2b8031cb" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shadow_feedback"
            ADD CONSTRAINT "FK_cae2f0435b43d32e47c1a87b446" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session_figures"
            ADD CONSTRAINT "FK_86c2b05d490e4127dd9c3f4ac62" FOREIGN KEY ("session_id") REFERENCES "roleplay_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session_figures"
            ADD CONSTRAINT "FK_d211ed17ff92b06fee3c4539114" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "session_figures" DROP CONSTRAINT "FK_d211ed17ff92b06fee3c4539114"
        `);
    await queryRunner.query(`
            ALTER TABLE "session_figures" DROP CONSTRAINT "FK_86c2b05d490e4127dd9c3f4ac62"
        `);
    await queryRunner.query(`
            ALTER TABLE "shadow_feedback" DROP CONSTRAINT "FK_cae2f0435b43d32e47c1a87b446"
        `);
    await queryRunner.query(`
            ALTER TABLE "shadow_feedback" DROP CONSTRAINT "FK_a12ca6b331172f6ef0d2b8031cb"
        `);
    await queryRunner.query(`
            ALTER TABLE "shadow_feedback" DROP CONSTRAINT "FK_4f0b1a9af3143d6ad8b910c06bd"
        `);
    await queryRunner.query(`
            ALTER TABLE "ratings" DROP CONSTRAINT "FK_a5f23ba85e0f0d183b0a57476a8"
        `);
    await queryRunner.query(`
            ALTER TABLE "ratings" DROP CONSTRAINT "FK_d1880d7d39998305fe1cb16a4b6"
        `);
    await queryRunner.query(`
            ALTER TABLE "ratings" DROP CONSTRAINT "FK_257f863abdd600165060462eb40"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates" DROP CONSTRAINT "FK_7aa634f98dca5b71df067683b21"
        `);
    await queryRunner.query(`
            ALTER TABLE "openings" DROP CONSTRAINT "FK_7dd5dc5c6982bef1e23c14e783a"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_7aa634f98dca5b71df067683b2"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates" DROP COLUMN "opening_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_1cba6dee2ab31431f7374f355f"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d211ed17ff92b06fee3c453911"
        `);
    await queryRunner.query(`
            DROP TABLE "session_figures"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a12ca6b331172f6ef0d2b8031c"
        `);
    await queryRunner.query(`
            DROP TABLE "shadow_feedback"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a5f23ba85e0f0d183b0a57476a"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d1880d7d39998305fe1cb16a4b"
        `);
    await queryRunner.query(`
            DROP TABLE "ratings"
        `);
    await queryRunner.query(`
            DROP TABLE "openings"
        `);
  }
}
