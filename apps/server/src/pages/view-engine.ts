import type { NestExpressApplication } from '@nestjs/platform-express';
import hbs from 'hbs';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Server-rendered pages: Handlebars views (`{{ }}` escapes; nothing is ever rendered with `{{{ }}}`
 * but JSON made safe by `json`), and the pages' own scripts and styles under /assets. No CDN.
 */
export function configurePages(app: NestExpressApplication, root: string): void {
  const views = join(root, 'views');
  app.setBaseViewsDir(views);
  app.setViewEngine('hbs');
  // Read now, not lazily: the first page must find its partials.
  for (const file of readdirSync(join(views, 'partials')).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(
      basename(file, '.hbs'),
      readFileSync(join(views, 'partials', file), 'utf8'),
    );
  }
  hbs.registerHelper('json', (value: unknown) => new hbs.handlebars.SafeString(safeJson(value)));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('number', (value: unknown) => Number(value));
  hbs.registerHelper('date', (value: unknown) =>
    new Date(value as string).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }),
  );
  app.useStaticAssets(join(root, 'public'), { prefix: '/assets/', maxAge: '1h' });
}

/** JSON for a `<script type="application/json">` block: `<` can never close the element. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
