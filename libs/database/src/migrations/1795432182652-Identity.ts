import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795432182652 implements MigrationInterface {
  name = 'Identity1795432182652';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "name" text NOT NULL,
                "role" text NOT NULL,
                "password_hash" text NOT NULL,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"),
                CONSTRAINT "users_email_lower_check" CHECK (email = lower(email)),
                CONSTRAINT "users_role_check" CHECK (role IN ('admin', 'manager', 'interviewer')),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "capability_links" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "scope" text NOT NULL,
                "subject_id" uuid NOT NULL,
                "selector" text NOT NULL,
                "verifier_hash" bytea NOT NULL,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_9b096a5fe841179a48ab16d9e4f" UNIQUE ("selector"),
                CONSTRAINT "capability_links_scope_check" CHECK (scope IN ('candidate', 'shadow')),
                CONSTRAINT "PK_785eb5e7a674984b506af45f8c7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a34100836683d40041aeb76560" ON "capability_links" ("scope", "subject_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "staff_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "selector" text NOT NULL,
                "verifier_hash" bytea NOT NULL,
                "csrf_token" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "UQ_69a451373845edf081bda156f3c" UNIQUE ("selector"),
                CONSTRAINT "PK_b9be2467392ab95efaa3661cce2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2d3e82105bee50ac45fe3ed597" ON "staff_sessions" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "capability_links"
            ADD CONSTRAINT "FK_e27a2c4b4ad97fa1e155fc16e2f" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_sessions"
            ADD CONSTRAINT "FK_2d3e82105bee50ac45fe3ed5975" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "staff_sessions" DROP CONSTRAINT "FK_2d3e82105bee50ac45fe3ed5975"
        `);
    await queryRunner.query(`
            ALTER TABLE "capability_links" DROP CONSTRAINT "FK_e27a2c4b4ad97fa1e155fc16e2f"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2d3e82105bee50ac45fe3ed597"
        `);
    await queryRunner.query(`
            DROP TABLE "staff_sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a34100836683d40041aeb76560"
        `);
    await queryRunner.query(`
            DROP TABLE "capability_links"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
  }
}
