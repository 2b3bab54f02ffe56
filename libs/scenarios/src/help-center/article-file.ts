import { plainToInstance } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, validateSync } from 'class-validator';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { PositionedYaml, type Diagnostic } from '../diagnostics';
import { slugField, textField } from '../dto/fields';

export class ArticleFrontMatter {
  @slugField('refund-duplicate-charge')
  id!: string;

  @textField(1, 150)
  title!: string;

  @IsString({ message: 'must be text' })
  product!: string;

  /** Words people search with that the text may not contain (synonyms, error codes). */
  @IsOptional()
  @IsArray({ message: 'must be a list of words or phrases' })
  @ArrayMaxSize(30, { message: 'must list at most 30 tags' })
  @IsString({ each: true, message: 'must be a list of words or phrases' })
  tags?: string[];
}

export interface LoadedArticle {
  id: string;
  product: string;
  title: string;
  tags: string[];
  /** Sanitized HTML of the body, safe to insert into a page. */
  html: string;
  /** The body as plain text, for search and snippets. */
  text: string;
  file: string;
}

// Raw HTML in Markdown is not rendered; sanitize-html then removes anything unsafe that remains.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** Parses `---` front matter and a Markdown body; `product` is the folder the file is in. */
export function parseArticle(
  file: string,
  source: string,
  product: string,
): { article?: LoadedArticle; diagnostics: Diagnostic[] } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) {
    const yaml = new PositionedYaml(file, '');
    return {
      diagnostics: [
        yaml.at(
          [],
          'must start with front matter: a line ---, then id, title, product and tags, then ---',
        ),
      ],
    };
  }
  const [, frontMatter, body] = match;
  // Front matter starts on line 2, after the opening ---.
  const yaml = new PositionedYaml(file, frontMatter, 1);
  if (yaml.syntaxErrors.length > 0) return { diagnostics: yaml.syntaxErrors };

  const fields = plainToInstance(ArticleFrontMatter, yaml.value ?? {});
  const diagnostics = validateSync(fields, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  }).map((error) => {
    const message = Object.values(error.constraints ?? {})[0] ?? 'is not valid';
    if (error.constraints?.whitelistValidation)
      return yaml.atKey(
        [error.property],
        'is not a field of an article (id, title, product, tags)',
      );
    return yaml.at(
      [error.property],
      error.value === undefined ? `is missing: it ${message}` : message,
    );
  });
  if (typeof fields.product === 'string' && fields.product !== product) {
    diagnostics.push(yaml.at(['product'], `must be ${product}, the folder the article is in`));
  }
  if (body.trim() === '') {
    const bodyLine = frontMatter.split('\n').length + 3;
    diagnostics.push({
      file,
      line: bodyLine,
      column: 1,
      path: '',
      message: 'has no text after the front matter',
    });
  }
  if (diagnostics.length > 0) return { diagnostics: diagnostics.sort((a, b) => a.line - b.line) };

  const html = sanitizeHtml(markdown.render(body));
  return {
    article: {
      id: fields.id,
      product,
      title: fields.title,
      tags: fields.tags ?? [],
      html,
      text: plainText(body),
      file,
    },
    diagnostics: [],
  };
}

/** The words of a Markdown body, without its markup. */
function plainText(body: string): string {
  return markdown
    .parse(body, {})
    .flatMap((token) => (token.type === 'inline' ? (token.children ?? []) : [token]))
    .filter((token) => ['text', 'code_inline', 'code_block', 'fence'].includes(token.type))
    .map((token) => token.content)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
