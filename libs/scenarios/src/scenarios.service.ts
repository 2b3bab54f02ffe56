import { Injectable, Logger, NotFoundException, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import type { Environment } from '@hotseat/config';
import { loadCatalog, type InvalidFile } from './catalog';
import { formatDiagnostic } from './diagnostics';
import { ScenarioVersion } from './entities/scenario-version.entity';
import { HelpCenterService } from './help-center/help-center.service';
import type { ScenarioDefinition } from './scenario-definition';

export interface ScenarioSummary {
  id: string;
  title: string;
  product: string;
  difficulty: ScenarioDefinition['difficulty'];
  /** The first 12 characters of the content hash. */
  version: string;
  valid: true;
}

export interface InvalidScenarioFile {
  file: string;
  valid: false;
  errors: Array<{ line: number; column: number; path: string; message: string }>;
}

export interface CurrentScenario {
  definition: ScenarioDefinition;
  hash: string;
  /** The scenario_versions row a session started now should point at. */
  versionId: string;
}

/**
 * Loads scenarios/ when the app starts: the help center into PostgreSQL, every valid scenario into
 * memory and its version into scenario_versions. An invalid file is skipped whole and logged.
 */
@Injectable()
export class ScenariosService implements OnModuleInit {
  private readonly logger = new Logger('Scenarios');
  private current = new Map<string, CurrentScenario>();
  private readonly versions = new Map<string, Promise<ScenarioVersion>>();
  private invalid: InvalidFile[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly helpCenter: HelpCenterService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async onModuleInit(): Promise<void> {
    const root = resolve(this.config.get('HOTSEAT_SCENARIOS_DIR', { infer: true }));
    const catalog = await loadCatalog(root);
    for (const { file, diagnostics } of catalog.invalid) {
      this.logger.error(
        `${file} was NOT loaded; fix these and restart:\n${diagnostics.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`,
      );
    }
    await this.helpCenter.replaceAll(catalog.articles);

    const current = new Map<string, CurrentScenario>();
    for (const { definition, hash } of catalog.scenarios) {
      current.set(definition.id, {
        definition,
        hash,
        versionId: await this.saveVersion(definition, hash),
      });
    }
    this.current = current;
    this.invalid = catalog.invalid;
    this.logger.log(
      `Loaded ${current.size} scenario(s) and ${catalog.articles.length} help-center article(s) from ${root}` +
        (catalog.invalid.length ? `; ${catalog.invalid.length} file(s) skipped as invalid` : ''),
    );
  }

  /** Every scenario, valid ones first by title, then each file that did not load and why. */
  list(): Array<ScenarioSummary | InvalidScenarioFile> {
    const valid = [...this.current.values()]
      .map(({ definition: { id, title, product, difficulty }, hash }): ScenarioSummary => ({
        id,
        title,
        product,
        difficulty,
        version: hash.slice(0, 12),
        valid: true,
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
    const invalid = this.invalid.map(({ file, diagnostics }): InvalidScenarioFile => ({
      file,
      valid: false,
      errors: diagnostics.map(({ line, column, path, message }) => ({
        line,
        column,
        path,
        message,
      })),
    }));
    return [...valid, ...invalid];
  }

  /** Whether a valid scenario has this id now. */
  has(id: string): boolean {
    return this.current.has(id);
  }

  /** The scenario as it is now; 404 for an unknown or invalid one. */
  get(id: string): CurrentScenario {
    const scenario = this.current.get(id);
    if (!scenario) throw new NotFoundException('There is no valid scenario with this id.');
    return scenario;
  }

  /**
   * A version a session was played with, even if the file has changed or gone since. Versions never
   * change, so each is read from the database once.
   */
  async version(versionId: string): Promise<ScenarioDefinition> {
    return (await this.pinned(versionId)).definition;
  }

  /** What lists show of a version: `{ id, title, version }` (the hash's first 12 characters). */
  async versionSummary(versionId: string): Promise<{ id: string; title: string; version: string }> {
    const { definition, hash } = await this.pinned(versionId);
    return { id: definition.id, title: definition.title, version: hash.slice(0, 12) };
  }

  private pinned(versionId: string): Promise<ScenarioVersion> {
    let version = this.versions.get(versionId);
    if (!version) {
      version = this.dataSource
        .getRepository(ScenarioVersion)
        .findOneBy({ id: versionId })
        .then((found) => {
          if (!found) throw new NotFoundException('There is no scenario version with this id.');
          return found;
        });
      // A failed read (an unknown id, the database away) is not remembered.
      version.catch(() => this.versions.delete(versionId));
      this.versions.set(versionId, version);
    }
    return version;
  }

  private async saveVersion(definition: ScenarioDefinition, hash: string): Promise<string> {
    await this.dataSource.query(
      `INSERT INTO scenario_versions (scenario_id, hash, definition) VALUES ($1, $2, $3)
       ON CONFLICT (scenario_id, hash) DO NOTHING`,
      [definition.id, hash, definition],
    );
    const version = await this.dataSource
      .getRepository(ScenarioVersion)
      .findOneByOrFail({ scenarioId: definition.id, hash });
    return version.id;
  }
}
