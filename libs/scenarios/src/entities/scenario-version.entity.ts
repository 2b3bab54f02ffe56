import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ScenarioDefinition } from '../scenario-definition';

/**
 * Every version of every scenario Hotseat has loaded, kept for good: a session points at the version
 * it was played with, so a scenario edited later still explains old sessions exactly.
 */
@Entity('scenario_versions')
@Unique(['scenarioId', 'hash'])
export class ScenarioVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  scenarioId!: string;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ type: 'jsonb' })
  definition!: ScenarioDefinition;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
