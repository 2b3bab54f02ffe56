import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { loadCatalog } from '@hotseat/scenarios';
import { createStaff, staffToken } from './support/factories';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

interface QueryFile {
  product: string;
  queries: Array<{ query: string; expect: string }>;
}

const FIXTURES = join(__dirname, 'fixtures/help-center-queries');
const queryFiles = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => parse(readFileSync(join(FIXTURES, name), 'utf8')) as QueryFile);

const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'to',
  'of',
  'for',
  'in',
  'on',
  'my',
  'is',
  'and',
  'or',
  'with',
  'when',
  'how',
  'why',
  'what',
  'it',
  'i',
  'me',
  'you',
  'your',
  'our',
  'us',
  'at',
  'by',
  'be',
  'do',
  'can',
  'not',
  'no',
]);
const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word && !STOP_WORDS.has(word)),
  );

describe(`help-center search (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let token: string;
  let titles: Map<string, { title: string; product: string }>;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    token = await staffToken(testApp.app, await createStaff(testApp.app, 'interviewer'));
    const catalog = await loadCatalog(join(__dirname, '../scenarios'));
    titles = new Map(catalog.articles.map((article) => [article.id, article]));
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  const search = (q: string, product: string) =>
    request(testApp.url)
      .get('/api/help-center/search')
      .query({ q, product })
      .auth(token, { type: 'bearer' });

  it('has realistic queries for every product that has a scenario, some sharing no word with the title', async () => {
    const catalog = await loadCatalog(join(__dirname, '../scenarios'));
    const products = [
      ...new Set(catalog.scenarios.map((scenario) => scenario.definition.product)),
    ].sort();
    expect(queryFiles.map((file) => file.product).sort()).toEqual(products);
    for (const file of queryFiles) {
      expect(file.queries.length).toBeGreaterThanOrEqual(3);
      const unlike = file.queries.filter(({ query, expect: id }) => {
        const titleWords = words(titles.get(id)?.title ?? '');
        return [...words(query)].every((word) => !titleWords.has(word));
      });
      expect({ product: file.product, sharingNoTitleWord: unlike.length > 0 }).toEqual({
        product: file.product,
        sharingNoTitleWord: true,
      });
    }
  });

  describe.each(queryFiles)('for $product', ({ product, queries }) => {
    it.each(queries)(
      'puts $expect first for "$query", and only $product articles',
      async ({ query, expect: id }) => {
        const response = await search(query, product).expect(200);
        const results = response.body as Array<{
          articleId: string;
          title: string;
          snippet: string;
        }>;
        expect(results[0]?.articleId).toBe(id);
        for (const result of results) expect(titles.get(result.articleId)?.product).toBe(product);
      },
    );
  });

  it('highlights the matches in an escaped snippet', async () => {
    const [first] = (await search('overdraft fee', 'tixly').expect(200)).body as Array<{
      snippet: string;
    }>;
    expect(first.snippet).toMatch(/<mark>overdraft<\/mark>/i);
    expect(first.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('understands quotes and minus, as people type them into search engines', async () => {
    const all = (await search('refund', 'tixly').expect(200)).body as Array<{ articleId: string }>;
    const without = (await search('refund -duplicate', 'tixly').expect(200)).body as Array<{
      articleId: string;
    }>;
    expect(without.length).toBeLessThan(all.length);
    expect(without.map((result) => result.articleId)).not.toContain('refund-duplicate-charge');
  });

  it('answers an empty result for words no article has, and for another product', async () => {
    expect((await search('zzzyx qwrtp', 'tixly').expect(200)).body).toEqual([]);
    expect((await search('refund', 'no-such-product').expect(200)).body).toEqual([]);
  });

  it('refuses a missing or oversized query and a malformed product, naming the field', async () => {
    const missing = await request(testApp.url)
      .get('/api/help-center/search?product=tixly')
      .auth(token, { type: 'bearer' })
      .expect(400);
    expect(missing.body.message).toContain('q must be the text to search for');
    await search('x'.repeat(201), 'tixly').expect(400);
    const product = await search('refund', 'Tixly!').expect(400);
    expect(product.body.message).toContain('product must be a product id, such as tixly');
  });

  it('serves an article as sanitized HTML, and 404 for an unknown one', async () => {
    const response = await request(testApp.url)
      .get('/api/help-center/articles/refund-timing')
      .auth(token, { type: 'bearer' })
      .expect(200);
    expect(response.body).toMatchObject({
      id: 'refund-timing',
      product: 'tixly',
      title: 'How long refunds take to reach the customer',
    });
    expect(response.body.html).toContain('<table>');
    await request(testApp.url)
      .get('/api/help-center/articles/no-such-article')
      .auth(token, { type: 'bearer' })
      .expect(404);
  });
});
