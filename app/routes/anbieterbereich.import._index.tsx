import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { BackToProviderArea } from '~/modules/providers/components/back-link';
import { requireProviderActor } from '~/modules/providers/guard.server';
import {
  checkUpload,
  ImportFileRejected,
  importHistory,
  MAX_UPLOAD_BYTES,
} from '~/modules/providers/imports.server';
import { IMPORT_FORMATS } from '~/modules/providers/schemas';
import { formatDateTime, formatNumber } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'create:offer:own');
  const history = await importHistory(actor.providerId);
  return {
    title: await pageTitle(request, 'provider:import.title'),
    history: history.map((h) => ({
      id: h.id,
      filename: h.filename,
      status: h.status,
      createdAt: h.createdAt.toISOString(),
      counts: (h.result ?? h.plan) as {
        created?: number;
        updated?: number;
        archived?: number;
        rejected?: number;
      },
    })),
  };
}

type ActionResult = {
  error: 'empty' | 'tooLarge' | 'format' | 'unsupported' | 'noFile';
  /** Why the file can't be read, with its values (line, column, element, …). */
  code?: string;
  params?: Record<string, string | number>;
  /** How the file was read, when the content was another format than the one chosen. */
  format?: string;
  chosen?: string;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'create:offer:own');
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return data<ActionResult>({ error: 'tooLarge' }, { status: 413 });
    return data<ActionResult>({ error: 'noFile' }, { status: 400 });
  }
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0)
    return data<ActionResult>({ error: 'noFile' }, { status: 400 });
  try {
    const id = await checkUpload(actor, {
      filename: file.name || 'upload',
      content: await file.text(),
      format: String(form.get('format') ?? 'auto'),
      fullImport: form.get('full') === 'on',
    });
    return redirect(`/anbieterbereich/import/${id}`);
  } catch (error) {
    if (error instanceof ImportFileRejected)
      return data<ActionResult>(
        {
          error: error.reason,
          code: error.code,
          params: error.params,
          ...(error.chosen ? { format: error.format, chosen: error.chosen } : {}),
        },
        { status: error.reason === 'tooLarge' ? 413 : 400 },
      );
    throw error;
  }
}

export default function ImportStart() {
  const { history } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t, i18n } = useTranslation('provider');
  const ta = useTranslation('account').t;
  const lng = i18n.language;
  return (
    <div className="kern-stack">
      <BackToProviderArea />
      <h1 className="kern-heading-large">{t('import.title')}</h1>
      <p className="kern-body">{t('import.intro')}</p>
      {result ? (
        <div
          className="kern-alert kern-alert--danger"
          role="alert"
          aria-labelledby="import-error"
          tabIndex={-1}
        >
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <h2 className="kern-title" id="import-error">
              {ta('errors.summaryTitle')}
            </h2>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">
              <a className="kern-link" href="#import-file">
                {t(`import.errors.${result.error}`)}
              </a>
            </p>
            {result.code ? (
              <p className="kern-body">{t(`import.fileErrors.${result.code}`, result.params ?? {})}</p>
            ) : null}
            {result.chosen && result.format ? (
              <p className="kern-body">
                {t('import.readAs', {
                  format: t(`import.formatNames.${result.format}`),
                  chosen: t(`import.formatNames.${result.chosen}`),
                })}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
      <p className="kern-body">
        <a className="kern-link" href="/anbieterbereich/import/vorlage.csv" download>
          {t('import.template')}
        </a>
      </p>
      <Form method="post" encType="multipart/form-data" className="ww-narrow kern-stack">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="import-format">
            {t('import.format')}
          </label>
          <div className="kern-hint" id="import-format-hint">
            {t('import.formatHint')}
          </div>
          <div className="kern-form-input__select-wrapper">
            <select
              className="kern-form-input__select"
              id="import-format"
              name="format"
              defaultValue="auto"
              aria-describedby="import-format-hint"
            >
              {['auto', ...IMPORT_FORMATS].map((f) => (
                <option key={f} value={f}>
                  {t(`import.formats.${f}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className={`kern-form-input${result ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor="import-file">
            {t('import.file')}
          </label>
          <div className="kern-hint" id="import-file-hint">
            {t('import.fileHint')}
          </div>
          <input
            className="kern-form-input__input"
            id="import-file"
            name="file"
            type="file"
            accept=".xml,.json,.jsonld,.csv,.txt,application/xml,text/xml,application/json,application/ld+json,text/csv"
            aria-describedby="import-file-hint"
            aria-invalid={result ? true : undefined}
          />
        </div>
        <div className="kern-form-check">
          <input
            className="kern-form-check__input"
            type="checkbox"
            id="import-full"
            name="full"
            aria-describedby="import-full-hint"
          />
          <label className="kern-label" htmlFor="import-full">
            {t('import.full')}
          </label>
          <div className="kern-hint" id="import-full-hint">
            {t('import.fullHint')}
          </div>
        </div>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('import.check')}</span>
        </button>
      </Form>
      <section aria-labelledby="history-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="history-heading">
          {t('import.history')}
        </h2>
        {history.length === 0 ? <p className="kern-body">{t('import.noHistory')}</p> : null}
        {history.length > 0 ? (
          <div className="ww-table-scroll">
            <table className="kern-table ww-table">
              <caption className="kern-sr-only">{t('import.history')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.when')}</th>
                  <th scope="col">{t('import.file')}</th>
                  <th scope="col">{t('import.state')}</th>
                  <th scope="col">{t('import.counts')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id}>
                    <td>{formatDateTime(h.createdAt, lng)}</td>
                    <th scope="row">
                      <LocalizedLink className="kern-link" to={`/anbieterbereich/import/${h.id}`}>
                        {h.filename}
                      </LocalizedLink>
                    </th>
                    <td>{t(`import.states.${h.status}`)}</td>
                    <td>
                      {t('import.countsLine', {
                        created: formatNumber(h.counts.created ?? 0, lng),
                        updated: formatNumber(h.counts.updated ?? 0, lng),
                        archived: formatNumber(h.counts.archived ?? 0, lng),
                        rejected: formatNumber(h.counts.rejected ?? 0, lng),
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}
