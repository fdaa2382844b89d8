import { BadInputError } from '../platform/errors';

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
