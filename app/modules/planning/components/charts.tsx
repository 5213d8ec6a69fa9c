import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cellText, columnText, dimText, type Text } from '../labels';
import type { SectionView } from '../report-model';

/**
 * Charts drawn on the server as SVG: no JavaScript, they print, and each has a text
 * alternative (its summary; every figure is in the table beside it). Colours from the
 * Okabe–Ito palette, safe for colour-blind readers, and never the only difference:
 * the second line is dashed with square marks. Labels are HTML text (they wrap, zoom and
 * follow the page's direction); the plots mirror in right-to-left pages.
 */
interface Point {
  label: Text;
  value: number | null;
  display: string;
}

function Lang({ text }: { text: Text }) {
  return text.lang ? <span lang={text.lang}>{text.text}</span> : text.text;
}

function highest(points: Point[]): Point | undefined {
  return points.filter((p) => p.value !== null).sort((a, b) => b.value! - a.value!)[0];
}

/** One bar's track: 100 units wide, stretched to the row (so values scale to the widest). */
function BarSvg({ children }: { children: ReactNode }) {
  return (
    <svg
      className="ww-bars__bar"
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      focusable="false"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

function BarChart({
  id,
  title,
  points,
  compare,
}: {
  id: string;
  title: string;
  points: Point[];
  /** A second bar beside each (same scale, outlined): e.g. a share of offers beside a share of referrals. */
  compare?: { names: [string, string]; points: Point[] };
}) {
  const { t } = useTranslation('planning');
  const top = highest(points);
  const max = Math.max(top?.value ?? 0, highest(compare?.points ?? [])?.value ?? 0);
  const summary = top
    ? t('chart.bars', { title, label: top.label.text, value: top.display })
    : t('chart.empty', { title });
  const bar = (value: number | null, k: 0 | 1) =>
    value !== null && max > 0 ? (
      <rect
        className={k === 0 ? 'ww-chart__fill' : 'ww-chart__fill--1'}
        x={k === 0 ? 0 : 0.5}
        y={k === 0 ? 1 : 1.5}
        width={Math.max(0.5, (value / max) * 100 - (k === 0 ? 0 : 1))}
        height={k === 0 ? 8 : 7}
      />
    ) : null;
  return (
    <figure className="ww-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="ww-chart__caption">
        {summary} {t('chart.tableFollows')}
      </figcaption>
      {compare ? (
        <ul className="ww-chart__legend" aria-hidden="true">
          {compare.names.map((name, k) => (
            <li key={name}>
              <svg viewBox="0 0 30 10" className="ww-chart__key" focusable="false" aria-hidden="true">
                <rect
                  className={k === 0 ? 'ww-chart__fill' : 'ww-chart__fill--1'}
                  x="1"
                  y="1"
                  width="28"
                  height="8"
                />
              </svg>
              {name}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="ww-bars" aria-hidden="true">
        {points.map((p, i) => (
          <div className="ww-bars__row" key={`${p.label.text}`}>
            <span className="ww-bars__label">
              <Lang text={p.label} />
            </span>
            {compare ? (
              <span className="ww-bars__pair">
                <BarSvg>{bar(p.value, 0)}</BarSvg>
                <BarSvg>{bar(compare.points[i]?.value ?? null, 1)}</BarSvg>
              </span>
            ) : (
              <BarSvg>{bar(p.value, 0)}</BarSvg>
            )}
            <span className="ww-bars__value">
              {p.display}
              {compare ? (
                <>
                  <br />
                  {compare.points[i]?.display}
                </>
              ) : null}
            </span>
          </div>
        ))}
      </div>
    </figure>
  );
}

const W = 600;
const H = 200;
const PAD = 12;

function LineChart({
  id,
  title,
  months,
  series,
}: {
  id: string;
  title: string;
  months: Text[];
  series: { name: string; points: Point[] }[];
}) {
  const { t } = useTranslation('planning');
  const all = series.flatMap((s) => s.points);
  const top = highest(all);
  const max = top?.value ?? 0;
  const x = (i: number) => (months.length <= 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (months.length - 1));
  const y = (v: number) => H - PAD - (max > 0 ? (v / max) * (H - 2 * PAD) : 0);
  // A hidden value breaks the line: no line is drawn through a number nobody may see.
  const segments = (points: Point[]) => {
    const out: string[] = [];
    let current: string[] = [];
    points.forEach((p, i) => {
      if (p.value === null) {
        if (current.length) out.push(current.join(' '));
        current = [];
      } else current.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
    });
    if (current.length) out.push(current.join(' '));
    return out;
  };
  const summary = top
    ? t('chart.lines', {
        title,
        from: months[0]?.text ?? '',
        to: months[months.length - 1]?.text ?? '',
        label: top.label.text,
        value: top.display,
      })
    : t('chart.empty', { title });
  return (
    <figure className="ww-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="ww-chart__caption">
        {summary} {t('chart.tableFollows')}
      </figcaption>
      <div aria-hidden="true">
        {series.length > 1 ? (
          <ul className="ww-chart__legend">
            {series.map((s, k) => (
              <li key={s.name}>
                <svg viewBox="0 0 30 10" className="ww-chart__key" focusable="false" aria-hidden="true">
                  <line x1="0" y1="5" x2="30" y2="5" className={`ww-chart__line ww-chart__line--${k}`} />
                </svg>
                {s.name}
              </li>
            ))}
          </ul>
        ) : null}
        <div className="ww-lines">
          <span className="ww-lines__max">{top?.display ?? ''}</span>
          <svg
            className="ww-lines__plot"
            viewBox={`0 0 ${W} ${H}`}
            preserveAspectRatio="none"
            focusable="false"
            aria-hidden="true"
          >
            <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} className="ww-chart__axis" />
            {series.map((s, k) => (
              <g key={s.name}>
                {segments(s.points).map((points) => (
                  <polyline key={points} points={points} className={`ww-chart__line ww-chart__line--${k}`} />
                ))}
                {s.points.map((p, i) =>
                  p.value === null ? null : k === 0 ? (
                    <circle
                      key={p.label.text}
                      cx={x(i)}
                      cy={y(p.value)}
                      r="4"
                      className="ww-chart__mark--0"
                    />
                  ) : (
                    <rect
                      key={p.label.text}
                      x={x(i) - 4}
                      y={y(p.value) - 4}
                      width="8"
                      height="8"
                      className="ww-chart__mark--1"
                    />
                  ),
                )}
              </g>
            ))}
          </svg>
          <span className="ww-lines__from">{months[0]?.text}</span>
          <span className="ww-lines__to">{months.length > 1 ? months[months.length - 1]?.text : ''}</span>
        </div>
      </div>
    </figure>
  );
}

function SmallMultiples({
  id,
  title,
  items,
}: {
  id: string;
  title: string;
  items: { label: Text; points: Point[]; total: string }[];
}) {
  const { t } = useTranslation('planning');
  const max = Math.max(0, ...items.flatMap((i) => i.points.map((p) => p.value ?? 0)));
  return (
    <figure className="ww-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="ww-chart__caption">
        {t('chart.multiples', { title })} {t('chart.tableFollows')}
      </figcaption>
      <ul className="ww-multiples" aria-hidden="true">
        {items.map((item) => {
          const n = item.points.length;
          const px = (i: number) => (n <= 1 ? 60 : 4 + (i * 112) / (n - 1));
          const py = (v: number) => 36 - (max > 0 ? (v / max) * 32 : 0);
          const runs: string[] = [];
          let current: string[] = [];
          item.points.forEach((p, i) => {
            if (p.value === null) {
              if (current.length) runs.push(current.join(' '));
              current = [];
            } else current.push(`${px(i).toFixed(1)},${py(p.value).toFixed(1)}`);
          });
          if (current.length) runs.push(current.join(' '));
          return (
            <li key={item.label.text} className="ww-multiples__item">
              <span className="ww-multiples__name">
                <Lang text={item.label} />
              </span>
              <svg viewBox="0 0 120 40" className="ww-multiples__plot" focusable="false" aria-hidden="true">
                <line x1="4" y1="36" x2="116" y2="36" className="ww-chart__axis" />
                {runs.map((points) => (
                  <polyline key={points} points={points} className="ww-chart__line ww-chart__line--0" />
                ))}
              </svg>
              <span className="ww-multiples__total">{item.total}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

/** The chart of a section, drawn from its (suppressed) table. */
export function SectionChart({ section, title }: { section: SectionView; title: string }) {
  const { t, i18n } = useTranslation('planning');
  const lng = i18n.language;
  const chart = section.chart;
  if (!chart || section.rows.length === 0) return null;
  const id = `chart-${section.id}`;
  const column = (code: string) => section.columns.findIndex((c) => c.code === code);
  const pointsOf = (j: number): Point[] =>
    section.rows.map((row, i) => {
      const cell = section.cells[i]![j]!;
      return {
        label: dimText(section.rowDim, row, t, lng),
        value: cell.v,
        display: cellText(cell, section.columns[j]!.unit, t, lng),
      };
    });
  if (chart.kind === 'bars') {
    const j = column(chart.column);
    if (j < 0) return null;
    const c = chart.compare ? column(chart.compare) : -1;
    const compare =
      c < 0
        ? undefined
        : {
            names: [j, c].map((k) => columnText(section, section.columns[k]!, t, lng).text) as [
              string,
              string,
            ],
            points: pointsOf(c),
          };
    return <BarChart id={id} title={title} points={pointsOf(j)} compare={compare} />;
  }
  if (chart.kind === 'lines') {
    const months = section.rows.map((r) => dimText(section.rowDim, r, t, lng));
    const series = chart.columns
      .map((code) => column(code))
      .filter((j) => j >= 0)
      .map((j) => ({ name: columnText(section, section.columns[j]!, t, lng).text, points: pointsOf(j) }));
    return <LineChart id={id} title={title} months={months} series={series} />;
  }
  // Small multiples: one sparkline per row over the count columns (months), with the row total.
  const months = section.columns.filter((c) => c.unit === 'count' && c.code !== 'total');
  const totalIndex = column('total');
  const items = section.rows.map((row, i) => ({
    label: dimText(section.rowDim, row, t, lng),
    points: months.map((m, j) => ({
      label: { text: m.code },
      value: section.cells[i]![j]!.v,
      display: cellText(section.cells[i]![j]!, 'count', t, lng),
    })),
    total: totalIndex >= 0 ? cellText(section.cells[i]![totalIndex]!, 'count', t, lng) : '',
  }));
  return <SmallMultiples id={id} title={title} items={items} />;
}
