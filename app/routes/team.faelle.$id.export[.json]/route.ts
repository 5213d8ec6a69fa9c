import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireCase } from '~/modules/cases/access.server';
import { exportFile } from '~/modules/cases/file.server';
import { now } from '~/utils/clock.server';
import { getSql } from '../../../db/client.server';

/** The whole file as JSON for the counsellor (a read like any other: audited as "export"). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCase(request, context, params.id, { read: 'export' });
  const body = { exportedAt: now().toISOString(), case: await exportFile(getSql(), actor.row) };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="fall-${actor.row.id}.json"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
