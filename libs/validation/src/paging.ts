import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { Optional } from './fields';

/**
 * Lists come a page at a time, newest first. A page's position is an opaque cursor: the creation time
 * (as PostgreSQL's text, so no precision is lost) and the id of the last row, base64url-encoded. Over
 * HTTP the body stays the list itself and the next page is the standard `Link: <...>; rel="next"`.
 */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

export interface Page<T> {
  items: T[];
  /** The cursor of the next page; null on the last. */
  next: string | null;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** What a cursor Hotseat made looks like (base64url); its content is checked where it is read. */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;

const CURSOR_MESSAGE = 'cursor must be the cursor from the Link header of the previous page';

/** `?limit=&cursor=` on a list route. */
export class PageQuery implements PageRequest {
  @Optional()
  @Type(() => Number)
  @IsInt({ message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  limit?: number;

  @Optional()
  @Matches(CURSOR_PATTERN, { message: CURSOR_MESSAGE })
  cursor?: string;
}

/** Where a page starts: after this row, in (created_at, id) descending order. */
export interface Position {
  /** created_at as PostgreSQL's text. */
  createdAt: string;
  id: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

/**
 * The keyset condition, for SqlWhere, of the rows after `cursor` in a newest-first list ordered by
 * `created_at DESC, id DESC` of the table `alias` (`'c.'`, or `''` for an unaliased one).
 */
export function olderThan(cursor: string, alias = ''): [string, string, string] {
  const { createdAt, id } = decodeCursor(cursor);
  return [`(${alias}created_at, ${alias}id) < ($?::timestamptz, $?::uuid)`, createdAt, id];
}

/** Whether PostgreSQL's `timestamptz::text` could have written this: a real date and time of day. */
function isRealTimestamp(text: string): boolean {
  const [date, time] = text.split(' ');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute, second] = time.slice(0, 8).split(':').map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return (
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}

/** The position a cursor stands for; 400 for one Hotseat did not make. */
function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?[+-]\d\d(:\d\d)?$/.test(value[0]) &&
      // A shape PostgreSQL would still refuse (month 13, hour 99) is not Hotseat's either.
      isRealTimestamp(value[0]) &&
      typeof value[1] === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value[1])
    ) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // Not base64url JSON: answered below like any other cursor Hotseat did not make.
  }
  throw new BadRequestException(CURSOR_MESSAGE);
}

/**
 * Splits `limit + 1` rows fetched newest first into a page: the extra row only says there is more.
 * `position` reads where a row sits, for the next cursor.
 */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  position: (row: R) => Position,
  view: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { items: shown.map(view), next: more ? encodeCursor(position(shown.at(-1)!)) : null };
}

/** Sends a page as its list, with the next page's address in the Link header. */
export function sendPage<T>(request: Request, response: Response, page: Page<T>): T[] {
  if (page.next !== null) {
    const next = new URL(request.originalUrl, 'http://hotseat');
    next.searchParams.set('cursor', page.next);
    response.setHeader('Link', `<${next.pathname}${next.search}>; rel="next"`);
  }
  return page.items;
}
