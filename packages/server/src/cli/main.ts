import { parseArgs } from 'node:util';
import { currentTotpCode } from '../modules/auth/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../modules/demo/demo-accounts.ts';
import { seedDemo } from '../modules/demo/seed-demo.ts';
import { seedDemoQueue } from '../modules/demo/seed-demo-cases.ts';
import { buildApp } from '../platform/app.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import { closePlatform, jobHandlers, openPlatform } from '../platform/bootstrap.ts';
import { type Config, ConfigError, loadConfig } from '../platform/config.ts';
import { DatabaseInUseError } from '../platform/db.ts';
import { startOutboxWorker } from '../platform/outbox.ts';
import { imageCheck } from './image-check.ts';

const USAGE = `Usage: dermis <command>

  start [--demo]     API, web app and background worker on one port (PORT, default 3000).
                     --demo creates the demo accounts first (safe to repeat).
  worker             Background worker only (needs DATABASE_URL; the embedded database
                     allows one process, and 'start' already runs a worker).
  migrate            Apply database migrations and exit.
  audit verify       Check the audit log's hash chain; exit 1 at the first broken row.
  seed-demo          Create the demo accounts and print them.
  demo-code [EMAIL]  Print the current second-factor code of demo accounts.
  image-check [--out DIR] FILE...
                     Run the server's photo pipeline on files; one JSON line per file.
`;

function printDemoAccounts() {
  console.log('\nDemo accounts (password for all: %s)\n', DEMO_PASSWORD);
  console.table(
    DEMO_ACCOUNTS.map((a) => ({
      email: a.email,
      role: a.specialistType ? `${a.role} (${a.specialistType})` : a.role,
      'TOTP secret': a.totpSecret ?? '(none; patients may add one)',
    })),
  );
  console.log('Current codes: npx dermis demo-code  (or add the secret to any authenticator app)\n');
}

async function start(config: Config, demo: boolean) {
  const p = await openPlatform(config);
  if (demo) {
    const created = await seedDemo(p);
    if (created.length > 0) printDemoAccounts();
    await seedDemoQueue(p);
  }
  const app = await buildApp(p);
  const worker = startOutboxWorker(p, jobHandlers);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await worker.stop();
    await closePlatform(p);
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  p.log.info({ port, database: p.db.kind }, 'Dermis is listening');
  console.log(`Dermis is running at ${config.tls ? 'https' : 'http'}://localhost:${port} (${p.db.kind} database)`);
}

async function worker(config: Config) {
  if (!config.databaseUrl) {
    throw new ConfigError(
      "'dermis worker' needs DATABASE_URL: the embedded database allows one process, and 'dermis start' already runs a worker.",
    );
  }
  const p = await openPlatform(config);
  const w = startOutboxWorker(p, jobHandlers);
  const stop = async () => {
    await w.stop();
    await closePlatform(p);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  p.log.info('worker started');
}

async function withPlatform<T>(config: Config, fn: (p: Awaited<ReturnType<typeof openPlatform>>) => Promise<T>) {
  const p = await openPlatform(config);
  try {
    return await fn(p);
  } finally {
    await closePlatform(p);
  }
}

async function main(argv: string[]) {
  // its own options, no configuration and no database
  if (argv[0] === 'image-check') {
    process.exitCode = await imageCheck(argv.slice(1));
    return;
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { demo: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  if (command === 'demo-code') {
    for (const a of DEMO_ACCOUNTS.filter((x) => x.totpSecret && (!sub || x.email === sub))) {
      console.log(`${currentTotpCode(a.totpSecret!, new Date())}  ${a.email}`);
    }
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'start':
      return start(config, values.demo ?? false);
    case 'worker':
      return worker(config);
    case 'migrate':
      await withPlatform(config, async () => console.log('Migrations are up to date.'));
      return;
    case 'seed-demo': {
      const created = await withPlatform(config, seedDemo);
      console.log(created.length ? `Created ${created.length} demo accounts.` : 'Demo accounts already exist.');
      printDemoAccounts();
      return;
    }
    case 'audit':
      if (sub !== 'verify') break;
      await withPlatform(config, async (p) => {
        const result = await verifyAuditChain(p.db);
        if (result.ok) console.log(`Audit log intact: ${result.checked} rows verified.`);
        else
          console.log(`Audit log BROKEN at seq ${result.firstBrokenSeq} (${result.checked} rows before it verified).`);
        process.exitCode = result.ok ? 0 : 1;
      });
      return;
  }
  console.error(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof ConfigError || error instanceof DatabaseInUseError) {
    console.error(`dermis: ${error.message}`);
  } else {
    console.error('dermis: failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
