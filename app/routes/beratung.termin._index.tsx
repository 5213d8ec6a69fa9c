import type { LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert, ChoiceOption, ErrorText } from '~/components/form';
import { i18nServer, pageTitle } from '~/i18next.server';
import { SlotWeek } from '~/modules/booking/components/slot-list';
import {
  choicesBefore,
  readWizardParams,
  slotHref,
  type WizardParams,
  type WizardStep,
  wizardQuery,
} from '~/modules/booking/wizard';
import { loadWizard } from '~/modules/booking/wizard.server';
import { formatAppointment, languageName } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account'] };

export async function loader({ request }: LoaderFunctionArgs) {
  const lng = await i18nServer.getLocale(request);
  const wizard = await loadWizard(readWizardParams(new URL(request.url)), lng);
  return data(
    { title: await pageTitle(request, 'counselling:booking.title'), lng, ...wizard },
    { status: wizard.errors.length ? 400 : 200 },
  );
}

const STEPS: readonly WizardStep[] = ['topic', 'channel', 'office', 'language', 'slots'];

function Hidden({ params }: { params: WizardParams }) {
  return (
    <>
      {Object.entries(params).map(([k, v]) =>
        v ? <input key={k} type="hidden" name={k} value={v} /> : null,
      )}
    </>
  );
}

/** One answer of a step: a required radio button of the step's GET form. */
function Choice(props: { name: string; value: string; label: string; hint?: string; checked?: boolean }) {
  return <ChoiceOption type="radio" id={`${props.name}-${props.value}`} required {...props} />;
}

function StepForm({
  name,
  legend,
  keep,
  children,
  error,
}: {
  name: string;
  legend: string;
  keep: WizardParams;
  children: React.ReactNode;
  error?: string;
}) {
  const { t } = useTranslation('counselling');
  return (
    <form method="get" action="/beratung/termin" className="kern-stack-sm">
      <Hidden params={keep} />
      <fieldset className="kern-fieldset" aria-describedby={error ? `${name}-error` : undefined}>
        <legend className="kern-label kern-heading-small">{legend}</legend>
        {error ? <ErrorText id={`${name}-error`}>{error}</ErrorText> : null}
        <div className="kern-fieldset__body">{children}</div>
      </fieldset>
      <button type="submit" className="kern-btn kern-btn--primary">
        <span className="kern-label">{t('booking.next')}</span>
      </button>
    </form>
  );
}

