import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { AppEnv } from '../env';

type Method = 'get' | 'post';

export interface ApiRoute {
  method: Method;
  /** Hono path syntax (`/cases/:id`). */
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed, for the document; the verb enforces them. */
  roles: string;
  body?: z.ZodType;
  query?: z.ZodType;
  status?: ContentfulStatusCode;
  handler: (c: Context<AppEnv>, input: { body: unknown; query: Record<string, string> }) => Promise<unknown>;
}

/** Reads a JSON body; a malformed one is the client's error, said plainly. */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The request body is not valid JSON');
  }
}

/** Mounts routes on the sub-app and remembers them for the OpenAPI document. */
export function mount(app: Hono<AppEnv>, routes: ApiRoute[]): void {
  for (const r of routes) {
    app[r.method](r.path, async (c) => {
      const body = r.method === 'post' ? await readJson(c) : undefined;
      const result = await r.handler(c, { body, query: c.req.query() });
      return c.json({ data: result }, r.status ?? 200);
    });
  }
}

export function openApiDocument(routes: ApiRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = `/api${r.path.replace(/:(\w+)/g, '{$1}')}`;
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = r.query ? queryParams(r.query) : [];
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      description: `Roles: ${r.roles}.`,
      parameters: [...params, ...query],
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } }
        : {}),
      responses: {
        [String(r.status ?? 200)]: { description: 'OK: `{ data }`' },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Passerelle API',
      version: '0.1.0',
      description: 'Every error is `{ error: { code, message, requestId } }`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token from `passerelle token create`.',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'requestId'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                requestId: { type: 'string' },
                issues: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { field: { type: 'string' }, message: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

function queryParams(schema: z.ZodType) {
  const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: js.required?.includes(name) ?? false,
    schema: s,
  }));
}
