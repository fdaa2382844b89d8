import { BadInputError } from '../platform/errors';
import { pageSize } from './limits';

/**
 * Relay cursors: opaque to clients (base64url of a small JSON value), checked when they come back.
 * Each connection orders by one unique key, so the cursor is just that key of the last row.
 */
export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url');
}

export function decodeCursor<T extends string | number>(cursor: string | null | undefined, type: 'string' | 'number'): T | undefined {
  if (cursor == null) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))?.k;
    if (typeof value === type) return value as T;
  } catch {
    // fall through
  }
  throw new BadInputError('after is not a valid cursor', 'after');
}

/** Builds a forward-paginated connection from up to `first + 1` rows. */
export function connection<Row, Node>(rows: Row[], first: number, after: unknown, keyOf: (row: Row) => string | number, toNode: (row: Row) => Node, totalCount: number) {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor(keyOf(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}

/**
 * A Relay connection over a list read whole (lists bounded by nature: a charge point's profiles, a
 * tenant's keys, ...): the cursor is a row's key; `after` a key no longer in the list is refused.
 */
export function listConnection<Row, Node>(
  rows: Row[],
  args: { first?: number | null; after?: string | null },
  keyOf: (row: Row) => string,
  toNode: (row: Row) => Node,
  sizes: { fallback: number; max: number },
) {
  const size = pageSize(args.first, sizes.fallback, sizes.max);
  const afterKey = decodeCursor<string>(args.after, 'string');
  let start = 0;
  if (afterKey !== undefined) {
    const index = rows.findIndex((row) => keyOf(row) === afterKey);
    if (index < 0) throw new BadInputError('after names no row of this list (deleted since?)', 'after');
    start = index + 1;
  }
  return connection(rows.slice(start, start + size + 1), size, args.after, keyOf, toNode, rows.length);
}

/** The key of a row ordered by (time, id): "<ISO time>|<id>", inside an opaque cursor. */
export function timeIdKey(at: Date, id: string): string {
  return `${at.toISOString()}|${id}`;
}

/** The (time, id) a cursor made from `timeIdKey` names; anything else is refused. */
export function decodeTimeIdCursor(cursor: string | null | undefined): { at: Date; id: string } | undefined {
  const key = decodeCursor<string>(cursor, 'string');
  if (key === undefined) return undefined;
  const [time, id] = key.split('|');
  const at = new Date(time);
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(at.getTime())) throw new BadInputError('after is not a valid cursor', 'after');
  return { at, id };
}
