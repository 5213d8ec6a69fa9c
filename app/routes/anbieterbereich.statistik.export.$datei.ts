import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireProviderStaff } from '~/auth/guard.server';
import { exportFileName, reportCsv, reportJson } from '~/modules/planning/export.server';
import { providerStatistics, ReportInputError } from '~/modules/planning/provider-statistics.server';
import { throwAsResponse } from '~/utils/http.server';

/** The provider's own figures as CSV or JSON: /anbieterbereich/statistik/export/statistik.csv?zeitraum=… */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireProviderStaff(request, context, 'read:provider:own');
  const format = params.datei === 'statistik.csv' ? 'csv' : params.datei === 'statistik.json' ? 'json' : null;
  if (!format) throw new Response('Not Found', { status: 404 });
  const url = new URL(request.url);
  const language = url.searchParams.get('sprache') === 'en' ? 'en' : 'de';
  const view = await providerStatistics(user.membership.providerId, url.searchParams.get('zeitraum')).catch(
    (error: unknown) => {
      if (error instanceof ReportInputError)
        throw new Response('bad request: period', { status: 400, headers: { 'Content-Type': 'text/plain' } });
      return throwAsResponse(error);
    },
  );
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
