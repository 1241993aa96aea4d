import { and, eq } from 'drizzle-orm';
import { networkAccounts } from '../../db/schema';
import { connectorFor } from '../accounts/connector-for';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { brandTopicsFor } from '../learning/topic-models';
import { describePollError } from '../listening/poll-listener';
import { validate } from '../validate';
import { listenerInput } from './create-listener';

/**
 * Runs a listener's query once, from the start, and shows what it would ingest, classified:
 * nothing is stored, no cursor moves.
 */
export async function previewListener(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'connections.manage');
  const data = validate(listenerInput, raw);
  const accounts = await ctx.db
    .select()
    .from(networkAccounts)
    .where(and(eq(networkAccounts.brandId, data.brandId), eq(networkAccounts.network, data.network)));
  const account = accounts.find((a) => a.id === data.accountId) ?? accounts[0] ?? null;
  const brandTopics = await brandTopicsFor(ctx, data.brandId);
  try {
    const { connector, account: accountRef } = await connectorFor(ctx, data.network, account);
    const result = await connector.poll({
      kind: data.kind,
      query: data.query,
      target: data.target ?? null,
      cursor: null,
      account: accountRef,
    });
    return {
      ok: true as const,
      count: result.mentions.length,
      mentions: result.mentions.slice(0, 25).map((m) => ({
        externalId: m.externalId,
        text: m.text,
        url: m.url,
        author: m.author.handle,
        createdAt: m.createdAt,
        classification: ctx.classifier.classify({
          text: m.text,
          languageHint: m.language,
          topics: brandTopics,
        }),
      })),
    };
  } catch (err) {
    return { ok: false as const, error: describePollError(err) };
  }
}
