import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScenariosAndHelpCenter1795433710806 implements MigrationInterface {
  name = 'ScenariosAndHelpCenter1795433710806';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "help_articles" (
                "id" text NOT NULL,
                "product" text NOT NULL,
                "title" text NOT NULL,
                "tags" text array NOT NULL DEFAULT '{}',
                "html" text NOT NULL,
                "body_text" text NOT NULL,
                "search" tsvector NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_abcae2797feef660bbbbe20da78" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_22c0962796999846b1617c779d" ON "help_articles" ("product")
        `);
    // Written by hand: TypeORM cannot declare a GIN index (the entity marks it synchronize: false).
    await queryRunner.query(`
            CREATE INDEX "help_articles_search_idx" ON "help_articles" USING GIN ("search")
        `);
    await queryRunner.query(`
            CREATE TABLE "scenario_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "scenario_id" text NOT NULL,
                "hash" text NOT NULL,
                "definition" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_c3b34a77304ce8b0ea44c134b3a" UNIQUE ("scenario_id", "hash"),
                CONSTRAINT "PK_0c7b34ad7e0a1e80d1ee0f6ff0b" PRIMARY KEY ("id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "scenario_versions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."help_articles_search_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_22c0962796999846b1617c779d"
        `);
    await queryRunner.query(`
            DROP TABLE "help_articles"
        `);
  }
}