export default function BookingWizard() {
  const w = useLoaderData<typeof loader>();
  const { t } = useTranslation('counselling');
  const lng = w.lng;
  const p = w.params;
  const stepIndex = STEPS.indexOf(w.step);
  const steps =
    w.topic && w.channel !== 'in_person' && w.step !== 'channel'
      ? STEPS.filter((s) => s !== 'office')
      : STEPS;
  const errorText = (field: string) =>
    w.errors.includes(field) ? t(`booking.errors.param.${field}`) : undefined;
  // What was chosen so far, with the office and language as the server understood them.
  const chosen = { ...p, stelle: w.office?.slug, sprache: w.language };
  const before = (choice: Parameters<typeof choicesBefore>[0]) => choicesBefore(choice, chosen);
  const hrefFor = (start: string) => slotHref('/beratung/termin/daten', chosen, start);

  return (
    <div className="kern-stack ww-prose">
      <div className="kern-stack-sm">
        <h1 className="kern-heading-large">{t('booking.title')}</h1>
        <p className="kern-body">{t('booking.intro')}</p>
        <p className="kern-body" aria-live="polite">
          {t('booking.stepOf', { step: steps.indexOf(w.step) + 1, total: steps.length })}
        </p>
      </div>

      {w.errors.length ? <Alert tone="danger">{t('booking.errors.paramSummary')}</Alert> : null}

      {stepIndex > 0 && w.topic ? (
        <section aria-labelledby="choices-heading" className="kern-stack-sm">
          <h2 id="choices-heading" className="kern-heading-small">
            {t('booking.yourChoices')}
          </h2>
          <dl className="ww-choices kern-body">
            <dt>{t('booking.topic')}</dt>
            <dd>
              {w.topic.name} (
              <a className="kern-link" href={`/beratung/termin${wizardQuery(before('thema'))}`}>
                {t('booking.change')}
                <span className="kern-sr-only">: {t('booking.topic')}</span>
              </a>
              )
            </dd>
            {w.channel && stepIndex > 1 ? (
              <>
                <dt>{t('booking.channel')}</dt>
                <dd>
                  {t(`booking.channels.${w.channel}`)} (
                  <a className="kern-link" href={`/beratung/termin${wizardQuery(before('kanal'))}`}>
                    {t('booking.change')}
                    <span className="kern-sr-only">: {t('booking.channel')}</span>
                  </a>
                  )
                </dd>
              </>
            ) : null}
            {w.office && stepIndex > 2 ? (
              <>
                <dt>{t('booking.office')}</dt>
                <dd>
                  {w.office.name}, {w.office.street}, {w.office.postcode} {w.office.city} (
                  <a className="kern-link" href={`/beratung/termin${wizardQuery(before('stelle'))}`}>
                    {t('booking.change')}
                    <span className="kern-sr-only">: {t('booking.office')}</span>
                  </a>
                  )
                </dd>
              </>
            ) : null}
            {w.language && stepIndex > 3 ? (
              <>
                <dt>{t('booking.language')}</dt>
                <dd>
                  {languageName(w.language, lng)} (
                  <a className="kern-link" href={`/beratung/termin${wizardQuery(before('sprache'))}`}>
                    {t('booking.change')}
                    <span className="kern-sr-only">: {t('booking.language')}</span>
                  </a>
                  )
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}

      {w.step === 'topic' ? (
        <StepForm
          name="thema"
          legend={t('booking.chooseTopic')}
          keep={before('thema')}
          error={errorText('thema')}
        >
          {w.topics.map((topic) => (
            <Choice
              key={topic.slug}
              name="thema"
              value={topic.slug}
              label={topic.name}
              hint={topic.description}
            />
          ))}
        </StepForm>
      ) : null}

      {w.step === 'channel' && w.topic ? (
        <StepForm
          name="kanal"
          legend={t('booking.chooseChannel')}
          keep={before('kanal')}
          error={errorText('kanal')}
        >
          {w.topic.channels.map((c) => (
            <Choice
              key={c}
              name="kanal"
              value={c}
              label={t(`booking.channels.${c}`)}
              hint={t(`booking.channelHints.${c}`)}
            />
          ))}
        </StepForm>
      ) : null}

      {w.step === 'office' && w.offices ? (
        <StepForm
          name="stelle"
          legend={t('booking.chooseOffice')}
          keep={before('stelle')}
          error={errorText('stelle')}
        >
          {w.offices.map((o) => (
            <Choice
              key={o.slug}
              name="stelle"
              value={o.slug}
              label={o.name}
              hint={`${o.street}, ${o.postcode} ${o.city}. ${o.accessible ? t('accessible') : t('notAccessible')}${
                o.accessibility_note ? ` – ${o.accessibility_note}` : ''
              }`}
            />
          ))}
        </StepForm>
      ) : null}

      {w.step === 'language' && w.languages ? (
        <StepForm
          name="sprache"
          legend={t('booking.chooseLanguage')}
          keep={before('sprache')}
          error={errorText('sprache')}
        >
          {w.languages.map((l) => (
            <Choice
              key={l}
              name="sprache"
              value={l}
              label={languageName(l, lng)}
              checked={l === w.suggestedLanguage}
            />
          ))}
          <p className="kern-hint">{t('languagesNote')}</p>
        </StepForm>
      ) : null}

      {w.step === 'slots' && w.week ? (
        <SlotWeek
          week={w.week}
          weekHref={(monday) =>
            `/beratung/termin${wizardQuery({ ...p, stelle: w.office?.slug, ab: monday })}`
          }
          hrefFor={(s) => hrefFor(s.start)}
          sayWhenEmpty={Boolean(w.week.firstFree)}
        >
          {w.language && !w.week.languageAvailable ? (
            <p className="kern-body">
              {t('booking.noLanguageMatch', { language: languageName(w.language, lng) })}
            </p>
          ) : null}
          {w.week.firstFree ? (
            <p className="kern-body">
              <a className="kern-link" href={hrefFor(w.week.firstFree.start)}>
                {t('booking.firstFree', {
                  when: formatAppointment(w.week.firstFree.start, w.week.firstFree.end, lng),
                })}
              </a>
            </p>
          ) : (
            <Alert tone="info">{t('booking.noSlotsAtAll')}</Alert>
          )}
        </SlotWeek>
      ) : null}
    </div>
  );
}
