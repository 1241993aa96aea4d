import { formatDay, formatNumber } from './i18n';
import type { View } from './view';

export interface DayCounts {
  day: string;
  negative: number;
  neutral: number;
  positive: number;
}

/** Fixed colours: SVG presentation attributes cannot read CSS variables. */
export const sentimentColours = { negative: '#d1495b', neutral: '#a3adb8', positive: '#2e9e6b' } as const;
const order = ['negative', 'neutral', 'positive'] as const;

/** 1, 2, 5 times a power of ten: axis steps a person reads at a glance. */
function niceStep(raw: number): number {
  if (raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

/** Stacked bars per day, drawn on the server: readable without JavaScript, with a title per bar. */
export function SentimentChart({ v, days, periodDays }: { v: View; days: DayCounts[]; periodDays: number }) {
  // About the width of the panel on a desktop screen, so 11px labels stay 11px.
  const width = 1100;
  const height = 280;
  const m = { left: 48, right: 12, top: 14, bottom: 44 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const totals = days.map((d) => d.negative + d.neutral + d.positive);
  const step = niceStep(Math.max(1, ...totals) / 4);
  const yMax = Math.max(step, Math.ceil(Math.max(1, ...totals) / step) * step);
  const ticks: number[] = [];
  for (let y = 0; y <= yMax; y += step) ticks.push(y);
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  const labelEvery = Math.max(1, Math.ceil(days.length / 10));
  const y = (n: number) => m.top + plotH - (n / yMax) * plotH;
  const titleId = 'chart-title';
  const descId = 'chart-desc';
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={titleId}>{v.t('reports.chartTitle', { n: periodDays })}</title>
      <desc id={descId}>{v.t('reports.chartDesc')}</desc>
      {ticks.map((tick) => (
        <g>
          <line
            x1={m.left}
            x2={width - m.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke="#e2e6eb"
            stroke-width="1"
          />
          <text x={m.left - 6} y={y(tick) + 4} text-anchor="end">
            {formatNumber(v.locale, tick)}
          </text>
        </g>
      ))}
      {days.map((d, i) => {
        const x = m.left + i * slot + (slot - barW) / 2;
        let base = 0;
        return (
          <g>
            <title>
              {v.t('reports.barTitle', {
                day: formatDay(v.locale, d.day),
                negative: d.negative,
                neutral: d.neutral,
                positive: d.positive,
              })}
            </title>
            {order.map((k) => {
              const n = d[k];
              const top = y(base + n);
              const h = y(base) - top;
              base += n;
              return n > 0 ? <rect x={x} y={top} width={barW} height={h} fill={sentimentColours[k]} /> : null;
            })}
            {/* An invisible full-height target, so days with few mentions still show their title. */}
            <rect x={m.left + i * slot} y={m.top} width={slot} height={plotH} fill="transparent" />
            {i % labelEvery === 0 ? (
              <text x={x + barW / 2} y={height - m.bottom + 16} text-anchor="middle">
                {formatDay(v.locale, d.day)}
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={m.left} x2={width - m.right} y1={y(0)} y2={y(0)} stroke="#9aa5b1" stroke-width="1" />
      <text x={m.left + plotW / 2} y={height - 6} text-anchor="middle">
        {v.t('reports.day')}
      </text>
      <text
        x={14}
        y={m.top + plotH / 2}
        text-anchor="middle"
        transform={`rotate(-90 14 ${m.top + plotH / 2})`}
      >
        {v.t('reports.mentions')}
      </text>
    </svg>
  );
}

export function Legend({ v }: { v: View }) {
  return (
    <ul class="legend">
      {order.map((k) => (
        <li>
          <span class="swatch" style={`background:${sentimentColours[k]}`} />
          {v.label('sentiment', k)}
        </li>
      ))}
    </ul>
  );
}
