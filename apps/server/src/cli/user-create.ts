import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parseArgs } from 'node:util';
import { InvalidEnvironmentError, loadEnvironment } from '@hotseat/config';
import { withDatabase } from '@hotseat/database';
import { CreateUserDto, Revocations, STAFF_ROLES, UsersService } from '@hotseat/identity';
import { entities } from '../entities';
import { describeStartupError } from '../startup-error';

const USAGE = `Usage: npm run user:create -- --email <email> --name <name> --role <${STAFF_ROLES.join('|')}> [--password <password>]
Without --password, Hotseat generates one and prints it once.`;

class UsageError extends Error {}

/** `npm run user:create`: adds a staff account to the configured database. */
async function main(): Promise<void> {
  const input = readInput();
  const environment = loadEnvironment(process.env);
  const { user, generatedPassword } = await withDatabase(
    environment,
    entities,
    async (dataSource) => {
      await dataSource.runMigrations({ transaction: 'all' });
      return new UsersService(dataSource, new Revocations()).create(input);
    },
  );
  console.log(`Created ${user.role} ${user.name} <${user.email}>.`);
  if (generatedPassword) console.log(`Password (shown only now): ${generatedPassword}`);
}

function readInput(): CreateUserDto {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        password: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const input = plainToInstance(CreateUserDto, values);
  const problems = validateSync(input).flatMap((error) => Object.values(error.constraints ?? {}));
  if (problems.length > 0) {
    throw new UsageError(`${problems.map((problem) => `--${problem}`).join('\n')}\n${USAGE}`);
  }
  return input;
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(error.message);
  else if (error instanceof InvalidEnvironmentError)
    error.problems.forEach((line) => console.error(line));
  else console.error(`Could not create the account: ${describeStartupError(error)}`);
  process.exit(1);
});
