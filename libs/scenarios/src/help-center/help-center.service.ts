import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { LoadedArticle } from './article-file';

export interface SearchResult {
  articleId: string;
  title: string;
  /**
   * HTML: the article text around the matches, escaped, with each match in <mark>.
   * Safe to insert into a page as it is.
   */
  snippet: string;
}

export interface ArticleView {
  id: string;
  title: string;
  product: string;
  tags: string[];
  /** Sanitized HTML. */
  html: string;
}

export interface SearchScope {
  product: string;
  /** Limit to these articles (a scenario's help-center scope); all of the product's when left out. */
  articleIds?: readonly string[];
}

// Unusual brackets mark matches in ts_headline's output, so the snippet can be escaped before <mark> goes in.
const OPEN = '⟦';
const CLOSE = '⟧';
const HEADLINE_OPTIONS = `StartSel=${OPEN}, StopSel=${CLOSE}, MaxFragments=2, MinWords=8, MaxWords=24, FragmentDelimiter=" … "`;
const RESULT_LIMIT = 10;
/** A quoted phrase, a -word or an "or": the person wrote a search expression. */
const SEARCH_SYNTAX = /"|(^|\s)-\S|\sor\s/i;

/**
 * The help center, in PostgreSQL: articles weighted title > tags > text, searched with
 * websearch_to_tsquery (quotes, "or", -word), ranked with ts_rank_cd, with ts_headline snippets.
 * Staff search through the HTTP API and candidates through the role-play socket, both here.
 */
@Injectable()
export class HelpCenterService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Makes the stored articles exactly `articles`, in one transaction. */
  async replaceAll(articles: readonly LoadedArticle[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const article of [...articles].sort((a, b) => a.id.localeCompare(b.id))) {
        await manager.query(
          `INSERT INTO help_articles (id, product, title, tags, html, body_text, search, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6,
             setweight(to_tsvector('english', $3), 'A')
             || setweight(to_tsvector('english', array_to_string($4::text[], ' ')), 'B')
             || setweight(to_tsvector('english', $6), 'C'),
             now())
           ON CONFLICT (id) DO UPDATE SET
             product = EXCLUDED.product, title = EXCLUDED.title, tags = EXCLUDED.tags, html = EXCLUDED.html,
             body_text = EXCLUDED.body_text, search = EXCLUDED.search, updated_at = now()
           WHERE (help_articles.product, help_articles.title, help_articles.tags, help_articles.html, help_articles.body_text)
             IS DISTINCT FROM (EXCLUDED.product, EXCLUDED.title, EXCLUDED.tags, EXCLUDED.html, EXCLUDED.body_text)`,
          [article.id, article.product, article.title, article.tags, article.html, article.text],
        );
      }
      await manager.query(`DELETE FROM help_articles WHERE NOT (id = ANY($1::text[]))`, [
        articles.map((article) => article.id),
      ]);
    });
  }

  /**
   * The best articles for `query` within `scope`, best first, ranked by ts_rank_cd (title counts
   * most, then tags, then text). Plain words match articles that have any of them, so that a
   * customer's whole question still finds help; a query written with search syntax (quotes, -word,
   * or) is taken literally through websearch_to_tsquery.
   */
  async search(query: string, scope: SearchScope): Promise<SearchResult[]> {
    const tsquery = SEARCH_SYNTAX.test(query)
      ? `websearch_to_tsquery('english', $1)`
      : `replace(plainto_tsquery('english', $1)::text, ' & ', ' | ')::tsquery`;
    const rows = await this.dataSource.query<{ id: string; title: string; headline: string }[]>(
      `SELECT id, title, ts_headline('english', body_text, query, $4) AS headline
       FROM help_articles, (SELECT ${tsquery} AS query) AS q
       WHERE product = $2 AND ($3::text[] IS NULL OR id = ANY($3::text[])) AND search @@ query
       ORDER BY ts_rank_cd(search, query) DESC, title
       LIMIT ${RESULT_LIMIT}`,
      [query, scope.product, scope.articleIds ?? null, HEADLINE_OPTIONS],
    );
    return rows.map((row) => ({
      articleId: row.id,
      title: row.title,
      snippet: markMatches(row.headline),
    }));
  }

  /** One article; 404 when it does not exist or is outside `scope`. */
  async article(id: string, scope?: SearchScope): Promise<ArticleView> {
    const [row] = await this.dataSource.query<ArticleView[]>(
      `SELECT id, title, product, tags, html FROM help_articles
       WHERE id = $1 AND ($2::text IS NULL OR product = $2) AND ($3::text[] IS NULL OR id = ANY($3::text[]))`,
      [id, scope?.product ?? null, scope?.articleIds ?? null],
    );
    if (!row) throw new NotFoundException('There is no help-center article with this id.');
    return row;
  }

  /** Articles as plain text, for the metrics to spot answers copied from them. */
  texts(ids: string[]): Promise<Array<{ id: string; title: string; text: string }>> {
    return this.dataSource.query(
      `SELECT id, title, body_text AS text FROM help_articles WHERE id = ANY($1::text[])`,
      [ids],
    );
  }

  /** Titles by id (the console names the solution's articles). */
  async titles(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<Array<{ id: string; title: string }>>(
      `SELECT id, title FROM help_articles WHERE id = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.title]));
  }
}

function markMatches(headline: string): string {
  return escapeHtml(headline).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
