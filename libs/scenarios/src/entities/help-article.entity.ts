import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A help-center article, copied from its Markdown file at start and searched with full-text search. */
@Entity('help_articles')
// GIN, which TypeORM cannot declare: the migration creates it, and the schema diff leaves it alone.
@Index('help_articles_search_idx', { synchronize: false })
export class HelpArticle {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index()
  @Column({ type: 'text' })
  product!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /** Sanitized HTML of the body. */
  @Column({ type: 'text' })
  html!: string;

  /** Plain text of the body, for search and snippets. */
  @Column({ type: 'text' })
  bodyText!: string;

  /** The words to search, written by HelpCenterService with every save. */
  @Column({ type: 'tsvector', select: false })
  search!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
