import { parseArgs } from 'node:util';
import {
  classifyLines,
  decodeInput,
  evalCommand,
  modelsFor,
  trainCommand,
  ttyProgress,
} from '../classify/train-cli';
import { parseConfig } from '../config';
import { AppError } from '../lib/errors';
import { createApiToken } from '../services/auth/sessions';
import { asSystem } from '../services/context';
import { seedDemo } from '../services/demo/seed-demo';
import { pollDueListeners } from '../services/listening/poll-due-listeners';
import { createUser } from '../services/users/create-user';
import { DEMO_PASSWORD, printDemoLogins } from './demo-logins';
import { startNode } from './node';
import { buildNodeRuntime } from './runtime';

const usage = `passerelle <command>

  start                      run the service (PORT, DATA_DIR, DATABASE_URL, PUBLIC_URL, DEMO)
  migrate                    apply the migrations in drizzle/ and exit
  seed-demo                  create the demo workspace (brand Lumo, one user per role)
  user create --email E --name N --role advisor|expert|marketing|admin --password P
              [--skills billing,technical] [--languages en,fr] [--locale en|fr]
  token create --email E [--name N]   print a new API token for that user
  poll                       run one listening cycle now and print what it stored
  classify [--sentiment-model F] [--intent-model F] [--topic-model F]
                             classify standard input (one text a line, or JSON lines with "text")
  train <sentiment|intent|topic> --data FILE --out MODEL
                             train a model from TSV (label<TAB>text) or JSON lines ({"text","label"})
  eval <sentiment|intent|topic> --data FILE [--model MODEL]
                             accuracy, macro recall, macro F1, per-class figures, confusion matrix
`;

async function withRuntime<T>(
  fn: (rt: Awaited<ReturnType<typeof buildNodeRuntime>>) => Promise<T>,
): Promise<T> {
  const rt = await buildNodeRuntime({ ...parseConfig(process.env), LOG_LEVEL: 'silent' });
  try {
    return await fn(rt);
  } finally {
    await rt.database.close();
  }
}

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

export async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'start':
      await startNode(process.env);
      return -1; // keeps running
    case 'migrate':
      await withRuntime(async (rt) => console.log(`Migrations applied (${rt.database.kind}).`));
      return 0;
    case 'seed-demo':
      await withRuntime(async (rt) => {
        const { created } = await seedDemo(rt.deps, { password: DEMO_PASSWORD });
        await rt.runJob('demo-network');
        printDemoLogins(rt.deps.publicUrl, created);
      });
      return 0;
    case 'user': {
      if (sub !== 'create') break;
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          password: { type: 'string' },
          skills: { type: 'string' },
          languages: { type: 'string' },
          locale: { type: 'string' },
        },
      });
      await withRuntime(async (rt) => {
        const user = await createUser(rt.deps, {
          ...values,
          skills: list(values.skills),
          languages: list(values.languages),
        });
        console.log(`Created ${user.role} ${user.email} (${user.id}).`);
      });
      return 0;
    }
    case 'token': {
      if (sub !== 'create') break;
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: 'string' }, name: { type: 'string' } },
      });
      await withRuntime(async (rt) => {
        const email = values.email?.trim().toLowerCase();
        const user = email
          ? await rt.deps.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) })
          : null;
        if (!user)
          throw new AppError('not_found', `No user with e-mail ${values.email ?? '(missing --email)'}`);
        console.log(await createApiToken(rt.deps, user.id, values.name ?? 'cli'));
      });
      return 0;
    }
    case 'poll':
      await withRuntime(async (rt) => {
        const outcomes = await pollDueListeners(asSystem(rt.deps), { force: true });
        for (const o of outcomes) {
          console.log(
            o.ok ? `${o.listenerId}: ${o.fetched} fetched, ${o.stored} new` : `${o.listenerId}: ${o.error}`,
          );
        }
        if (outcomes.length === 0) console.log('No enabled listener.');
      });
      return 0;
    case 'classify': {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: {
          'sentiment-model': { type: 'string' },
          'intent-model': { type: 'string' },
          'topic-model': { type: 'string' },
        },
      });
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      const models = modelsFor({
        ...(values['sentiment-model'] ? { sentiment: values['sentiment-model'] } : {}),
        ...(values['intent-model'] ? { intent: values['intent-model'] } : {}),
        ...(values['topic-model'] ? { topic: values['topic-model'] } : {}),
      });
      process.stdout.write(classifyLines(decodeInput(Buffer.concat(chunks)), models));
      return 0;
    }
    case 'train': {
      const { values } = parseArgs({
        args: argv.slice(2),
        options: { data: { type: 'string' }, out: { type: 'string' } },
      });
      if (!sub || !values.data || !values.out)
        throw new AppError('bad_request', 'usage: passerelle train <task> --data FILE --out MODEL');
      const summary = trainCommand(sub, values.data, values.out, ttyProgress(process.stderr));
      console.log(
        `Trained ${summary.task} model ${summary.version} on ${summary.examples} examples (${summary.labels.join(', ')}) in ${summary.seconds.toFixed(1)} s: ${values.out} (${summary.bytes} bytes)`,
      );
      return 0;
    }
    case 'eval': {
      const { values } = parseArgs({
        args: argv.slice(2),
        options: { data: { type: 'string' }, model: { type: 'string' } },
      });
      if (!sub || !values.data)
        throw new AppError('bad_request', 'usage: passerelle eval <task> --data FILE [--model MODEL]');
      console.log(evalCommand(sub, values.data, values.model).report);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(usage);
      return 0;
  }
  console.error(`Unknown command: ${argv.join(' ')}\n\n${usage}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err instanceof AppError || err instanceof Error ? `Error: ${err.message}` : err);
    process.exit(1);
  },
);
