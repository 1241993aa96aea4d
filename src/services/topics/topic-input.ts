import { z } from 'zod';

/** Labels the classifier itself answers with: a brand topic cannot take them. */
const RESERVED_KEYS = ['unsure', 'none'];

/** Lines of a textarea or items of a JSON list, trimmed, blank ones and repeats dropped. */
const phrases = (max: number, tooLong: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((v) => {
      const items = (Array.isArray(v) ? v : v.split(/\r?\n/)).map((s) => s.trim()).filter(Boolean);
      return [...new Set(items)];
    })
    .pipe(z.array(z.string().max(max, tooLong)).max(50, 'at most 50 lines'));

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', 'on', 'yes', 'no', '1', '0', ''])])
  .default(false)
  .transform((v) => v === true || v === 'true' || v === 'on' || v === 'yes' || v === '1');

/** What the admin says about a topic; the key is set once (cases and corrections name it). */
export const topicFields = z
  .object({
    labelEn: z.string().trim().min(1, 'is required').max(80, 'at most 80 characters'),
    labelFr: z.string().trim().min(1, 'is required').max(80, 'at most 80 characters'),
    examples: phrases(300, 'each example is at most 300 characters'),
    keywords: phrases(60, 'each keyword is at most 60 characters'),
    needsSpecialist: bool,
    skill: z
      .string()
      .trim()
      .max(64, 'at most 64 characters')
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _ only')
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .superRefine((v, issues) => {
    if (v.examples.length === 0 && v.keywords.length === 0) {
      issues.addIssue({
        code: 'custom',
        path: ['examples'],
        message: 'give at least one example or keyword',
      });
    }
    if (v.needsSpecialist && !v.skill) {
      issues.addIssue({
        code: 'custom',
        path: ['skill'],
        message: 'a topic for specialists needs the skill that answers it',
      });
    }
  });

export const topicKey = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(40, 'at most 40 characters')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _ only')
  .refine((k) => !RESERVED_KEYS.includes(k), 'is reserved by the classifier');

export const createTopicInput = z.intersection(
  z.object({ brandId: z.string().min(1), key: topicKey }),
  topicFields,
);

export const updateTopicInput = z.intersection(z.object({ topicId: z.string().min(1) }), topicFields);

export const archiveTopicInput = z.object({
  topicId: z.string().min(1),
  archived: bool.default(true),
});
