import { z } from 'zod';
import { getSlaPolicy, listBackupCandidates, listSlaPolicies } from '../../services/sla/list-sla-policies';
import { createSlaPolicy, deleteSlaPolicy, updateSlaPolicy } from '../../services/sla/save-sla-policy';
import type { ApiRoute } from './registry';

const asObject = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

/** The body as callers write it, for the document; the verb's own schema does the checking. */
const policyBody = z.object({
  minPriority: z.number().int().min(0).max(100).describe('Applies to cases at or above this priority'),
  firstResponseMinutes: z.number().int().describe('First-response target, business time'),
  firstResponseUnit: z.enum(['minutes', 'hours']).optional().describe('Unit of the target (minutes)'),
  resolutionMinutes: z.number().int().describe('Resolution target, business time'),
  resolutionUnit: z.enum(['minutes', 'hours']).optional(),
  openingHours: z
    .union([
      z.record(z.string(), z.string()),
      z.array(z.object({ day: z.number().int(), start: z.number().int(), end: z.number().int() })),
    ])
    .describe(
      'Hours per ISO weekday ("1" = Monday ... "7" = Sunday), e.g. {"1": "09:00-12:30, 13:30-18:00", "6": "10:00-14:00"}, a day left out being closed; or the windows a policy is read back with, [{"day": 1, "start": 540, "end": 750}, ...] in minutes after midnight',
    ),
  timeZone: z.string().nullable().optional().describe("IANA zone; empty for the brand's"),
  reminderMinutes: z.number().int().min(0).max(1440).describe('Reminder lead before each due time'),
  backupUserId: z.string().nullable().optional().describe('Who takes over a missed case'),
});

export const slaPolicyRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/admin/brands/:brandId/sla-policies',
    summary: "A brand's SLA policies, one per priority threshold",
    tag: 'admin',
    roles: 'admin',
    handler: (c) => listSlaPolicies(c.get('ctx'), { brandId: c.req.param('brandId') ?? '' }),
  },
  {
    method: 'post',
    path: '/admin/brands/:brandId/sla-policies',
    summary:
      'Add an SLA policy: targets in business time, opening hours per weekday, closed days, reminder lead, backup',
    tag: 'admin',
    roles: 'admin',
    body: policyBody,
    status: 201,
    handler: (c, { body }) =>
      createSlaPolicy(c.get('ctx'), { ...asObject(body), brandId: c.req.param('brandId') ?? '' }),
  },
  {
    method: 'get',
    path: '/admin/sla-backups',
    summary: 'The people a policy may name as backup (active accounts)',
    tag: 'admin',
    roles: 'admin',
    handler: (c) => listBackupCandidates(c.get('ctx')),
  },
  {
    method: 'get',
    path: '/admin/sla-policies/:id',
    summary: 'One SLA policy',
    tag: 'admin',
    roles: 'admin',
    handler: (c) => getSlaPolicy(c.get('ctx'), c.req.param('id') ?? ''),
  },
  {
    method: 'post',
    path: '/admin/sla-policies/:id',
    summary: 'Edit an SLA policy; cases opened from now on get the new targets',
    tag: 'admin',
    roles: 'admin',
    body: policyBody,
    handler: (c, { body }) =>
      updateSlaPolicy(c.get('ctx'), { ...asObject(body), policyId: c.req.param('id') ?? '' }),
  },
  {
    method: 'post',
    path: '/admin/sla-policies/:id/delete',
    summary: 'Delete an SLA policy; open cases keep their due times',
    tag: 'admin',
    roles: 'admin',
    handler: (c) => deleteSlaPolicy(c.get('ctx'), { policyId: c.req.param('id') ?? '' }),
  },
];
