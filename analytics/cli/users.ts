/**
 * `npm run users -- list` · `npm run users -- add LOGIN --role ROLE --unit CODE [--name "…"]`
 * The accounts. The new user's password is read from the first line of standard input (never from the command line,
 * which other users of the machine can see): `printf '%s\n' "$PASSWORD" | npm run users -- add …`.
 * While the server holds the store, the command goes through it.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../config.js';
import { findLocalServer } from '../store/local-server.js';
import { createUser, listUsers, type ListedUser, type User } from '../access/users.js';
import { ROLES, type Role } from '../access/scope.js';
import { dayInVietnam } from '../clock.js';
import { openCommandStore, parseCliArgs, runCli, UserError } from './run.js';

const USAGE = [
  'usage: npm run users -- list',
  `       npm run users -- add LOGIN --role ${ROLES.join('|')} --unit CODE [--name "Display name"]   (password on stdin)`,
].join('\n');

async function firstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

runCli(async () => {
  const { values: args, positionals } = parseCliArgs({ role: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' } }, USAGE);
  const [command, login] = positionals;
  if (command !== 'list' && command !== 'add') throw new UserError(USAGE, 2);
  const config = loadConfig();
  const server = findLocalServer(config);

  if (command === 'list') {
    const users = server
      ? (await server.request<{ users: ListedUser[] }>('GET', '/api/users')).users
      : await (async () => {
          const store = await openCommandStore(config, 'npm run users');
          try {
            return await listUsers(store, {});
          } finally {
            await store.close();
          }
        })();
    for (const u of users) process.stdout.write(`${u.login.padEnd(20)} ${u.role.padEnd(9)} ${u.home_unit_code.padEnd(6)} ${u.disabled ? 'disabled ' : ''}${u.display_name}\n`);
    return;
  }

  if (!login || !args.role || !args.unit) throw new UserError(USAGE, 2);
  if (!(ROLES as readonly string[]).includes(args.role)) throw new UserError(`"${args.role}" is not a role (${ROLES.join(', ')})`, 2);
  const password = (await firstLine()).replace(/\r$/, '');
  const user = { login, display_name: args.name ?? login, role: args.role as Role, home_unit_code: args.unit, password };
  let created: User;
  if (server) {
    created = await server.request<User>('POST', '/api/users', Buffer.from(JSON.stringify(user)), 'application/json');
  } else {
    const store = await openCommandStore(config, 'npm run users');
    try {
      created = await createUser(store, user, dayInVietnam());
    } finally {
      await store.close();
    }
  }
  process.stdout.write(`user ${created.login} created: ${created.role} of ${created.home_unit_code}\n`);
});
