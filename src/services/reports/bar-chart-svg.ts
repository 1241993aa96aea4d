import { esc } from './svg-chart';

export interface PairedBar {
  label: string;
  current: number;
  previous: number;
}

export interface PairedBarText {
  id: string;
  title: string;
  desc: string;
  currentLabel: string;
  previousLabel: string;
  formatNumber: (n: number) => string;
  /** 1100 wide with 12px text by default, as on the pages; narrower for a mail column. */
  width?: number;
  fontSize?: number;
}

const currentColour = '#1f4e79';
const previousColour = '#a9bfd6';

/**
 * Horizontal bars, this period over the previous one, one row per label: long topic names stay
 * readable, which vertical bars would have to slant. Same house as svg-chart.ts: escaped text, a
 * title and a description for screen readers, a fixed viewBox that scales.
 */
export function pairedBarsSvg(rows: PairedBar[], t: PairedBarText): string {
  const width = t.width ?? 1100;
  const fontSize = t.fontSize ?? 12;
  const rowH = 30;
  const m = { left: Math.min(220, Math.round(width * 0.26)), right: 70, top: 34, bottom: 8 };
  // Labels longer than their column are cut: the table under the chart has them in full.
  const maxChars = Math.floor((m.left - 12) / (fontSize * 0.55));
  const height = m.top + rowH * Math.max(1, rows.length) + m.bottom;
  const plotW = width - m.left - m.right;
  const max = Math.max(1, ...rows.flatMap((r) => [r.current, r.previous]));
  const len = (n: number) => (n / max) * plotW;
  const parts: string[] = [
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${t.id}-t ${t.id}-d" xmlns="http://www.w3.org/2000/svg" font-family="Arial, Helvetica, sans-serif" font-size="${fontSize}">`,
    `<title id="${t.id}-t">${esc(t.title)}</title><desc id="${t.id}-d">${esc(t.desc)}</desc>`,
    `<rect x="${m.left}" y="8" width="12" height="12" fill="${currentColour}"/>`,
    `<text x="${m.left + 18}" y="18" fill="#4a5563">${esc(t.currentLabel)}</text>`,
    `<rect x="${m.left + 200}" y="8" width="12" height="12" fill="${previousColour}"/>`,
    `<text x="${m.left + 218}" y="18" fill="#4a5563">${esc(t.previousLabel)}</text>`,
  ];
  rows.forEach((r, i) => {
    const y = m.top + i * rowH;
    const label = r.label.length > maxChars ? `${r.label.slice(0, maxChars - 1)}…` : r.label;
    parts.push(
      `<g><title>${esc(`${r.label}: ${t.formatNumber(r.current)} (${t.formatNumber(r.previous)})`)}</title>`,
      `<text x="${m.left - 8}" y="${y + 17}" text-anchor="end" fill="#1f2933">${esc(label)}</text>`,
      `<rect x="${m.left}" y="${y + 3}" width="${len(r.current).toFixed(1)}" height="14" fill="${currentColour}"/>`,
      `<rect x="${m.left}" y="${y + 19}" width="${len(r.previous).toFixed(1)}" height="6" fill="${previousColour}"/>`,
      `<text x="${(m.left + len(r.current) + 6).toFixed(1)}" y="${y + 15}" fill="#1f2933">${esc(t.formatNumber(r.current))}</text>`,
      '</g>',
    );
  });
  parts.push(
    `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${height - m.bottom}" stroke="#9aa5b1"/>`,
    '</svg>',
  );
  return parts.join('');
}
