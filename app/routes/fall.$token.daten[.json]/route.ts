import type { LoaderFunctionArgs } from '@remix-run/node';
import { personExport } from '~/modules/cases/person.server';
import { AppError, statusFor } from '~/utils/errors';
import { MANAGE_HEADERS } from '~/utils/headers';

/** Everything stored about the case, for the person (Art. 15 and 20 DSGVO), as JSON. */
export async function loader({ params }: LoaderFunctionArgs) {
  const body = await personExport(params.token!).catch((error: unknown) => {
    if (error instanceof AppError)
      throw new Response(error.code, { status: statusFor(error.code), headers: MANAGE_HEADERS });
    throw error;
  });
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      ...MANAGE_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="mein-fall.json"',
    },
  });
}
