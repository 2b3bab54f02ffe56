import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agent desk's two ranked figures as columns of session_figures, so that comparisons rank them
 * in SQL like the others: when the last required checkpoint was met, and the first desk action.
 * Empty for the rows already there; METRICS_VERSION 3 has them recomputed from the logs at start.
 */
export class DeskFigures1796294285006 implements MigrationInterface {
  name = 'DeskFigures1796294285006';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "session_figures" ADD "time_to_required_checkpoints_ms" integer`,
    );
    await queryRunner.query(`ALTER TABLE "session_figures" ADD "time_to_first_action_ms" integer`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session_figures" DROP COLUMN "time_to_first_action_ms"`);
    await queryRunner.query(
      `ALTER TABLE "session_figures" DROP COLUMN "time_to_required_checkpoints_ms"`,
    );
  }
}
