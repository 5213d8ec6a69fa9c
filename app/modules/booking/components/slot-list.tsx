import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock, formatDate, formatDay } from '~/utils/format';

export interface ListedSlot {
  start: string; // ISO with offset
  end: string;
}

/** Slots grouped by local day (the ISO string's date is Berlin's, as the server wrote it). */
function byDay(slots: ListedSlot[]): [string, ListedSlot[]][] {
  const days = new Map<string, ListedSlot[]>();
  for (const s of slots) {
    const day = s.start.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), s]);
  }
  return [...days.entries()];
}

/**
 * Free slots as a plain list grouped by day — headings and links, which a screen reader
 * lists and a keyboard walks, instead of a calendar grid. Each link's name carries the
 * whole date, so it makes sense out of context. A link only chooses: booking and moving
 * each ask for a confirmation on the page it opens.
 */
export function SlotList({
  slots,
  headingLevel = 3,
  hrefFor,
}: {
  slots: ListedSlot[];
  headingLevel?: 2 | 3;
  hrefFor: (slot: ListedSlot) => string;
}) {
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const days = byDay(slots);
  return (
    <div className="kern-stack-sm ww-slots">
      {days.map(([day, daySlots]) => {
        const id = `day-${day}`;
        const dayName = formatDay(daySlots[0]!.start, lng);
        return (
          <section key={day} aria-labelledby={id}>
            <Heading className="kern-heading-small" id={id}>
              {dayName}
            </Heading>
            <ul className="ww-slot-list">
              {daySlots.map((s) => {
                const time = formatClock(s.start, lng);
                return (
                  <li key={s.start}>
                    <a
                      className="kern-btn kern-btn--secondary ww-slot"
                      href={hrefFor(s)}
                      aria-label={t('booking.slotLabel', { day: dayName, time })}
                    >
                      <span className="kern-label">{time}</span>
                    </a>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/** Earlier and later weeks of slots, as plain links (the week's start in the URL). */
function WeekPager({ previous, next }: { previous: string | null; next: string | null }) {
  const { t } = useTranslation('counselling');
  return (
    <nav aria-label={t('booking.weeks')} className="ww-week-pager">
      <ul className="kern-list ww-inline-list">
        {previous ? (
          <li>
            <a className="kern-link" href={previous}>
              {t('booking.previousWeek')}
            </a>
          </li>
        ) : null}
        {next ? (
          <li>
            <a className="kern-link" href={next}>
              {t('booking.nextWeek')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/**
 * A week of free slots as the booking pages show it: a heading with the dates, what the
 * page adds (`children`), the slots by day or "none this week" with a jump to the week of
 * the first free slot, and the week paging.
 */
export function SlotWeek({
  week,
  weekHref,
  hrefFor,
  sayWhenEmpty = true,
  firstFreeWeekHref,
  children,
}: {
  week: { from: string; to: string; previous: string | null; next: string | null; slots: ListedSlot[] };
  /** The page's URL for the week starting on that Monday. */
  weekHref: (monday: string) => string;
  hrefFor: (slot: ListedSlot) => string;
  sayWhenEmpty?: boolean;
  /** The page's URL for the week with the first free slot, offered when this one has none. */
  firstFreeWeekHref?: string;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  return (
    <section aria-labelledby="slots-heading" className="kern-stack-sm">
      <h2 id="slots-heading" className="kern-heading-medium">
        {t('booking.slotsHeading', {
          from: formatDate(week.from, lng, 'long'),
          to: formatDate(week.to, lng, 'long'),
        })}
      </h2>
      {children}
      {week.slots.length ? (
        <SlotList slots={week.slots} hrefFor={hrefFor} />
      ) : sayWhenEmpty ? (
        <p className="kern-body">
          {t('booking.noSlotsThisWeek')}{' '}
          {firstFreeWeekHref ? (
            <a className="kern-link" href={firstFreeWeekHref}>
              {t('booking.toFirstFreeWeek')}
            </a>
          ) : null}
        </p>
      ) : null}
      <WeekPager
        previous={week.previous ? weekHref(week.previous) : null}
        next={week.next ? weekHref(week.next) : null}
      />
    </section>
  );
}
