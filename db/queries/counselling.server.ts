import type { Db } from '../client.server';

export interface OfficeRow {
  id: number;
  slug: string;
  name: string;
  street: string;
  postcode: string;
  city: string;
  accessible: boolean;
  accessibility_note: string | null;
  opening_hours: Record<string, [string, string][]>;
  phone: string | null;
  email: string | null;
  /** Offered in the booking (the directory lists every office). */
  active: boolean;
}

export async function listOffices(sql: Db): Promise<OfficeRow[]> {
  return sql<OfficeRow[]>`
    select id, slug, name, street, postcode, city, accessible, accessibility_note, opening_hours, phone, email, active
    from offices order by id`;
}

/** The languages active counsellors speak (ISO codes), most common first. */
export async function counsellingLanguages(sql: Db): Promise<string[]> {
  const rows = await sql<{ language: string }[]>`
    select l as language from counsellors c, unnest(c.languages) l
    where c.active group by l order by count(*) desc, l`;
  return rows.map((r) => r.language);
}

export async function categoryCounts(sql: Db, today: string): Promise<{ category: string; n: number }[]> {
  return sql<{ category: string; n: number }[]>`
    select category, count(distinct offer_id)::int as n
    from search_runs where coalesce(ends_on, starts_on, ${today}::date) >= ${today}::date
    group by category`;
}
