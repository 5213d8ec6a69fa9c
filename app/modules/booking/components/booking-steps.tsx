import { useTranslation } from 'react-i18next';
import { operator } from '~/config/operator';
import { formatClock, formatDay } from '~/utils/format';
import { STEP_NUMBER, TOTAL_STEPS } from '../wizard';

/**
 * Where the person is in the booking: "Beratungstermin buchen – Schritt 4 von 7". The
 * number of a page never changes with the way there; when the office step was skipped
 * (by phone or video), the pages after it say so.
 */
export function BookingSteps({
  step,
  officeSkipped = false,
}: {
  step: keyof typeof STEP_NUMBER;
  officeSkipped?: boolean;
}) {
  const { t } = useTranslation('counselling');
  const n = STEP_NUMBER[step];
  return (
    <div className="ww-booking-steps">
      <p className="kern-preline">
        {t('booking.title')} – {t('booking.stepOf', { step: n, total: TOTAL_STEPS })}
      </p>
      {officeSkipped && n > STEP_NUMBER.office ? (
        <p className="kern-body kern-body--small">
          {t('booking.officeSkipped', { step: STEP_NUMBER.office })}
        </p>
      ) : null}
    </div>
  );
}

/** "Montag, 12. Mai, 09:00 Uhr": a slot's start as the slot buttons name it. */
export function useSlotLabel() {
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  return (start: string) =>
    t('booking.slotLabel', { day: formatDay(start, lng), time: formatClock(start, lng) });
}

/** A phone number or e-mail address inside any text: always left to right, also in Arabic. */
export function Ltr({ children }: { children: string }) {
  return <bdi dir="ltr">{children}</bdi>;
}

/** A phone number as a link to call (digits and + only in the address). */
export function PhoneLink({ phone }: { phone: string }) {
  return (
    <a className="kern-link" href={`tel:${phone.replace(/[^+\d]/g, '')}`}>
      <Ltr>{phone}</Ltr>
    </a>
  );
}

/** "Or call us: 0561 0000000" — for every message that sends the person to the telephone. */
export function CallUs() {
  const { t } = useTranslation('counselling');
  return (
    <>
      {t('booking.callUs')} <PhoneLink phone={operator.phone} />
    </>
  );
}
