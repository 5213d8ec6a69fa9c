import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, RadioGroup, replyOf, useAppForm } from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { requireCase } from '~/modules/cases/access.server';
import { closeCase, closingItems } from '~/modules/cases/cases.server';
import { ATTAINMENT, type Attainment, CLOSE_REASONS } from '~/modules/cases/codes';
import { CaseHeader } from '~/modules/cases/components/case-header';
import { loadFile } from '~/modules/cases/file.server';
import { formAction, headerOf } from '~/modules/cases/pages.server';
import { closeSchema } from '~/modules/cases/schemas';
import { caseLinks } from '~/modules/cases/styles';
import { formatDateTime } from '~/utils/format';
import { type PageFormResult, readForm } from '~/utils/forms.server';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../../db/client.server';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'account'] };

/**
 * Evaluation and closing: a reason, and for every core goal and every measure of the
 * plan in force whether it was achieved. Finishing the steps never closes a case; this does.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCase(request, context, params.id, { read: 'close' });
  const sql = getSql();
  const file = await loadFile(sql, actor.row);
  return {
    title: await pageTitle(request, 'cases:close.title'),
    header: headerOf(actor, file),
    items: await closingItems(sql, actor.row.id),
    closed: file.closedAt ? { at: file.closedAt, reason: file.closeReason } : null,
    restricted: file.restricted !== null,
    textLanguage: file.textLanguage,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireCase(request, context, params.id);
  const form = await readForm(request);
  const items = await closingItems(getSql(), actor.row.id);
  const goalIds = items.goals.map((g) => g.id);
  const keys = items.measures.map((m) => m.key);
  return formAction(
    form,
    'close',
    closeSchema(goalIds, keys),
    (v) => {
      const codes = v as unknown as Record<string, Attainment>;
      return closeCase(actor, {
        reason: v.reason,
        goals: Object.fromEntries(goalIds.map((g) => [g, codes[`goal_${g}`]!])),
        measures: Object.fromEntries(keys.map((k) => [k, codes[`measure_${k}`]!])),
      });
    },
    redirect(`/team/faelle/${actor.row.id}/abschluss`),
  );
}

export default function CloseCase() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<PageFormResult>();
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  const schema = closeSchema(
    d.items.goals.map((g) => g.id),
    d.items.measures.map((m) => m.key),
  );
  const [form, fields] = useAppForm(schema, 'close', replyOf(result, 'close'));
  const f = fields as unknown as Record<string, typeof fields.reason>;
  const codeOptions = ATTAINMENT.map((a) => ({ value: a, label: t(`attainment.${a}`) }));
  return (
    <div className="kern-stack ww-case-page">
      <CaseHeader c={d.header} title={t('close.title')} />
      {d.closed ? (
        <p className="kern-body">
          {t('close.closedLine', {
            date: formatDateTime(d.closed.at, lng),
            reason: t(`closeReason.${d.closed.reason}`),
          })}
        </p>
      ) : d.restricted ? null : (
        <>
          <p className="kern-body">{t('close.intro')}</p>
          <ErrorSummary
            form={form}
            fields={[
              fields.reason,
              ...d.items.goals.map((g) => f[`goal_${g.id}`]!),
              ...d.items.measures.map((m) => f[`measure_${m.key}`]!),
            ]}
          />
          <Form method="post" {...getFormProps(form)} className="kern-stack">
            <RadioGroup
              field={fields.reason}
              legend={t('close.reason')}
              options={CLOSE_REASONS.map((r) => ({ value: r, label: t(`closeReason.${r}`) }))}
            />
            {d.items.goals.length ? <h2 className="kern-heading-medium">{t('close.goals')}</h2> : null}
            {d.items.goals.map((g) => (
              <RadioGroup
                key={g.id}
                field={f[`goal_${g.id}`]!}
                legend={
                  <span lang={d.textLanguage} dir="auto">
                    {g.text}
                  </span>
                }
                options={codeOptions}
              />
            ))}
            {d.items.measures.length ? <h2 className="kern-heading-medium">{t('close.measures')}</h2> : null}
            {d.items.measures.map((m) => (
              <RadioGroup
                key={m.key}
                field={f[`measure_${m.key}`]!}
                legend={
                  <span lang={d.textLanguage} dir="auto">
                    {m.goal}
                  </span>
                }
                options={codeOptions}
              />
            ))}
            <p className="kern-body">{t('close.after')}</p>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('close.submit')}</span>
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
