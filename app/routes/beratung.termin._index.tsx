import type { LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert, ChoiceOption, ErrorText } from '~/components/form';
import { i18nServer, pageTitle } from '~/i18next.server';
import { BookingSteps, CallUs, useSlotLabel } from '~/modules/booking/components/booking-steps';
import { SlotWeek } from '~/modules/booking/components/slot-list';
import {
  choicesBefore,
  readWizardParams,
  slotHref,
  type WizardParams,
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
    { title: await pageTitle(request, `counselling:booking.titles.${wizard.step}`), lng, ...wizard },
    { status: wizard.errors.length ? 400 : 200 },
  );
}

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
function Choice(props: {
  name: string;
  value: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  checked?: boolean;
}) {
  return <ChoiceOption type="radio" id={`${props.name}-${props.value}`} required {...props} />;
}

/**
 * One question as its own GET form; the question is the page's heading (the legend
 * holds the h1, as GOV.UK does it), so every step is announced by what it asks.
 */
function StepForm({
  name,
  question,
  keep,
  children,
  hint,
  error,
}: {
  name: string;
  question: string;
  keep: WizardParams;
  children: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
}) {
  const { t } = useTranslation('counselling');
  const described = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ');
  return (
    <form method="get" action="/beratung/termin" className="kern-stack-sm">
      <Hidden params={keep} />
      <fieldset className="kern-fieldset" aria-describedby={described || undefined}>
        <legend className="kern-label">
          <h1 className="kern-heading-large">{question}</h1>
        </legend>
        {hint ? (
          <div className="kern-hint" id={`${name}-hint`}>
            {hint}
          </div>
        ) : null}
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
  const slotLabel = useSlotLabel();
  const lng = w.lng;
  const p = w.params;
  const errorText = (field: string) =>
    w.errors.includes(field) ? t(`booking.errors.param.${field}`) : undefined;
  // What was chosen so far, with the office and language as the server understood them.
  const chosen = { ...p, stelle: w.office?.slug, sprache: w.language };
  const before = (choice: Parameters<typeof choicesBefore>[0]) => choicesBefore(choice, chosen);
  const hrefFor = (start: string) => slotHref('/beratung/termin/daten', chosen, start);
  const nextFree = (start: string) => t('booking.nextFree', { when: slotLabel(start) });
  const changeLink = (choice: Parameters<typeof choicesBefore>[0], what: string) => (
    <a className="kern-link" href={`/beratung/termin${wizardQuery(before(choice))}`}>
      {t('booking.change')}
      <span className="kern-sr-only">: {what}</span>
    </a>
  );

  return (
    <div className="kern-stack ww-prose ww-booking">
      <BookingSteps step={w.step} officeSkipped={Boolean(w.channel && w.channel !== 'in_person')} />

      {w.errors.length ? <Alert tone="danger">{t('booking.errors.paramSummary')}</Alert> : null}

      {w.step === 'topic' ? (
        <StepForm
          name="thema"
          question={t('booking.chooseTopic')}
          keep={before('thema')}
          hint={t('booking.intro')}
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

      {w.step === 'channel' && w.channels ? (
        w.channels.length ? (
          <StepForm
            name="kanal"
            question={t('booking.chooseChannel')}
            keep={before('kanal')}
            error={errorText('kanal')}
            hint={
              w.channelsWithout?.length
                ? t('booking.channelsWithout', {
                    channels: w.channelsWithout.map((c) => t(`booking.channels.${c}`)).join(', '),
                  })
                : undefined
            }
          >
            {w.channels.map(({ channel, first }) => (
              <Choice
                key={channel}
                name="kanal"
                value={channel}
                label={t(`booking.channels.${channel}`)}
                hint={
                  <>
                    {t(`booking.channelHints.${channel}`)}
                    <br />
                    {nextFree(first.start)}
                  </>
                }
              />
            ))}
          </StepForm>
        ) : (
          <NothingFree />
        )
      ) : null}

      {w.step === 'office' && w.offices ? (
        w.offices.length ? (
          <StepForm
            name="stelle"
            question={t('booking.chooseOffice')}
            keep={before('stelle')}
            error={errorText('stelle')}
          >
            {w.offices.map((o) => (
              <Choice
                key={o.slug}
                name="stelle"
                value={o.slug}
                label={<bdi lang="de">{o.name}</bdi>}
                hint={
                  <>
                    <bdi lang="de">{`${o.street}, ${o.postcode} ${o.city}`}</bdi>.{' '}
                    {o.accessible ? t('accessible') : t('notAccessible')}
                    {o.accessibility_note ? (
                      <>
                        {' – '}
                        <span lang="de">{o.accessibility_note}</span>
                      </>
                    ) : null}
                    <br />
                    {nextFree(o.first.start)}
                  </>
                }
              />
            ))}
          </StepForm>
        ) : (
          <NothingFree />
        )
      ) : null}

      {w.step === 'language' && w.languages ? (
        w.languages.length ? (
          <StepForm
            name="sprache"
            question={t('booking.chooseLanguage')}
            keep={before('sprache')}
            error={errorText('sprache')}
            hint={t('booking.languagesWithTime')}
          >
            {w.languages.map(({ language, first }) => (
              <Choice
                key={language}
                name="sprache"
                value={language}
                label={languageName(language, lng)}
                hint={nextFree(first.start)}
                checked={language === w.suggestedLanguage}
              />
            ))}
            <p className="kern-hint">{t('languagesNote')}</p>
          </StepForm>
        ) : (
          <NothingFree />
        )
      ) : null}

      {w.step === 'slots' && w.week ? (
        <>
          <h1 className="kern-heading-large">{t('booking.chooseTime')}</h1>
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
            <Alert tone="info">
              {t('booking.noSlotsAtAll')} <CallUs />
            </Alert>
          )}
          <SlotWeek
            week={w.week}
            weekHref={(monday) =>
              `/beratung/termin${wizardQuery({ ...p, stelle: w.office?.slug, ab: monday })}`
            }
            hrefFor={(s) => hrefFor(s.start)}
            sayWhenEmpty={Boolean(w.week.firstFree)}
            firstFreeWeekHref={
              w.week.firstFree
                ? `/beratung/termin${wizardQuery({ ...chosen, ab: w.week.firstFree.start.slice(0, 10) })}`
                : undefined
            }
          />
        </>
      ) : null}

      {w.topic && w.step !== 'topic' ? (
        <section aria-labelledby="choices-heading" className="kern-stack-sm">
          <h2 id="choices-heading" className="kern-heading-small">
            {t('booking.yourChoices')}
          </h2>
          <dl className="ww-choices kern-body">
            {w.offer ? (
              <>
                <dt>{t('booking.offer')}</dt>
                <dd lang="de">{w.offer.title}</dd>
              </>
            ) : null}
            <dt>{t('booking.topic')}</dt>
            <dd>
              {w.topic.name} ({changeLink('thema', t('booking.topic'))})
            </dd>
            {w.channel && w.step !== 'channel' ? (
              <>
                <dt>{t('booking.channel')}</dt>
                <dd>
                  {t(`booking.channels.${w.channel}`)} ({changeLink('kanal', t('booking.channel'))})
                </dd>
              </>
            ) : null}
            {w.office && (w.step === 'language' || w.step === 'slots') ? (
              <>
                <dt>{t('booking.office')}</dt>
                <dd>
                  <bdi lang="de">
                    {w.office.name}, {w.office.street}, {w.office.postcode} {w.office.city}
                  </bdi>{' '}
                  ({changeLink('stelle', t('booking.office'))})
                </dd>
              </>
            ) : null}
            {w.language && w.step === 'slots' ? (
              <>
                <dt>{t('booking.language')}</dt>
                <dd>
                  {languageName(w.language, lng)} ({changeLink('sprache', t('booking.language'))})
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
    </div>
  );
}

/** A choice without any free time left in the booking window: say so, and how else to get help. */
function NothingFree() {
  const { t } = useTranslation('counselling');
  return (
    <>
      <h1 className="kern-heading-large">{t('booking.nothingFreeTitle')}</h1>
      <Alert tone="info">
        {t('booking.noSlotsAtAll')} <CallUs />
      </Alert>
    </>
  );
}
