/**
 * The new part of an e-mail reply: everything before the quoted original. Mail clients mark the
 * quote differently; these are the common English and French markers.
 */
const cutMarkers = [
  /^On .{3,200}wrote:\s*$/i,
  /^Le .{3,200}a écrit\s*:\s*$/i,
  /^-{2,}\s*(Original Message|Message d['’]origine)\s*-{2,}/i,
  /^(From|De)\s*:\s.+/i,
  /^_{10,}\s*$/,
  /^Sent from my /i,
  /^Envoyé de mon /i,
];

export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (cutMarkers.some((m) => m.test(trimmed))) break;
    if (trimmed.startsWith('>')) continue;
    kept.push(line);
  }
  // A signature separator ends the answer too.
  const sig = kept.indexOf('-- ');
  return (sig >= 0 ? kept.slice(0, sig) : kept).join('\n').trim();
}
