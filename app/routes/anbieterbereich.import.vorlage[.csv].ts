import type { LoaderFunctionArgs } from '@remix-run/node';
import { CSV_TEMPLATE } from '~/modules/catalogue/import/csv';
import { requireProviderActor } from '~/modules/providers/guard.server';

/** The CSV template with German headers and one example row (UTF-8 with BOM, for Excel). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireProviderActor(request, context, 'create:offer:own');
  return new Response(CSV_TEMPLATE, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="wegweiser-angebote-vorlage.csv"',
    },
  });
}
