import { useTranslation } from 'react-i18next';
import { cellText, columnText, dimText, type Text } from '../labels';
import type { CellView, ColumnView, SectionView } from '../report-model';
import { SectionChart } from './charts';

function Lang({ text }: { text: Text }) {
  return text.lang ? <span lang={text.lang}>{text.text}</span> : text.text;
}

/** One cell: small and hidden counts say what they are to screen readers too. */
function Cell({ cell, column }: { cell: CellView; column: ColumnView }) {
  const { t, i18n } = useTranslation('planning');
  const text = cellText(cell, column.unit, t, i18n.language);
  if (column.unit === 'count' && (cell.m === 'small' || cell.m === 'hidden'))
    return (
      <td className="kern-table__cell ww-num">
        <span aria-hidden="true">{text}</span>
        <span className="kern-sr-only">{t(cell.m === 'small' ? 'marks.smallSr' : 'marks.hiddenSr')}</span>
      </td>
    );
  if (column.unit !== 'count' && cell.v === null)
    return (
      <td className="kern-table__cell ww-num">
        <span aria-hidden="true">{text}</span>
        <span className="kern-sr-only">{t('marks.noneSr')}</span>
      </td>
    );
  return <td className="kern-table__cell ww-num">{text}</td>;
}

/**
 * A report section: heading, what it shows, the chart and the table beside it (the same
 * suppressed figures), notes. The table scrolls on its own on narrow screens, reachable
 * by keyboard; the page never scrolls sideways.
 */
export function ReportSection({ report, section }: { report: string; section: SectionView }) {
  const { t, i18n } = useTranslation('planning');
  const lng = i18n.language;
  const base = `reports.${report}.sections.${section.id}`;
  const title = t(`${base}.title`);
  const headingId = `${section.id}-heading`;
  const tableId = `${section.id}-table`;
  return (
    <section aria-labelledby={headingId} className="kern-stack ww-report-section">
      <h2 className="kern-heading-medium" id={headingId}>
        {title}
      </h2>
      <p className="kern-body">{t(`${base}.definition`)}</p>
      {section.rows.length === 0 ? (
        <p className="kern-body">{t('empty')}</p>
      ) : (
        <div className="ww-report-section__body">
          <SectionChart section={section} title={title} />
          {/* biome-ignore lint/a11y/useSemanticElements: a section would add a landmark per table; the region names the table's scroll box only. */}
          <div
            className="ww-table-scroll ww-report-table"
            role="region"
            aria-labelledby={tableId}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard (axe: scrollable-region-focusable).
            tabIndex={0}
          >
            <table className="kern-table kern-table--small">
              <caption id={tableId} className="kern-sr-only">
                {t('tableCaption', { title })}
              </caption>
              <thead>
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t(`dimensions.${section.rowDim}`)}
                  </th>
                  {section.columns.map((c) => (
                    <th scope="col" className="kern-table__header ww-num" key={c.code}>
                      <Lang text={columnText(section, c, t, lng)} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {section.rows.map((row, i) => (
                  <tr className="kern-table__row" key={row.code}>
                    <th scope="row" className="kern-table__header">
                      <Lang text={dimText(section.rowDim, row, t, lng)} />
                    </th>
                    {section.cells[i]!.map((cell, j) => (
                      <Cell key={section.columns[j]!.code} cell={cell} column={section.columns[j]!} />
                    ))}
                  </tr>
                ))}
              </tbody>
              {section.totals ? (
                <tfoot className="kern-table__footer">
                  <tr className="kern-table__row">
                    <th scope="row" className="kern-table__header">
                      {t('columns.total')}
                    </th>
                    {section.totals.map((cell, j) => (
                      <Cell key={section.columns[j]!.code} cell={cell} column={section.columns[j]!} />
                    ))}
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </div>
        </div>
      )}
      {section.notes.length > 0 ? (
        <ul className="kern-list ww-report-notes">
          {section.notes.map((n) => (
            <li key={n}>{t(`notes.${n}`)}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
