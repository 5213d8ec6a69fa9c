import type { LoaderFunctionArgs } from '@remix-run/node';
import { requirePermission } from '~/auth/guard.server';
import { exportMyData } from '~/modules/accounts/accounts.server';

/** Everything stored about the signed-in person, as a JSON download (Art. 15 and 20 DSGVO). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read:account:own');
  const body = await exportMyData(user.id, context.clientIp);
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="wegweiser-meine-daten.json"',
      'Cache-Control': 'no-store',
    },
  });
}
