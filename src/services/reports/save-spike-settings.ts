import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { brands, reportSettings } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';

/** Form posts send strings, the API numbers: both are read as numbers, and an empty field is missing. */
const num = (schema: z.ZodNumber) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v), schema);

export const spikeSettingsInput = z.object({
  brandId: z.string().trim().min(1, 'is required'),
  // Below 1.2 the ordinary ups and downs of an hour would alert.
  ratio: num(
    z.number({ error: 'must be a number' }).min(1.2, 'must be at least 1.2').max(50, 'must be at most 50'),
  ),
  minMentions: num(
    z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100_000, 'must be at most 100000'),
  ),
  negativeDelta: num(
    z.number({ error: 'must be a number' }).min(0.01, 'must be at least 0.01').max(1, 'must be at most 1'),
  ),
  alerts: z.preprocess(
    (v) => (v === 'on' || v === 'true' ? true : v === 'false' || v === '' ? false : v),
    z.boolean({ error: 'must be true or false' }),
  ),
});

/** Sets a brand's spike thresholds; the spike job reads them at its next run. */
export async function saveSpikeSettings(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'reports.configure');
  const input = validate(spikeSettingsInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const [brand] = await tx.select({ id: brands.id }).from(brands).where(eq(brands.id, input.brandId));
    if (!brand) throw new NotFoundError('Brand', input.brandId);
    const values = {
      spikeRatio: input.ratio,
      spikeMinMentions: input.minMentions,
      spikeNegativeDelta: input.negativeDelta,
      spikeAlerts: input.alerts,
      updatedAt: ctx.clock.now(),
    };
    await tx
      .insert(reportSettings)
      .values({ brandId: input.brandId, ...values })
      .onConflictDoUpdate({ target: reportSettings.brandId, set: values });
    await audit(tx, ctx, {
      action: 'spike_settings.saved',
      entityType: 'brand',
      entityId: input.brandId,
      details: {
        ratio: input.ratio,
        minMentions: input.minMentions,
        negativeDelta: input.negativeDelta,
        alerts: input.alerts,
      },
    });
    return {
      brandId: input.brandId,
      ratio: input.ratio,
      minMentions: input.minMentions,
      negativeDelta: input.negativeDelta,
      alerts: input.alerts,
    };
  });
}
