import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { Alert, ErrorSummary, replyOf, SelectField, TextareaField, useAppForm } from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { caseLoad, reassignAll, setOfficeReaderNames } from '~/modules/cases/cases.server';
import { buttonAction, formAction, numberOf } from '~/modules/cases/pages.server';
import { reassignSchema } from '~/modules/cases/schemas';
import { caseLinks } from '~/modules/cases/styles';
import { type PageFormResult, readForm } from '~/utils/forms.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'account'] };

/**
 * Admins never read a case. When a counsellor leaves, an admin moves all of their cases
 * to a colleague with a reason (each person is told), seeing only how many there are;
 * and sets per office whether the person's access list names the colleague who read.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'reassign:case:any');
  return { title: await pageTitle(request, 'cases:admin.title'), ...(await caseLoad()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, 'reassign:case:any');
  const form = await readForm(request);
  if (form.get('intent') === 'office')
    return buttonAction(
      'office',
      () =>
        setOfficeReaderNames(admin, numberOf(form.get('office')), form.get('show') === '1', context.clientIp),
      redirect('/admin/faelle'),
    );
  let moved = 0;
  const answer = await formAction(
    form,
    'reassign',
    reassignSchema,
    async (v) => {
      moved = await reassignAll(admin, v, context.clientIp);
    },
    redirect('/admin/faelle'),
  );
  return answer instanceof Response && answer.status === 302
    ? redirect(`/admin/faelle?verschoben=${moved}`)
    : answer;
}

export default function AdminCases() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<PageFormResult>();
  const [search] = useSearchParams();
  const { t } = useTranslation('cases');
  const [form, fields] = useAppForm(reassignSchema, 'reassign', replyOf(result, 'reassign'));
  const moved = search.get('verschoben');
  const people = d.colleagues.map((c) => ({ value: String(c.user_id), label: c.display_name }));
  return (
    <div className="kern-stack ww-case-page">
      <h1 className="kern-heading-large">{t('admin.title')}</h1>
      <AdminNav />
      <p className="kern-body">{t('admin.intro')}</p>
      {moved !== null && !result ? (
        <Alert tone="success">{t('admin.moved', { count: Number(moved) })}</Alert>
      ) : null}
      <section aria-labelledby="load-heading" className="kern-stack-sm">
        <h2 id="load-heading" className="kern-heading-medium">
          {t('admin.load')}
        </h2>
        {d.load.length === 0 ? (
          <p className="kern-body">{t('admin.noCases')}</p>
        ) : (
          <table className="ww-case-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.counsellor')}</th>
                <th scope="col">{t('admin.open')}</th>
                <th scope="col">{t('admin.closed')}</th>
              </tr>
            </thead>
            <tbody>
              {d.load.map((l) => (
                <tr key={l.user_id}>
                  <td>{l.display_name ?? t('admin.deletedAccount')}</td>
                  <td>{l.open}</td>
                  <td>{l.closed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="reassign-heading" className="kern-stack-sm">
        <h2 id="reassign-heading" className="kern-heading-medium">
          {t('admin.reassign')}
        </h2>
        <p className="kern-body">{t('admin.reassignIntro')}</p>
        <ErrorSummary form={form} fields={[fields.from, fields.to, fields.reason]} />
        <Form method="post" {...getFormProps(form)} className="kern-stack-sm">
          <input type="hidden" name="intent" value="reassign" />
          <SelectField
            field={fields.from}
            label={t('admin.from')}
            placeholder={t('handover.choose')}
            options={d.load.map((l) => ({
              value: String(l.user_id),
              label: l.display_name ?? t('admin.deletedAccount'),
            }))}
          />
          <SelectField
            field={fields.to}
            label={t('admin.to')}
            placeholder={t('handover.choose')}
            options={people}
          />
          <TextareaField
            field={fields.reason}
            label={t('handover.reason')}
            hint={t('admin.reasonHint')}
            rows={3}
            maxLength={1000}
          />
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('admin.reassignSubmit')}</span>
          </button>
        </Form>
      </section>
      <section aria-labelledby="offices-heading" className="kern-stack-sm">
        <h2 id="offices-heading" className="kern-heading-medium">
          {t('admin.offices')}
        </h2>
        <p className="kern-body">{t('admin.officesIntro')}</p>
        <ul className="ww-case-list">
          {d.offices.map((o) => (
            <li key={o.id} className="ww-case-item ww-case-actions">
              <span>
                <strong>{o.name}</strong>: {t(o.case_reader_names ? 'admin.showsNames' : 'admin.showsRoles')}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="office" />
                <input type="hidden" name="office" value={o.id} />
                <input type="hidden" name="show" value={o.case_reader_names ? '0' : '1'} />
                <button type="submit" className="kern-btn kern-btn--tertiary">
                  <span className="kern-label">
                    {t(o.case_reader_names ? 'admin.hideNames' : 'admin.showNames', { office: o.name })}
                  </span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
