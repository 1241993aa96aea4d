// The inbox lists many cases and must not build a connector per row to put a badge on it.
import { readOnlyNetworks } from '../../domain/networks';
import { AppError } from '../../lib/errors';
import type { Ctx } from '../../services/context';
import { type Preflight, replyPreflight } from '../../services/replies/reply-preflight';
import { translateMessage } from './error-text';
import type { View } from './view';

export { readOnlyNetworks };

/** The pre-flight as a page shows it: the verdict, or why the network could not be asked. */
export interface PreflightView {
  network: string;
  verdict: Preflight | null;
  /** Why there is no verdict (no connector, credentials that cannot be read, no instance URL). */
  unavailable: string | null;
  readOnly: boolean;
  /** The text that was measured; empty before anyone typed. */
  text: string;
}

/** What the reply box needs from the verdict: the network's maximum, and whether to offer a box at all. */
export interface ReplyLimits {
  max: number;
  canReply: boolean;
}

/**
 * Asks the reply pre-flight service (never a connector directly). A network that cannot be checked
 * now still gets its page: the verdict explains, and no reply box is offered.
 */
export async function loadPreflight(
  ctx: Ctx,
  caseId: string,
  network: string,
  text = '',
): Promise<PreflightView> {
  const readOnly = readOnlyNetworks.has(network);
  try {
    const verdict = await replyPreflight(ctx, caseId, text);
    const saysReadOnly = !verdict.allowed && /read-only source/.test(verdict.reason ?? '');
    return { network, verdict, unavailable: null, readOnly: readOnly || saysReadOnly, text: text.trim() };
  } catch (err) {
    // A case the reader may not see stays a 403/404; a network that cannot be asked (no connector,
    // unreadable credentials, an account missing its instance URL) must not take the case page down.
    if (!(err instanceof AppError) || err.code === 'forbidden' || err.code === 'not_found') throw err;
    return { network, verdict: null, unavailable: err.message, readOnly, text: text.trim() };
  }
}

export function canAnswer(p: PreflightView): boolean {
  return !p.readOnly && p.verdict?.allowed === true;
}

export function limitsOf(p: PreflightView | null): ReplyLimits | null {
  if (!p?.verdict) return null;
  return { max: p.verdict.max, canReply: canAnswer(p) };
}

/**
 * The verdict before an advisor writes: may this post be answered here, with how much room; after
 * a check or a refused send, how much of it the typed text uses and whether it repeats a reply.
 */
export function PreflightVerdict({ v, p }: { v: View; p: PreflightView }) {
  const network = v.label('network', p.network);
  if (p.readOnly) {
    return (
      <div class="notice notice-info preflight" role="status" data-preflight="read-only">
        <p>{v.t('preflight.readOnly')}</p>
      </div>
    );
  }
  if (!p.verdict) {
    return (
      <div class="notice notice-error preflight" role="status" data-preflight="unavailable">
        <p>
          {v.t('preflight.unavailable', {
            network,
            reason: translateMessage(v.locale, p.unavailable ?? ''),
          })}
        </p>
      </div>
    );
  }
  const f = p.verdict;
  if (!f.allowed) {
    return (
      <div class="notice notice-warn preflight" role="status" data-preflight="refused">
        <p>{v.t('preflight.notAllowed', { network, reason: translateMessage(v.locale, f.reason ?? '') })}</p>
      </div>
    );
  }
  const over = f.used - f.max;
  const measured = p.text !== '';
  const tone = measured && (over > 0 || f.duplicate) ? 'notice-warn' : 'notice-ok';
  return (
    <div class={`notice ${tone} preflight`} role="status" data-preflight="allowed">
      <p>{v.t('preflight.allowed', { network, max: f.max })}</p>
      {measured ? (
        <ul>
          <li class={over > 0 ? 'preflight-bad' : undefined}>
            {over > 0
              ? v.t('preflight.over', { used: f.used, max: f.max, over })
              : v.t('preflight.used', { used: f.used, max: f.max, remaining: f.remaining })}
          </li>
          <li class={f.duplicate ? 'preflight-bad' : undefined} data-duplicate={f.duplicate ? 'yes' : 'no'}>
            {f.duplicate ? v.t('preflight.duplicate') : v.t('preflight.clear')}
          </li>
        </ul>
      ) : null}
    </div>
  );
}
