import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import { parseArgs } from 'node:util';
import { InvalidEnvironmentError, loadEnvironment } from '@hotseat/config';
import { dataSourceOptions, openDatabase } from '@hotseat/database';
import { CreateUserDto, STAFF_ROLES, UsersService } from '@hotseat/identity';
import { entities } from '../entities';
import { describeStartupError } from '../startup-error';

const USAGE = `Usage: npm run user:create -- --email <email> --name <name> --role <${STAFF_ROLES.join('|')}> [--password <password>]
Without --password, Hotseat generates one and prints it once.`;

class UsageError extends Error {}

/** `npm run user:create`: adds a staff account to the configured database. */
async function main(): Promise<void> {
  const input = readInput();
  const environment = loadEnvironment(process.env);
  const database = await openDatabase(environment);
  const dataSource = new DataSource({
    ...dataSourceOptions(database.target, entities),
    logging: ['error'],
  });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });
    const { user, generatedPassword } = await new UsersService(dataSource).create(input);
    console.log(`Created ${user.role} ${user.name} <${user.email}>.`);
    if (generatedPassword) console.log(`Password (shown only now): ${generatedPassword}`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.embedded?.stop();
  }
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
