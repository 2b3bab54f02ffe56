import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { PositionedYaml, type Diagnostic, type FieldPath } from './diagnostics';
import { ScenarioFile } from './dto/scenario-file';
import type { LoadedScenario, ScenarioDefinition } from './scenario-definition';
import { RESERVED_VARIABLES, templateContext } from './templates';
import { cueDiagnostics, unknownConditionMessage } from './validate-cues';
import { deskDefinition, deskDiagnostics, templateIn } from './validate-desk';

/** What the help center holds, for checking a scenario's references: article id -> product. */
export type ArticleIndex = ReadonlyMap<string, string>;

/** The candidate name used to check that every line renders. */
const SAMPLE_CANDIDATE = { firstName: 'Alex', lastName: 'Sample' };

/**
 * Validates one scenario file completely: YAML syntax, every field, cross-references and every
 * template. Returns all problems of the file together; a scenario only when there are none.
 */
export function validateScenario(
  file: string,
  text: string,
  articles: ArticleIndex,
): { scenario?: LoadedScenario; diagnostics: Diagnostic[] } {
  const yaml = new PositionedYaml(file, text);
  if (yaml.syntaxErrors.length > 0) return { diagnostics: yaml.syntaxErrors };
  if (yaml.value === null || typeof yaml.value !== 'object' || Array.isArray(yaml.value)) {
    return {
      diagnostics: [
        yaml.at(
          [],
          'must be a map of fields such as id, title and persona (see docs/scenario-format.md)',
        ),
      ],
    };
  }
  const raw = yaml.value as Record<string, unknown>;
  const instance = plainToInstance(ScenarioFile, raw);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  const diagnostics = [
    ...errors.flatMap((error) => fieldDiagnostics(yaml, error, [])),
    ...crossReferenceDiagnostics(yaml, raw, articles),
  ];
  const expectedId = basename(file, extname(file));
  if (typeof raw.id === 'string' && raw.id !== expectedId) {
    diagnostics.push(
      yaml.at(
        ['id'],
        `must match the file name: rename the file to ${raw.id}.yaml or the id to ${expectedId}`,
      ),
    );
  }
  if (diagnostics.length > 0) return { diagnostics: sortByPosition(diagnostics) };

  const definition = toDefinition(instance, articles);
  return { scenario: { file, definition, hash: contentHash(definition) }, diagnostics: [] };
}

function fieldDiagnostics(
  yaml: PositionedYaml,
  error: ValidationError,
  parent: FieldPath,
): Diagnostic[] {
  // Items of a list report their index as the property, with the list as the target.
  const path = [...parent, Array.isArray(error.target) ? Number(error.property) : error.property];
  const children = (error.children ?? []).flatMap((child) => fieldDiagnostics(yaml, child, path));
  const constraints = Object.entries(error.constraints ?? {});
  if (constraints.length === 0) return children;
  const [name, message] = constraints[0];
  if (name === 'whitelistValidation') {
    return [
      yaml.atKey(
        path,
        unknownConditionMessage(path) ??
          'is not a field here: check the spelling against docs/scenario-format.md',
      ),
      ...children,
    ];
  }
  const given: unknown = error.value;
  const shown =
    given === undefined
      ? `is missing: it ${message}`
      : typeof given === 'object'
        ? message
        : `${message} (got ${JSON.stringify(given)})`;
  return [yaml.at(path, shown), ...children];
}

