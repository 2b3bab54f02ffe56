import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadCatalog } from './catalog';
import { formatDiagnostic } from './diagnostics';
import { contentHash, validateScenario } from './validate-scenario';

const REPO = join(__dirname, '../../..');
const BROKEN = join(REPO, 'test/fixtures/broken-scenarios');

describe(loadCatalog.name, () => {
  describe('on the corpus of broken files', () => {
    it('reports every problem with its file, line, column, field and what is expected', async () => {
      const catalog = await loadCatalog(BROKEN, BROKEN);
      const reported = catalog.invalid
        .flatMap(({ diagnostics }) => diagnostics.map(formatDiagnostic))
        .sort();
      const expected = readFileSync(join(BROKEN, 'expected-diagnostics.txt'), 'utf8')
        .trim()
        .split('\n');
      expect(reported).toEqual(expected);
    });

    it('loads no broken file, not even in part', async () => {
      const catalog = await loadCatalog(BROKEN, BROKEN);
      expect(catalog.scenarios).toEqual([]);
      expect(catalog.articles.map((article) => article.id).sort()).toEqual([
        'reset-password',
        'unlock-account',
      ]);
      expect(catalog.invalid.map(({ file }) => file).sort()).toEqual([
        'bad-desk.yaml',
        'bad-references.yaml',
        'bad-templates.yaml',
        'broken-yaml.yaml',
        'file-name-differs.yaml',
        'help-center/acme/bad-front-matter.md',
        'help-center/acme/empty-body.md',
        'help-center/acme/no-front-matter.md',
        'help-center/acme/z-duplicate-id.md',
        'missing-and-unknown.yaml',
        'not-a-map.yaml',
        'wrong-types.yaml',
      ]);
    });
  });

  describe('on the scenarios Hotseat ships', () => {
    it('finds every file valid', async () => {
      const catalog = await loadCatalog(join(REPO, 'scenarios'), REPO);
      expect(
        catalog.invalid.flatMap(({ diagnostics }) => diagnostics.map(formatDiagnostic)),
      ).toEqual([]);
    });

    it('has at least six complete scenarios, each of its own product with a help center of eight articles (two for a practice)', async () => {
      const { scenarios, articles } = await loadCatalog(join(REPO, 'scenarios'), REPO);
      expect(scenarios.length).toBeGreaterThanOrEqual(6);
      const products = scenarios.map(({ definition }) => definition.product);
      expect(new Set(products).size).toBe(scenarios.length);
      for (const { definition } of scenarios) {
        expect({
          id: definition.id,
          beats: definition.beats.length >= 5,
          checkpoints: definition.solution.checkpoints.length >= 3,
          rubric: definition.rubric.length >= 1,
          articles:
            articles.filter((article) => article.product === definition.product).length >=
            (definition.id.startsWith('practice-') ? 2 : 8),
        }).toEqual({
          id: definition.id,
          beats: true,
          checkpoints: true,
          rubric: true,
          articles: true,
        });
      }
    });

    it('ships a practice scenario whose every required checkpoint the desk can meet, so that a practice can end by itself', async () => {
      const { scenarios } = await loadCatalog(join(REPO, 'scenarios'), REPO);
      const practice = scenarios.find(
        ({ definition }) => definition.id === 'practice-wrong-address',
      );
      expect(practice?.definition).toMatchObject({ difficulty: 'easy', timeLimitMinutes: 5 });
      const { solution, desk, beats } = practice!.definition;
      const ruled = new Set(desk!.rules.map((rule) => rule.checkpoint));
      expect(solution.checkpoints.filter((c) => c.required && !ruled.has(c.id))).toEqual([]);
      // The script can answer: most of its beats have conditions Hotseat sees.
      expect(beats.filter((beat) => beat.when).length).toBeGreaterThanOrEqual(beats.length - 1);
    });

    it('gives every scenario a desk whose rules meet a required checkpoint, and at least two a tempting mistake', async () => {
      const { scenarios } = await loadCatalog(join(REPO, 'scenarios'), REPO);
      for (const { definition } of scenarios) {
        const required = new Set(
          definition.solution.checkpoints.filter((c) => c.required).map((c) => c.id),
        );
        const desk = definition.desk;
        expect({
          id: definition.id,
          records: (desk?.records.length ?? 0) >= 1,
          actions: (desk?.actions.length ?? 0) >= 1,
          ruleOnRequiredCheckpoint:
            desk?.rules.some((rule) => rule.when.action && required.has(rule.checkpoint)) ?? false,
        }).toEqual({
          id: definition.id,
          records: true,
          actions: true,
          ruleOnRequiredCheckpoint: true,
        });
      }
      const withMistakes = scenarios.filter(({ definition }) => definition.desk?.mistakes.length);
      expect(withMistakes.length).toBeGreaterThanOrEqual(2);
    });
  });

  it('documents the desk of charged-ten-times.yaml in docs/scenario-format.md as it ships', () => {
    const doc = readFileSync(join(REPO, 'docs/scenario-format.md'), 'utf8');
    const example = /## The agent desk[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)![1];
    const shipped = readFileSync(join(REPO, 'scenarios/charged-ten-times.yaml'), 'utf8');
    const desk = (text: string) => (parse(text) as { desk: unknown }).desk;
    expect(desk(example)).toEqual(desk(shipped));
  });

  it('accepts the complete example of docs/scenario-format.md', async () => {
    const doc = readFileSync(join(REPO, 'docs/scenario-format.md'), 'utf8');
    const example = /## A complete example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)![1];
    const { articles } = await loadCatalog(join(REPO, 'scenarios'), REPO);
    const index = new Map(articles.map((article) => [article.id, article.product]));
    const { diagnostics } = validateScenario('charged-ten-times.yaml', example, index);
    expect(diagnostics).toEqual([]);
  });
});

describe(contentHash.name, () => {
  const shipped = readFileSync(join(REPO, 'scenarios/charged-ten-times.yaml'), 'utf8');
  const index = new Map(
    [
      'duplicate-charges-incident',
      'refund-duplicate-charge',
      'refund-timing',
      'refund-confirmation-email',
      'goodwill-bank-fees',
    ].map((id) => [id, 'tixly'] as const),
  );
  const hashOf = (text: string) =>
    validateScenario('charged-ten-times.yaml', text, index).scenario!.hash;

  it('ignores comments, formatting and key order', () => {
    const reformatted = `# a new comment\n${shipped.replace('timeLimitMinutes: 20', 'timeLimitMinutes:   20 # minutes')}`;
    expect(hashOf(reformatted)).toBe(hashOf(shipped));
  });

  it('changes with any change of content', () => {
    expect(hashOf(shipped.replace('initialAnger: 8', 'initialAnger: 9'))).not.toBe(hashOf(shipped));
    expect(hashOf(shipped.replace('Hello?? Is anyone', 'Hello? Is anyone'))).not.toBe(
      hashOf(shipped),
    );
  });
});
