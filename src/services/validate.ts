import type { z } from 'zod';
import { ValidationError } from '../lib/errors';

/** Parses input with a zod schema; failures name each field and why. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })),
  );
}
