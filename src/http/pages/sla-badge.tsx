import type { SlaState } from '../../domain/sla';
import { Badge } from './components';
import { formatDateTime } from './i18n';
import type { View } from './view';

const tone: Record<SlaState, string> = { ok: 'ok', due_soon: 'warn', breached: 'danger', met: 'muted' };

/** The case's SLA state, with both due times on hover. */
export function SlaBadge({
  v,
  state,
  firstDue,
  resolutionDue,
  zone,
}: {
  v: View;
  state: SlaState | null;
  firstDue: Date | null;
  resolutionDue: Date | null;
  zone?: string;
}) {
  if (!state) return <span class="muted">{v.t('ib.none')}</span>;
  const when = (d: Date | null) => (d ? formatDateTime(v.locale, d, zone) : v.t('ib.none'));
  return (
    <Badge
      tone={tone[state]}
      title={v.t('ib.slaTitle', { first: when(firstDue), resolution: when(resolutionDue) })}
    >
      {v.t(`sla.${state}`)}
    </Badge>
  );
}
