import { useTranslation } from 'react-i18next';

/**
 * Where the person is: "step 2 of 7" and the list of parts, each a link once it can be
 * visited (answers are kept, so jumping back and forth loses nothing).
 */
export function AssessmentProgress({
  steps,
  current,
  answered,
  hrefFor,
}: {
  steps: string[];
  current: string;
  answered: Record<string, boolean>;
  hrefFor: (step: string) => string;
}) {
  const { t } = useTranslation('assessment');
  const index = steps.indexOf(current);
  return (
    <nav aria-labelledby="progress-heading" className="ww-progress ww-noprint">
      <h2 id="progress-heading" className="kern-sr-only">
        {t('progress.label')}
      </h2>
      <p className="kern-body">{t('progress.stepOf', { step: index + 1, total: steps.length })}</p>
      <progress className="ww-progress__bar" max={steps.length} value={index + 1} aria-hidden="true" />
      <ol className="ww-progress__steps kern-body kern-body--small">
        {steps.map((s) => (
          <li key={s}>
            {s === current ? (
              <span aria-current="step">
                <strong>{t(`modules.${s}.title`)}</strong>
              </span>
            ) : (
              <a className="kern-link" href={hrefFor(s)}>
                {t(`modules.${s}.title`)}
              </a>
            )}{' '}
            {s in answered ? (
              <span className="kern-body--muted">
                ({t(answered[s] ? 'progress.answered' : 'progress.open')})
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}
