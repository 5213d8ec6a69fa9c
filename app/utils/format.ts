/**
 * Locale-aware formatting for dates, money and distances. Leichte Sprache formats as
 * German; digits are always Western so server and browser render the same text.
 */
import { dateTimeFormat, displayNames, numberFormat } from './intl';

function locale(lng: string): string {
  return lng === 'ls' ? 'de' : lng;
}

export function formatDate(date: string | null, lng: string, style: 'long' | 'medium' = 'medium'): string {
  if (!date) return '';
  // Plain calendar dates: formatted at noon UTC so no time zone can shift the day.
  return dateTimeFormat(locale(lng), {
    dateStyle: style,
    timeZone: 'UTC',
    numberingSystem: 'latn',
  }).format(new Date(`${date.slice(0, 10)}T12:00:00Z`));
}

export function formatDateTime(iso: string, lng: string): string {
  return dateTimeFormat(locale(lng), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
    numberingSystem: 'latn',
  }).format(new Date(iso));
}

export function formatPrice(cents: number, lng: string): string {
  return numberFormat(locale(lng), {
    style: 'currency',
    currency: 'EUR',
    numberingSystem: 'latn',
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}

export function formatNumber(n: number, lng: string): string {
  return numberFormat(locale(lng), { numberingSystem: 'latn', maximumFractionDigits: 1 }).format(n);
}

/** A language's name in the reader's language ("en" → "Englisch"). */
export function languageName(code: string, lng: string): string {
  try {
    return displayNames(locale(lng), { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** ISO weekday (1 = Monday) → short name in the reader's language. */
export function weekdayName(iso: number, lng: string, style: 'short' | 'long' = 'short'): string {
  // 2024-01-01 was a Monday.
  return dateTimeFormat(locale(lng), { weekday: style, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, iso)),
  );
}

/**
 * An appointment's day and times, e.g. "Dienstag, 1. Dezember 2026, 09:00–09:45", always
 * Berlin time and always on the 24-hour clock, like the slot buttons (`formatClock`).
 */
export function formatAppointment(start: Date | string, end: Date | string, lng: string): string {
  return dateTimeFormat(locale(lng), {
    dateStyle: 'full',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone: 'Europe/Berlin',
    numberingSystem: 'latn',
  }).formatRange(new Date(start), new Date(end));
}

/** A local time of day, e.g. "09:00", Berlin time. */
export function formatClock(at: Date | string | number, lng: string): string {
  return dateTimeFormat(locale(lng), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/Berlin',
    numberingSystem: 'latn',
  }).format(new Date(at));
}

/** A local day, e.g. "Dienstag, 1. Dezember", Berlin time. */
export function formatDay(at: Date | string | number, lng: string): string {
  return dateTimeFormat(locale(lng), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'Europe/Berlin',
    numberingSystem: 'latn',
  }).format(new Date(at));
}
