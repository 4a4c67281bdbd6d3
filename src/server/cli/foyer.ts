import 'dotenv/config';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from '../db/client.js';
import { migrateToLatest } from '../db/migrator.js';
import { CliError, createAdmin, resetUserPassword, verifyAuditLog } from './commands.js';

const HELP = `Usage: foyer <command> [options]

Commands:
  start                                 start the server (same as npm start)
  migrate                               apply pending database migrations
  admin:create --email E [--name N]     create an administrator
  user:reset-password --email E         set a new password and end the person's sessions
  audit:verify                          check the audit log's chain; exits 1 at the first broken link

Passwords: with --password-stdin the password is read from standard input; otherwise a strong
random password is generated and printed once. Configuration comes from the environment and .env
(see .env.example), exactly as for the server.
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return;
  }
  if (command === 'start') {
    await import('../main.js');
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    strict: true,
  });
  const config = loadConfig();
  const database = openDatabase(config.database);
  try {
    if (command === 'migrate') {
      const applied = await migrateToLatest(database.db as never);
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
      return;
    }
    await migrateToLatest(database.db as never);
    if (command === 'audit:verify') {
      const report = await verifyAuditLog({ db: database.db, config });
      if (report.broken) {
        process.stdout.write(
          `The audit log is broken at entry ${report.broken.seq} (${report.broken.id}): ${report.broken.problem}. ${report.checked === 1 ? '1 entry' : `${report.checked} entries`} before it ${report.checked === 1 ? 'is' : 'are'} intact.\n`,
        );
        process.exitCode = 1;
      } else {
        process.stdout.write(
          report.firstSeq === null
            ? 'The audit log is empty.\n'
            : `The audit log is intact: ${report.checked} entries, ${report.firstSeq} to ${report.firstSeq + report.checked - 1}${report.firstSeq > 1 ? ' (older entries were removed by the retention period)' : ''}.\n`,
        );
      }
      return;
    }
    const password = values['password-stdin'] ? await readStdin() : undefined;
    if (!values.email) throw new CliError('--email is required');
    const ctx = { db: database.db, config };
    if (command === 'admin:create') {
      const result = await createAdmin(ctx, { email: values.email, name: values.name, password });
      process.stdout.write(
        `Administrator ${result.email} created.\n${result.generatedPassword ? `Password (shown once): ${result.generatedPassword}\n` : ''}`,
      );
    } else if (command === 'user:reset-password') {
      const result = await resetUserPassword(ctx, { email: values.email, password });
      process.stdout.write(
        `Password of ${result.email} changed; their sessions have ended.\n${result.generatedPassword ? `New password (shown once): ${result.generatedPassword}\n` : ''}`,
      );
    } else {
      throw new CliError(`unknown command "${command}"\n\n${HELP}`);
    }
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CliError) process.stderr.write(`${error.message}\n`);
  else if (error instanceof Error && 'status' in error)
    process.stderr.write(`foyer: ${(error as Error & { errors?: { message: string }[] }).errors?.[0]?.message ?? error.message}\n`);
  else process.stderr.write(`foyer: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
