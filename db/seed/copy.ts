import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../client.server';

/**
 * Bulk writes for the demo seed: rows go to PostgreSQL with COPY in its text format, which
 * takes a million offers' runs and sessions (tens of millions of rows) several times faster
 * than INSERTs with bound parameters. Only for the seed's own generated rows.
 */

/** A value in COPY's text format: \N is null, backslash and the separators are escaped. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return escapeText(arrayLiteral(value));
  if (typeof value === 'object') return escapeText(JSON.stringify(value));
  return escapeText(String(value));
}

/** One line of COPY input (tab-separated, newline-terminated). */
export function copyLine(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyValue(values[i]);
  return `${line}\n`;
}

function escapeText(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : text;
}

/** A one-dimensional array literal: every element quoted, so commas, braces and spaces are safe. */
function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) =>
    v === null || v === undefined ? 'NULL' : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`,
  );
  return `{${items.join(',')}}`;
}

/** Writes the rows into `table` with COPY (in the caller's transaction when `db` is one). */
export async function copyRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<void> {
  const target = await db.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
  await pipeline(Readable.from(chunks(rows)), target);
}

/** Lines gathered into pieces of about 256 kB: one write per line would cost more than the encoding. */
function* chunks(rows: Iterable<readonly unknown[]>): Generator<string> {
  let piece = '';
  for (const row of rows) {
    piece += copyLine(row);
    if (piece.length >= 262_144) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/**
 * `n` fresh ids of a table's identity column, in order. COPY (like INSERT … OVERRIDING
 * SYSTEM VALUE) writes the ids given, so the runs can name their offer without a RETURNING.
 */
export async function reserveIds(db: Db, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await db<{ id: number }[]>`
    select nextval(s.seq)::int as id
    from (select pg_get_serial_sequence(${table}, 'id')::regclass as seq) s, generate_series(1, ${n})`;
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
