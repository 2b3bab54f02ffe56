import { parseArticle } from './article-file';

const article = (body: string) =>
  `---\nid: sample\ntitle: Sample\nproduct: acme\ntags: [one]\n---\n${body}`;

describe(parseArticle.name, () => {
  it('renders Markdown to HTML and keeps its words as plain text for search', () => {
    const { article: parsed } = parseArticle(
      'sample.md',
      article('# Steps\n\n1. Open **Payments**\n2. Click `Refund`\n'),
      'acme',
    );
    expect(parsed?.html).toContain('<strong>Payments</strong>');
    expect(parsed?.html).toContain('<ol>');
    expect(parsed?.text).toBe('Steps Open Payments Click Refund');
  });

  it('never lets HTML, scripts or javascript: links through', () => {
    const { article: parsed } = parseArticle(
      'sample.md',
      article(
        '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n',
      ),
      'acme',
    );
    // Shown as text, never as markup.
    expect(parsed?.html).not.toMatch(/<(script|img)/i);
    expect(parsed?.html).not.toContain('href="javascript');
    expect(parsed?.html).toContain('&lt;script&gt;');
  });
});
