import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, replyOf, SelectField, TextareaField, useAppForm } from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { requireCase } from '~/modules/cases/access.server';
import { colleaguesOf, handOver, setDeputy } from '~/modules/cases/cases.server';
import { CaseHeader } from '~/modules/cases/components/case-header';
import { loadFile } from '~/modules/cases/file.server';
import { formAction, headerOf } from '~/modules/cases/pages.server';
import { deputySchema, handoverSchema } from '~/modules/cases/schemas';
import { caseLinks } from '~/modules/cases/styles';
import { type PageFormResult, readForm } from '~/utils/forms.server';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../../db/client.server';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'account'] };

/**
 * Who may read the file: the responsible counsellor names one deputy, or hands the case
 * to a colleague with a reason — their own access ends at once, and the person is told.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCase(request, context, params.id, { read: 'handover' });
  const file = await loadFile(getSql(), actor.row);
  const colleagues = await colleaguesOf(actor);
  return {
    title: await pageTitle(request, 'cases:handover.title'),
    header: headerOf(actor, file),
    role: actor.role,
    colleagues,
    deputy: colleagues.find((c) => c.id === actor.row.deputy_user_id)?.name ?? null,
    deputyId: actor.row.deputy_user_id,
    writable: !file.closedAt && !file.restricted,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireCase(request, context, params.id);
  const form = await readForm(request);
  if (form.get('intent') === 'handover')
    return formAction(
      form,
      'handover',
      handoverSchema,
      (v) => handOver(actor, v.to, v.reason),
      redirect('/team/faelle?uebergeben=1'),
    );
  return formAction(
    form,
    'deputy',
    deputySchema,
    (v) => setDeputy(actor, v.deputy),
    redirect(`/team/faelle/${actor.row.id}/uebergabe`),
  );
}

export default function Handover() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<PageFormResult>();
  const { t } = useTranslation('cases');
  const [deputyForm, df] = useAppForm(deputySchema, 'deputy', replyOf(result, 'deputy'), {
    deputy: d.deputyId ? String(d.deputyId) : undefined,
  });
  const [handoverForm, hf] = useAppForm(handoverSchema, 'handover', replyOf(result, 'handover'));
  const options = d.colleagues.map((c) => ({ value: String(c.id), label: c.name }));
  return (
    <div className="kern-stack ww-case-page">
      <CaseHeader c={d.header} title={t('handover.title')} />
      <p className="kern-body">{t('handover.intro')}</p>
      <p className="kern-body">
        {d.deputy ? t('handover.deputyIs', { name: d.deputy }) : t('handover.noDeputy')}
      </p>
      {d.role === 'responsible' && d.writable ? (
        <>
          <section aria-labelledby="deputy-heading" className="kern-stack-sm">
            <h2 id="deputy-heading" className="kern-heading-medium">
              {t('handover.deputyHeading')}
            </h2>
            <ErrorSummary form={deputyForm} fields={[df.deputy]} />
            <Form method="post" {...getFormProps(deputyForm)} className="kern-stack-sm">
              <input type="hidden" name="intent" value="deputy" />
              <SelectField
                field={df.deputy}
                label={t('handover.deputy')}
                placeholder={t('handover.none')}
                options={options}
              />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t('handover.saveDeputy')}</span>
              </button>
            </Form>
          </section>
          <section aria-labelledby="transfer-heading" className="kern-stack-sm">
            <h2 id="transfer-heading" className="kern-heading-medium">
              {t('handover.transferHeading')}
            </h2>
            <p className="kern-body">{t('handover.transferIntro')}</p>
            <ErrorSummary form={handoverForm} fields={[hf.to, hf.reason]} />
            <Form method="post" {...getFormProps(handoverForm)} className="kern-stack-sm">
              <input type="hidden" name="intent" value="handover" />
              <SelectField
                field={hf.to}
                label={t('handover.to')}
                placeholder={t('handover.choose')}
                options={options}
              />
              <TextareaField
                field={hf.reason}
                label={t('handover.reason')}
                hint={t('handover.reasonHint')}
                rows={3}
                maxLength={1000}
              />
              <button type="submit" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t('handover.submit')}</span>
              </button>
            </Form>
          </section>
        </>
      ) : (
        <p className="kern-body">{t(d.role === 'deputy' ? 'handover.onlyResponsible' : 'handover.notNow')}</p>
      )}
    </div>
  );
}
