import type { LoaderFunctionArgs } from '@remix-run/node';
import { requirePermission } from '~/auth/guard.server';
import { areasCsv } from '~/modules/planning/areas.server';

/** The current inhabitants table in the upload's own format: download, change, upload again. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:planning:any');
  return new Response(await areasCsv(), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="wegweiser-einwohner.csv"',
      'Cache-Control': 'private, no-store',
    },
  });
}
