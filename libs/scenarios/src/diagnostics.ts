import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** One problem in a content file, pointing at the line and column an author should look at. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  /** Field path such as `beats[2].anger`; empty for the file as a whole. */
  path: string;
  message: string;
}

export function formatDiagnostic({ file, line, column, path, message }: Diagnostic): string {
  return `${file}:${line}:${column}: ${path ? `${path}: ` : ''}${message}`;
}

export type FieldPath = ReadonlyArray<string | number>;

export function pathToString(path: FieldPath): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
}

/**
 * A YAML document that remembers where each value came from, so that an error about a field can name
 * its line and column. `lineOffset` shifts lines, for YAML that starts inside a larger file.
 */
export class PositionedYaml {
  readonly value: unknown;
  readonly syntaxErrors: Diagnostic[];
  private readonly document: Document;
  private readonly lines = new LineCounter();
  private readonly sourceLines: string[];

  constructor(
    readonly file: string,
    text: string,
    private readonly lineOffset = 0,
  ) {
    this.sourceLines = text.split('\n');
    this.document = parseDocument(text, {
      lineCounter: this.lines,
      prettyErrors: false,
      uniqueKeys: true,
    });
    // The first syntax error only: the ones after it are usually its echoes.
    this.syntaxErrors = [...this.document.errors, ...this.document.warnings]
      .slice(0, 1)
      .map((error) => {
        const { line, col } = this.lines.linePos(error.pos[0]);
        return this.diagnostic(line + lineOffset, col, [], error.message.split('\n')[0]);
      });
    this.value = this.syntaxErrors.length > 0 ? undefined : this.document.toJS();
  }

  /** A diagnostic at `path`, or at the nearest parent that exists (for a missing field). */
  at(path: FieldPath, message: string): Diagnostic {
    const { line, col } = this.position(path);
    return this.diagnostic(line, col, path, message);
  }

  /** A diagnostic at the key of the field at `path` (for a field that should not be there). */
  atKey(path: FieldPath, message: string): Diagnostic {
    const parent = this.node(path.slice(0, -1));
    const pair = isMap(parent)
      ? parent.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(path[path.length - 1]),
        )
      : undefined;
    const range = isScalar(pair?.key) ? pair.key.range : undefined;
    if (!range) return this.at(path, message);
    const { line, col } = this.lines.linePos(range[0]);
    return this.diagnostic(line + this.lineOffset, col, path, message);
  }

  /**
   * Where the text at `path` starts: for a block scalar (`|` or `>`), the first content line, at its
   * indentation, which every line of the block shares.
   */
  textStart(path: FieldPath): { line: number; column: number; block: boolean } {
    const node = this.node(path);
    const { line, col } = this.position(path);
    const isBlock =
      isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
    if (!isBlock) return { line, column: col, block: false };
    const content = this.sourceLines[line - this.lineOffset] ?? '';
    return { line: line + 1, column: content.length - content.trimStart().length + 1, block: true };
  }

  private position(path: FieldPath): { line: number; col: number } {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.node(path.slice(0, depth));
      if (node?.range) {
        const { line, col } = this.lines.linePos(node.range[0]);
        return { line: line + this.lineOffset, col };
      }
    }
    return { line: 1 + this.lineOffset, col: 1 };
  }

  private node(path: FieldPath): Node | undefined {
    if (path.length === 0) return this.document.contents ?? undefined;
    return this.document.getIn(path, true) as Node | undefined;
  }

  private diagnostic(line: number, column: number, path: FieldPath, message: string): Diagnostic {
    return { file: this.file, line, column, path: pathToString(path), message };
  }
}
