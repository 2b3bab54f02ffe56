/**
 * A WHERE clause made of conditions, each with `$?` placeholders that are numbered as it is added,
 * so that repositories compose access rules, filters and cursors without counting parameters.
 */
export class SqlWhere {
  private readonly conditions: string[] = [];
  readonly values: unknown[] = [];

  add(condition: string, ...values: unknown[]): this {
    this.conditions.push(condition.replace(/\$\?/g, () => `$${this.values.push(values.shift())}`));
    return this;
  }

  /** The conditions joined with AND; TRUE when there are none. */
  get sql(): string {
    return this.conditions.length > 0 ? this.conditions.join(' AND ') : 'TRUE';
  }
}
