import type { LoaderFunctionArgs } from '@remix-run/node';
import { requirePermission } from '~/auth/guard.server';
import { exportFileName, reportCsv, reportJson } from '~/modules/planning/export.server';
import { ReportInputError, runReport } from '~/modules/planning/reports.server';
import { throwAsResponse } from '~/utils/http.server';

/**
 * A report as a file: /planung/export/<slug>.csv or .json, with ?zeitraum=…&gebiet=…
 * and ?sprache=de|en. The same URL gives the same period and area every time, so a
 * spreadsheet can refresh it.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:planning:any');
  const match = /^([a-z0-9-]+)\.(csv|json)$/.exec(params.datei ?? '');
  if (!match) throw new Response('Not Found', { status: 404 });
  const [, slug, format] = match as unknown as [string, string, 'csv' | 'json'];
  const url = new URL(request.url);
  const language = url.searchParams.get('sprache') === 'en' ? 'en' : 'de';
  const view = await runReport({
    slug,
    period: url.searchParams.get('zeitraum'),
    area: url.searchParams.get('gebiet'),
  }).catch((error: unknown) => {
    if (error instanceof ReportInputError)
      throw new Response(`bad request: ${error.field}`, {
        status: 400,
        headers: { 'Content-Type': 'text/plain' },
      });
    return throwAsResponse(error);
  });
  const headers = {
    'Cache-Control': 'private, no-store',
    'Content-Disposition': `${format === 'csv' ? 'attachment' : 'inline'}; filename="${exportFileName(view, format)}"`,
  };
  if (format === 'csv')
    return new Response(await reportCsv(view, language), {
      headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' },
    });
  return new Response(JSON.stringify(await reportJson(view, language), null, 2), {
    headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
  });
}
