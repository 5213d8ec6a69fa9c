import { i18nServer } from '../../i18next.server';
import { columnText, dimText, formatMeasure, periodText, type T } from './labels';
import type { CellView, ColumnView, ReportView, SectionView } from './report-model';

/**
 * A report as CSV or JSON: the same suppressed model the page shows. Stable URLs per
 * report, period and area (`/planung/export/<slug>.csv?zeitraum=2026-Q1&gebiet=mitte`), so
 * a spreadsheet can refresh them. Periods and codes are text; every bare integer is a
 * count; measures are decimals written as text with one decimal, never a bare integer.
 *
 * CSV: one line per cell ("tidy"), German headers (";" and decimal comma, for German
 * spreadsheet programs) or English ones ("," and decimal point), UTF-8 with a BOM.
 */
export type ExportLanguage = 'de' | 'en';
const NAMESPACES = ['planning', 'catalogue', 'counselling', 'assessment', 'cases', 'referrals'] as const;

async function translator(language: ExportLanguage): Promise<T> {
  const t = await i18nServer.getFixedT(language, NAMESPACES);
  return t as unknown as T;
}

const SUPPRESSION = {
  de: 'k≥5: Werte von 1 bis 4 stehen als „< 5“; mit „•“ verdeckte Werte verhindern, dass ein kleiner Wert aus Summen errechnet wird.',
  en: 'k≥5: values from 1 to 4 are written as "< 5"; values hidden as "•" keep a small value from being worked out from totals.',
} as const;

function quote(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

interface CellOut {
  /** The value as the CSV writes it. */
  text: string;
  /** The JSON value: a count, a decimal text, or a suppression marker. */
  json: number | string | { suppressed: '<5' | 'complementary' } | null;
  note: string;
}

function cellOut(cell: CellView, column: ColumnView, t: T, language: ExportLanguage): CellOut {
  if (column.unit === 'count') {
    if (cell.m === 'small')
      return {
        text: t('planning:marks.small'),
        json: { suppressed: '<5' },
        note: t('planning:marks.smallSr'),
      };
    if (cell.m === 'hidden')
      return {
        text: t('planning:marks.hidden'),
        json: { suppressed: 'complementary' },
        note: t('planning:marks.hiddenSr'),
      };
    return { text: String(cell.v ?? 0), json: cell.v ?? 0, note: '' };
  }
  if (cell.v === null) return { text: '', json: null, note: t('planning:marks.noneSr') };
  return {
    text: formatMeasure(cell.v, column.unit, language, language === 'de' ? ',' : '.'),
    json: formatMeasure(cell.v, column.unit, 'en', '.'),
    note: '',
  };
}

function sectionRows(section: SectionView): { code: string; cells: CellView[]; total: boolean }[] {
  const rows = section.rows.map((r, i) => ({ code: r.code, cells: section.cells[i]!, total: false }));
  if (section.totals) rows.push({ code: 'total', cells: section.totals, total: true });
  return rows;
}

export async function reportCsv(view: ReportView, language: ExportLanguage): Promise<string> {
  const t = await translator(language);
  const sep = language === 'de' ? ';' : ',';
  const header =
    language === 'de'
      ? [
          'Bericht',
          'Zeitraum',
          'Gebiet',
          'Stand',
          'Definitionsversion',
          'Abschnitt',
          'Zeile (Code)',
          'Zeile',
          'Spalte (Code)',
          'Spalte',
          'Wert',
          'Einheit',
          'Hinweis',
          'Regel',
        ]
      : [
          'report',
          'period',
          'area',
          'as_of',
          'definition_version',
          'section',
          'row_code',
          'row',
          'column_code',
          'column',
          'value',
          'unit',
          'note',
          'rule',
        ];
  const area = view.area?.name ?? t('planning:filters.wholeRegion');
  const rule = language === 'de' ? 'k≥5, Gegenrechnung verhindert' : 'k≥5, complementary suppression';
  const lines = [header.join(sep)];
  for (const section of view.sections) {
    for (const row of sectionRows(section)) {
      const rowText = row.total
        ? t('planning:columns.total')
        : dimText(section.rowDim, section.rows.find((r) => r.code === row.code)!, t, language).text;
      section.columns.forEach((column, j) => {
        const out = cellOut(row.cells[j]!, column, t, language);
        lines.push(
          [
            view.slug,
            view.period.code,
            area,
            view.asOf.date,
            view.version,
            section.id,
            row.code,
            rowText,
            column.code,
            columnText(section, column, t, language).text,
            out.text,
            column.unit,
            out.note,
            rule,
          ]
            .map((v) => quote(v, sep))
            .join(sep),
        );
      });
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function reportJson(view: ReportView, language: ExportLanguage) {
  const t = await translator(language);
  return {
    report: view.slug,
    title: t(`planning:reports.${view.id}.title`),
    period: {
      code: view.period.code,
      from: view.period.from,
      to: view.period.to,
      label: periodText(view.period, t, language),
    },
    area: view.area ? { code: view.area.code, name: view.area.name } : null,
    asOf: {
      date: view.asOf.date,
      kind: view.asOf.kind === 'nightly' ? 'counted nightly' : 'live from the catalogue',
    },
    periodComplete: !view.openPeriod,
    inhabitants: view.demoInhabitants
      ? 'demo table (generated, not official figures)'
      : 'uploaded by the office',
    definitionVersion: view.version,
    suppression: {
      rule: SUPPRESSION[language],
      small: t('planning:marks.small'),
      hidden: t('planning:marks.hidden'),
    },
    sections: view.sections.map((section) => ({
      id: section.id,
      title: t(`planning:reports.${view.id}.sections.${section.id}.title`),
      rows: section.rows.map((r) => ({ code: r.code, label: dimText(section.rowDim, r, t, language).text })),
      columns: section.columns.map((c) => ({
        code: c.code,
        label: columnText(section, c, t, language).text,
        unit: c.unit,
      })),
      cells: section.cells.map((row) =>
        row.map((cell, j) => cellOut(cell, section.columns[j]!, t, language).json),
      ),
      totals: section.totals?.map((cell, j) => cellOut(cell, section.columns[j]!, t, language).json) ?? null,
    })),
  };
}

/** The file name a download gets: report, period and area, all text. */
export function exportFileName(
  view: Pick<ReportView, 'slug' | 'period' | 'area'>,
  extension: 'csv' | 'json',
) {
  return `wegweiser-${view.slug}-${view.period.code.replace('..', '_')}${view.area ? `-${view.area.code}` : ''}.${extension}`;
}
