import { languageName } from '../../utils/format';
import { dateTimeFormat, numberFormat } from '../../utils/intl';
import { localText } from '../../utils/localized';
import type { Period } from './period';
import type { CellView, ColumnView, Dimension, Label, SectionView, Unit } from './report-model';

/**
 * Words and numbers for the report model, shared by the page and the exports (which use
 * German or English). No server code: the page's components use it too.
 */
export type T = (key: string, options?: Record<string, unknown>) => string;

/** A label's text, and `de` when it is data as written (German) inside another language's page. */
export interface Text {
  text: string;
  lang?: 'de';
}

function locale(lng: string): string {
  return lng === 'ls' ? 'de' : lng;
}

export function formatMonth(ym: string, lng: string, style: 'long' | 'short' = 'long'): string {
  return dateTimeFormat(locale(lng), {
    month: style,
    year: 'numeric',
    timeZone: 'UTC',
    numberingSystem: 'latn',
  }).format(new Date(`${ym}-15T12:00:00Z`));
}

export function periodText(period: Period, t: T, lng: string): string {
  if (period.kind === 'month') return formatMonth(period.from, lng);
  if (period.kind === 'year') return period.code;
  if (period.kind === 'quarter')
    return t('planning:period.quarter', { quarter: period.code.slice(6), year: period.code.slice(0, 4) });
  return t('planning:period.range', { from: formatMonth(period.from, lng), to: formatMonth(period.to, lng) });
}

export function dimText(dim: Dimension, label: Label, t: T, lng: string): Text {
  const code = label.code;
  const data = (text: string | undefined): Text => ({ text: text ?? code, lang: 'de' });
  switch (dim) {
    case 'area':
      return code === '' ? { text: t('planning:dims.area.none') } : data(label.text);
    case 'category':
      return {
        text:
          code === 'none' || code === 'several'
            ? t(`planning:dims.category.${code}`)
            : t(`catalogue:categories.${code}`),
      };
    case 'month':
      return { text: formatMonth(code, lng) };
    case 'topic':
      return { text: (label.names && localText(label.names, lng)) ?? code };
    case 'channel':
      // E-mail is a channel of short counselling only, not of booking.
      return {
        text: code === 'email' ? t('planning:dims.channel.email') : t(`counselling:booking.channels.${code}`),
      };
    case 'caseType':
      return { text: t(`cases:types.${code}`) };
    case 'closeReason':
      return { text: t(`cases:closeReason.${code}`) };
    case 'referralOutcome':
      return { text: t(`referrals:state.${code}`) };
    case 'reason':
      return { text: t(`referrals:reason.${code}`) };
    case 'constraint':
      return { text: t(`referrals:constraint.${code}`) };
    case 'language':
      return { text: languageName(code, lng) };
    case 'goal':
      return { text: t(`assessment:q.goals.options.${code}`) };
    case 'time':
      return { text: code === 'unknown' ? t('planning:dims.time.unknown') : t(`catalogue:times.${code}`) };
    case 'format':
      return { text: t(`catalogue:formats.${code}`) };
    case 'slotPlace': {
      const [, channel, office] = code.split('|') as [string, string, string];
      const topic = (label.names && localText(label.names, lng)) ?? code;
      const how = t(`counselling:booking.channels.${channel}`);
      return { text: office ? `${topic} – ${how}: ${label.text ?? office}` : `${topic} – ${how}` };
    }
    case 'provider':
      return code === 'other' && !label.text ? { text: t('planning:dims.provider.other') } : data(label.text);
    case 'term':
    case 'offer':
    case 'office':
      return data(label.text);
    case 'measure':
      return { text: t(`planning:columns.${code}`) };
    default:
      // outcome, languageGroup, barrier, price, access, durationBand, attainment
      return { text: t(`planning:dims.${dim}.${code}`) };
  }
}

export function columnText(section: SectionView, column: ColumnView, t: T, lng: string): Text {
  if (column.code === 'total') return { text: t('planning:columns.total') };
  if (column.unit === 'count') return dimText(section.colDim, column, t, lng);
  if (column.dim) return dimText(column.dim, column, t, lng);
  return { text: t(`planning:columns.${column.code}`) };
}

/** Measures always carry one decimal, so no measure reads like a small count. */
export function formatMeasure(value: number, unit: Unit, lng: string, separator?: '.' | ','): string {
  const text = numberFormat(locale(lng), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    useGrouping: unit === 'count',
    numberingSystem: 'latn',
  }).format(value);
  return separator ? text.replace(/[.,]/g, separator) : text;
}

export function formatCount(value: number, lng: string): string {
  return numberFormat(locale(lng), { maximumFractionDigits: 0, numberingSystem: 'latn' }).format(value);
}

/** A cell as printed on the page: a number, "< 5", "•", or "–" for a measure with no value. */
export function cellText(cell: CellView, unit: Unit, t: T, lng: string): string {
  if (unit === 'count') {
    if (cell.m === 'small') return t('planning:marks.small');
    if (cell.m === 'hidden') return t('planning:marks.hidden');
    return cell.v === null ? '' : formatCount(cell.v, lng);
  }
  if (cell.v === null) return t('planning:marks.none');
  const number = formatMeasure(cell.v, unit, lng);
  return unit === 'share' ? t('planning:units.share', { value: number }) : number;
}