/** Checks that need more than one field: ids, article references, anger levels, templates, cues. */
function crossReferenceDiagnostics(
  yaml: PositionedYaml,
  raw: Record<string, unknown>,
  articles: ArticleIndex,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const product = typeof raw.product === 'string' ? raw.product : undefined;
  const productArticles = new Set(
    [...articles].filter(([, owner]) => owner === product).map(([id]) => id),
  );
  if (product && productArticles.size === 0) {
    found.push(
      yaml.at(
        ['product'],
        `has no help center: add its articles under scenarios/help-center/${product}/`,
      ),
    );
  }

  for (const list of ['beats', 'rubric'] as const) uniqueIds(yaml, raw[list], [list], found);
  const solution = asRecord(raw.solution);
  uniqueIds(yaml, solution.checkpoints, ['solution', 'checkpoints'], found);

  const persona = asRecord(raw.persona);
  if (
    typeof persona.initialAnger === 'number' &&
    typeof persona.calmAt === 'number' &&
    persona.calmAt >= persona.initialAnger
  ) {
    found.push(
      yaml.at(
        ['persona', 'calmAt'],
        `must be lower than initialAnger (${persona.initialAnger}): the customer starts upset and the candidate calms them down`,
      ),
    );
  }

  const scope = asRecord(raw.helpCenter).articles;
  const inScope = Array.isArray(scope)
    ? new Set(scope.filter((id) => typeof id === 'string'))
    : productArticles;
  const checkArticle = (id: unknown, path: FieldPath) => {
    if (typeof id !== 'string' || !product || productArticles.size === 0) return;
    if (!productArticles.has(id)) {
      found.push(
        yaml.at(path, `names the article ${id}, which is not in scenarios/help-center/${product}/`),
      );
    } else if (!inScope.has(id)) {
      found.push(
        yaml.at(
          path,
          `names the article ${id}, which the candidate cannot find: add it to helpCenter.articles`,
        ),
      );
    }
  };
  if (Array.isArray(scope)) {
    scope.forEach((id, index) => {
      if (
        typeof id === 'string' &&
        product &&
        productArticles.size > 0 &&
        !productArticles.has(id)
      ) {
        found.push(
          yaml.at(
            ['helpCenter', 'articles', index],
            `names the article ${id}, which is not in scenarios/help-center/${product}/`,
          ),
        );
      }
    });
  }
  asArray(solution.articles).forEach((id, index) =>
    checkArticle(id, ['solution', 'articles', index]),
  );
  asArray(solution.checkpoints).forEach((checkpoint, index) =>
    checkArticle(asRecord(checkpoint).article, ['solution', 'checkpoints', index, 'article']),
  );
  const checkpoints = asArray(solution.checkpoints);
  if (
    checkpoints.length > 0 &&
    checkpoints.every((checkpoint) => asRecord(checkpoint).required === false)
  ) {
    found.push(
      yaml.at(['solution', 'checkpoints'], 'must mark at least one checkpoint as required: true'),
    );
  }

  const variables = asRecord(raw.variables);
  for (const name of RESERVED_VARIABLES) {
    if (name in variables)
      found.push(
        yaml.at(['variables', name], `is a name Hotseat fills in itself; choose another name`),
      );
  }
  found.push(...templateDiagnostics(yaml, raw, variables), ...cueDiagnostics(yaml, raw));
  return found;
}

function templateDiagnostics(
  yaml: PositionedYaml,
  raw: Record<string, unknown>,
  variables: Record<string, unknown>,
): Diagnostic[] {
  const persona = asRecord(raw.persona);
  const context = templateContext(
    {
      company: typeof raw.company === 'string' ? raw.company : '',
      persona: { name: typeof persona.name === 'string' ? persona.name : '' },
      variables,
    },
    SAMPLE_CANDIDATE,
  );
  const templates: FieldPath[] = [
    ['briefing'],
    ['opening'],
    ['persona', 'situation'],
    ['solution', 'summary'],
    ...asArray(raw.beats).map((_beat, index) => ['beats', index, 'line']),
  ];
  const found: Diagnostic[] = [];
  for (const path of templates) {
    const template = path.reduce<unknown>(
      (value, key) => asRecord(value)[key] ?? asArray(value)[key as number],
      raw,
    );
    templateIn(yaml, path, template, context, found);
  }
  return [...found, ...deskDiagnostics(yaml, raw, context)];
}

function uniqueIds(
  yaml: PositionedYaml,
  list: unknown,
  path: FieldPath,
  found: Diagnostic[],
): void {
  const seen = new Set<string>();
  asArray(list).forEach((item, index) => {
    const id = asRecord(item).id;
    if (typeof id !== 'string') return;
    if (seen.has(id))
      found.push(
        yaml.at(
          [...path, index, 'id'],
          `${id} is used twice: ids in ${path.join('.')} must be unique`,
        ),
      );
    seen.add(id);
  });
}

function toDefinition(file: ScenarioFile, articles: ArticleIndex): ScenarioDefinition {
  const scope = file.helpCenter.articles;
  const visible =
    scope === 'all'
      ? [...articles]
          .filter(([, product]) => product === file.product)
          .map(([id]) => id)
          .sort()
      : scope;
  const { opening: firstLine, desk, ...rest } = file;
  // Round-trip through JSON: a plain object with exactly the validated fields, in a stable form.
  return JSON.parse(
    JSON.stringify({
      ...rest,
      firstLine,
      variables: file.variables ?? {},
      helpCenter: { articles: visible },
      ...(desk ? { desk: deskDefinition(desk) } : {}),
    }),
  ) as ScenarioDefinition;
}

export function contentHash(definition: ScenarioDefinition): string {
  const canonical = JSON.stringify(definition, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
