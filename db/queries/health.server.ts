import type { Db } from '../client.server';

export async function ping(sql: Db): Promise<void> {
  await sql`select 1`;
}
