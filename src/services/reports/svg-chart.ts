/**
 * Server-drawn SVG charts as strings: the same markup goes into the pages (readable without
 * JavaScript, printable) and into the weekly digest e-mail. Every text is escaped here; callers pass
 * words already in the reader's language.
 */

export const sentimentColours = { negative: '#d1495b', neutral: '#a3adb8', positive: '#2e9e6b' } as const;
const order = ['negative', 'neutral', 'positive'] as const;

export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface ChartPoint {
  /** Axis label of the period. */
  label: string;
  negative: number;
  neutral: number;
  positive: number;
  /** Net sentiment, -1..1. */
  net: number;
  /** Tooltip and accessible name of the bar. */
  title: string;
  /** The mentions behind the bar. */
  href?: string;
}

export interface ChartText {
  id: string;
  title: string;
  desc: string;
  xLabel: string;
  yLabel: string;
  netLabel: string;
  formatNumber: (n: number) => string;
  /** Drawing size and text size: the pages' defaults (1100 by 300, 12) are too wide for a mail column. */
  width?: number;
  height?: number;
  fontSize?: number;
}

/** 1, 2, 5 times a power of ten: axis steps a person reads at a glance. */
function niceStep(raw: number): number {
  if (raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

/** Stacked bars per period (negative, neutral, positive) with the net sentiment line on a -1..1 axis. */
export function sentimentChartSvg(points: ChartPoint[], t: ChartText): string {
  const width = t.width ?? 1100;
  const height = t.height ?? 300;
  const m = { left: 52, right: 52, top: 16, bottom: 48 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const totals = points.map((d) => d.negative + d.neutral + d.positive);
  const step = niceStep(Math.max(1, ...totals) / 4);
  const yMax = Math.max(step, Math.ceil(Math.max(1, ...totals) / step) * step);
  const y = (n: number) => m.top + plotH - (n / yMax) * plotH;
  const yNet = (v: number) => m.top + plotH - ((v + 1) / 2) * plotH;
  const slot = plotW / Math.max(1, points.length);
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  const labelEvery = Math.max(1, Math.ceil(points.length / 10));
  const parts: string[] = [];
  parts.push(
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${t.id}-t ${t.id}-d" xmlns="http://www.w3.org/2000/svg" font-family="Arial, Helvetica, sans-serif" font-size="${t.fontSize ?? 12}">`,
    `<title id="${t.id}-t">${esc(t.title)}</title><desc id="${t.id}-d">${esc(t.desc)}</desc>`,
  );
  for (let tick = 0; tick <= yMax; tick += step) {
    parts.push(
      `<line x1="${m.left}" x2="${width - m.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e2e6eb"/>`,
      `<text x="${m.left - 6}" y="${y(tick) + 4}" text-anchor="end" fill="#4a5563">${esc(t.formatNumber(tick))}</text>`,
    );
  }
  for (const v of [-1, 0, 1]) {
    parts.push(
      `<text x="${width - m.right + 6}" y="${yNet(v) + 4}" fill="#1f4e79">${v > 0 ? '+1' : String(v)}</text>`,
    );
  }
  points.forEach((d, i) => {
    const x = m.left + i * slot + (slot - barW) / 2;
    let base = 0;
    const rects = order
      .map((k) => {
        const n = d[k];
        const top = y(base + n);
        const h = y(base) - top;
        base += n;
        return n > 0
          ? `<rect x="${x}" y="${top}" width="${barW}" height="${h}" fill="${sentimentColours[k]}"/>`
          : '';
      })
      .join('');
    // A full-height transparent target: a quiet period is as easy to hover and click as a busy one.
    const target = `<rect x="${m.left + i * slot}" y="${m.top}" width="${slot}" height="${plotH}" fill="transparent"/>`;
    const label =
      i % labelEvery === 0
        ? `<text x="${x + barW / 2}" y="${height - m.bottom + 16}" text-anchor="middle" fill="#4a5563">${esc(d.label)}</text>`
        : '';
    const group = `<g class="bar-group"><title>${esc(d.title)}</title>${rects}${target}${label}</g>`;
    parts.push(d.href ? `<a href="${esc(d.href)}" aria-label="${esc(d.title)}">${group}</a>` : group);
  });
  // The net line breaks over empty periods: no mention is not a neutral mood.
  const segments: string[][] = [[]];
  points.forEach((d, i) => {
    const current = segments[segments.length - 1] as string[];
    if (d.negative + d.neutral + d.positive === 0) {
      if (current.length > 0) segments.push([]);
      return;
    }
    current.push(`${(m.left + i * slot + slot / 2).toFixed(1)},${yNet(d.net).toFixed(1)}`);
  });
  for (const seg of segments) {
    if (seg.length === 1) {
      const [cx, cy] = (seg[0] as string).split(',');
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="#1f4e79"/>`);
    } else if (seg.length > 1) {
      parts.push(
        `<polyline points="${seg.join(' ')}" fill="none" stroke="#1f4e79" stroke-width="2" stroke-dasharray="5 3"/>`,
      );
    }
  }
  parts.push(
    `<line x1="${m.left}" x2="${width - m.right}" y1="${y(0)}" y2="${y(0)}" stroke="#9aa5b1"/>`,
    `<text x="${m.left + plotW / 2}" y="${height - 8}" text-anchor="middle" fill="#4a5563">${esc(t.xLabel)}</text>`,
    `<text x="14" y="${m.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 14 ${m.top + plotH / 2})" fill="#4a5563">${esc(t.yLabel)}</text>`,
    `<text x="${width - 10}" y="${m.top + plotH / 2}" text-anchor="middle" transform="rotate(90 ${width - 10} ${m.top + plotH / 2})" fill="#1f4e79">${esc(t.netLabel)}</text>`,
    '</svg>',
  );
  return parts.join('');
}
