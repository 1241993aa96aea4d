/**
 * One CSV field: quoted when it holds a separator, a quote or a line break (quotes doubled, RFC 4180),
 * and neutralised when a spreadsheet would read it as a formula: a leading = + - @ tab or CR gets a
 * leading apostrophe, which Excel, LibreOffice and Sheets show as text.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
