import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FilterBar, FilterText } from '~/components/filter-bar';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { listOutbox, outboxAvailable, readOutboxMail } from '~/modules/mail/outbox.server';
import { formatDateTime } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account'] };

/** Development only: the mail the portal "sent" (as .eml files). 404 in production. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!outboxAvailable()) throw new Response('not found', { status: 404 });
  const url = new URL(request.url);
  const id = url.searchParams.get('id');
  const to = url.searchParams.get('to')?.slice(0, 254) ?? '';
  const selected = id ? await readOutboxMail(id) : null;
  if (id && !selected) throw new Response('not found', { status: 404 });
  return {
    title: await pageTitle(request, 'account:outbox.title'),
    to,
    mails: await listOutbox({ to: to || undefined, limit: 100 }),
    selected,
  };
}

export default function Outbox() {
  const { to, mails, selected } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('account');
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('outbox.title')}</h1>
      <p className="kern-body">{t('outbox.intro')}</p>
      {selected ? (
        <article aria-labelledby="mail-subject" className="ww-mail">
          <h2 className="kern-heading-medium" id="mail-subject">
            {selected.subject}
          </h2>
          <p className="kern-body">
            {t('outbox.to')}: {selected.to} · {formatDateTime(selected.date, i18n.language)}
          </p>
          <pre className="ww-mail__body">{selected.text}</pre>
          <p>
            <LocalizedLink className="kern-link" to="/dev/mails">
              {t('outbox.back')}
            </LocalizedLink>
          </p>
        </article>
      ) : (
        <>
          <FilterBar submitLabel={t('admin.filter')}>
            <FilterText id="outbox-to" name="to" label={t('outbox.to')} value={to} maxLength={254} />
          </FilterBar>
          {mails.length === 0 ? <p className="kern-body">{t('outbox.empty')}</p> : null}
          <ul className="kern-list">
            {mails.map((m) => (
              <li key={m.id}>
                <LocalizedLink className="kern-link" to={`/dev/mails?id=${encodeURIComponent(m.id)}`}>
                  {m.subject}
                </LocalizedLink>{' '}
                – {m.to} – {formatDateTime(m.date, i18n.language)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
