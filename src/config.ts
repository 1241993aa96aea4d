import { z } from 'zod';

/** All configuration, parsed once at the entry from the environment. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** Public URL of the service, for links in notifications and the demo connector. */
  PUBLIC_URL: z.string().url().optional(),
  /** `auto`: demo mode when nothing but the demo brand is configured. */
  DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Seconds between demo network posts while the demo runs. */
  DEMO_POST_EVERY: z.coerce.number().int().min(1).default(20),
  LOG_LEVEL: z.enum(['info', 'silent']).default('info'),
  /** 32 random bytes (base64) sealing credentials at rest; the embedded default keeps one in DATA_DIR. */
  SECRET_KEY: z.string().min(40, 'must be 32 random bytes in base64 (openssl rand -base64 32)').optional(),
});

export type Config = z.infer<typeof configSchema>;

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means unset, as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
